"""Production settings pass Django's deployment checklist with nothing left to warn about."""

import os
import subprocess
import sys

import pytest
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


def production_check(**overrides):
    """`manage.py check --deploy` in a fresh process with the production settings and ``overrides``."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-for-this-check-0123456789-abcdefghij",
        DATABASE_URL="sqlite:////tmp/tashil-check-deploy.sqlite3",
        **overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_production_settings_refuse_a_cache_each_process_keeps_to_itself():
    process = production_check(CACHE_URL="locmemcache://tashil")
    assert process.returncode != 0
    assert "tashil.E001" in process.stderr and "LocMemCache" in process.stderr, process.stderr
    assert "CACHE_URL" in process.stderr, "the hint names the setting to change"


def test_make_runs_default_cache_is_the_database_shared_by_every_process():
    """No CACHE_URL: `make run` (the local settings) and production use the database cache, which the web
    server, the task worker and commands all read (the production default passes check --deploy above)."""
    env = {key: value for key, value in os.environ.items() if key not in ("CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    probe = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", probe.stderr


def test_a_redis_cache_url_is_served_by_django_redis():
    """CACHE_URL=redis://… gives django-redis's backend (one client per process; the cluster's checks use it
    against a real Redis), with the server and database of the URL."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'])",
        ],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.local", "CACHE_URL": "redis://10.1.2.3:6380/4"},
        capture_output=True,
        text=True,
    )
    assert probe.stdout.split() == ["django_redis.cache.RedisCache", "redis://10.1.2.3:6380/4"], probe.stderr


@pytest.mark.django_db
def test_migrate_creates_the_database_caches_table(settings):
    """`migrate` (its post_migrate signal) makes the cache table, so no setup step can forget it."""
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tashil_cache_probe"},
    }
    assert "tashil_cache_probe" not in connection.introspection.table_names()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "tashil_cache_probe" in connection.introspection.table_names()
