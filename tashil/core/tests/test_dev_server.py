"""`make run` (the local settings) shows the product's own Persian error pages and still serves static files."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
missing = client.get("/no-such-page/")
static = client.get("/static/tashil/tashil.js")
print(json.dumps({
    "missing": missing.status_code,
    "body": missing.content.decode(),
    "static": static.status_code,
}))
"""


def test_make_run_shows_the_persian_404_page_not_the_url_listing():
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_DEBUG", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", DJANGO_ALLOWED_HOSTS="testserver")
    process = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert process.returncode == 0, process.stderr
    result = json.loads(process.stdout.strip().splitlines()[-1])
    assert result["missing"] == 404
    assert "URLconf" not in result["body"]
    assert 'lang="fa"' in result["body"]
    assert "این صفحه پیدا نشد" in result["body"]
    assert result["static"] == 200
