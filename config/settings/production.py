"""Production: PostgreSQL, hashed static files, secure cookies and HSTS. Every secret comes from the environment."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
# Refuse a per-process cache (core/checks.py, tashil.E001): several gunicorn workers must share one.
TASHIL_SHARED_CACHE_REQUIRED = True
SECRET_KEY = env("DJANGO_SECRET_KEY")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Cookies travel over HTTPS only. `make serve` on a workstation (plain HTTP on 127.0.0.1) turns this off
# with DJANGO_SECURE_COOKIES=false after `check --deploy` has passed with it on.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
# Submitting a domain to the browsers' HSTS preload list is a decision for its owner, once HTTPS is settled
# on every subdomain; it is off by default (DJANGO_HSTS_PRELOAD=true turns it on), so its reminder is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
