"""The test provider's settings: everything it needs comes from the environment ``serve`` is started with."""

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKDIR = Path(os.environ["OIDC_PROVIDER_DIR"])

SECRET_KEY = "tashil-test-oidc-provider-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tashil.accounts.tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(WORKDIR / "provider.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/accounts/login/"

# The people the provider knows: [{"username", "password", "national_code"}]; a person without a national code
# gets no national_code claim.
PEOPLE = json.loads(os.environ.get("OIDC_PROVIDER_PEOPLE", "[]"))

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": (WORKDIR / "key.pem").read_text(),
    "SCOPES": {"openid": "OpenID Connect", "national_code": "کد ملی"},
    "OAUTH2_VALIDATOR_CLASS": "tashil.accounts.tests.oidc_provider.validator.NationalCodeValidator",
    "PKCE_REQUIRED": True,
    # Redirect addresses on 127.0.0.1 and localhost match on any port (RFC 8252): the live server's port is
    # chosen when it starts.
    "ALLOW_LOCALHOST_LOOPBACK": True,
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
