"""Settings for the test suite: a SQLite file under var/ unless DATABASE_URL says PostgreSQL."""

import os

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REST_FRAMEWORK, VAR_DIR, env

SECRET_KEY = "tashil-test-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail stays in memory; a test that runs the task worker as a separate process points it at files instead.
EMAIL_BACKEND = env("TASHIL_TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("TASHIL_TEST_EMAIL_DIR", default="/tmp/tashil-test-mail")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env("DATABASE_URL", default=""):
    VAR_DIR.mkdir(exist_ok=True)
    # A file, not ":memory:": Django hands an in-memory database's one connection to every thread of the
    # live server, so two requests a browser sends at once would share a transaction and break it. With
    # a file each thread has its own connection, as in production.
    # One file per test process, so two runs on one machine never share (or delete) each other's database.
    test_file = str(VAR_DIR / f"test-{os.getpid()}.sqlite3")
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": test_file,
        "ATOMIC_REQUESTS": True,
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        "TEST": {"NAME": test_file},
    }
SMS_BACKEND = "tashil.notifications.sms.LocmemBackend"
AXES_ENABLED = True
# Every test client calls from 127.0.0.1: the public API's limit is set out of reach here, and a test that
# checks the limit lowers it for itself.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "100000/min"}}
TASHIL_PUBLIC_FORM_MIN_SECONDS = 0
# Figures computed afresh on every page, so a test sees what it has just written (tests of the cache turn it on).
TASHIL_REPORT_CACHE = False
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tashil-test"}}
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/tashil-test-media")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "ERROR"},
    },
}
TASHIL_ACCESS_ANSWER_SECONDS = 0.05
