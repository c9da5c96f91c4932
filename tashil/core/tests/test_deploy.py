"""Production settings pass Django's deployment checklist with nothing left to warn about."""

import os
import subprocess
import sys

from django.conf import settings


def test_check_deploy_is_clean_with_the_production_settings():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # tests only
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-for-this-check-0123456789-abcdefghij",
        DATABASE_URL="sqlite:////tmp/tashil-check-deploy.sqlite3",
    )
    process = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert "System check identified no issues" in process.stdout
