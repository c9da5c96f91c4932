"""Settings shared by every environment; everything that differs comes from the environment."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "tashil"
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tashil.core",
    "tashil.geo",
    "tashil.orgs",
    "tashil.accounts",
    "tashil.units",
    "tashil.obstacles",
    "tashil.notifications",
    "tashil.meetings",
    "tashil.letters",
    "tashil.clinic",
    "tashil.catalog",
    "tashil.impact",
    "tashil.workshops",
    "tashil.reports",
    "tashil.public",
    "tashil.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tashil.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tashil.core.routers.ReadOnlyRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tashil.core.middleware.PrivateResponseMiddleware",
    "tashil.accounts.middleware.UserLanguageMiddleware",
    "tashil.core.middleware.LoginRequiredMiddleware",
    "tashil.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tashil.core.middleware.ChangeLoggingMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tashil.core.context_processors.tashil",
                "tashil.notifications.context_processors.notifications",
            ],
            "builtins": ["tashil.core.templatetags.tashil"],
        },
    },
]
FORM_RENDERER = "tashil.core.forms.renderers.BootstrapFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tashil.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server share the file; IMMEDIATE avoids "database is locked"
    # when two writers upgrade their read locks at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# A read replica (PostgreSQL streaming replication): pages that only read are served from it.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
# Always routed, replica or not: a row read from the replica and kept in the shared cache (a person's memberships)
# still names it when the replica is gone (after a fail-over); the router sends its related reads to a database
# that exists rather than to the one the row was read from.
DATABASE_ROUTERS = ["tashil.core.routers.ReplicaRouter"]
# Behind PgBouncer in transaction pooling (DATABASE_TRANSACTION_POOLING=true) a connection holds no state between
# transactions: no cursor kept open across them (Django's server-side cursors for .iterator() outside a transaction),
# no prepared statement (psycopg's are off: Django sets prepare_threshold to None unless OPTIONS asks for them).
if env.bool("DATABASE_TRANSACTION_POOLING", default=False):
    for database in DATABASES.values():
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by the web server's workers, the task worker and management commands (an import run by the
# worker or `manage.py import_units` must refresh what the server shows): by default a table in the database
# (made by `migrate`), Redis with CACHE_URL=redis://… for several servers. Tests use local memory.
SHARED_CACHE = env.cache("CACHE_URL", default="dbcache://tashil_cache")
if SHARED_CACHE["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis through django-redis: one client per server for the process, where Django's own backend builds a
    # redis-py client (and its table of 170 reply handlers) for every read: 72 µs of CPU a read instead of 160,
    # and a page reads the cache five or six times (bench/mix_cpu.py).
    SHARED_CACHE["BACKEND"] = "django_redis.cache.RedisCache"
CACHES = {
    "default": SHARED_CACHE,
    # Rendered fragments of the layout that depend on the code and the person's roles alone (the side menu, per
    # role set): the same in every process, so each keeps its own (core/checks.py allows this one).
    "layout": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tashil-layout",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Caches kept per process on purpose: what they hold is worked out from the code alone, never from data.
TASHIL_PER_PROCESS_CACHES = ["layout"]
# Under the production settings a per-process cache (local memory, dummy) is refused by a system check.
TASHIL_SHARED_CACHE_REQUIRED = False

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the signed-in person read from the shared cache (accounts/backends.py).
    "tashil.accounts.backends.PasswordBackend",
    # National single sign-on (OpenID Connect): answers only a return from the provider, and only when configured.
    "tashil.accounts.oidc.NationalSignOnBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# Sessions are read from the shared cache (Redis in production) and written through to the database, so a
# request reads no session row, and a cache emptied or restarted signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
# A user name is locked from one address only (one person cannot lock another out), and the address is the
# client's own behind TASHIL_TRUSTED_PROXIES balancers, found by the same rule as every other per-address limit.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "tashil.core.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("فارسی")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tashil.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))  # for EMAIL_BACKEND=…filebased.EmailBackend
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Tashil <no-reply@tashil.local>")

# Text messages: the file backend writes what would be sent to var/sms.log; a gateway's backend in production
# (docs/deploy.md). SMS_SENDER is the line messages come from (e.g. a 4040… government line).
SMS_BACKEND = env("SMS_BACKEND", default="tashil.notifications.sms.FileBackend")
SMS_FILE_PATH = env("SMS_FILE_PATH", default=str(VAR_DIR / "sms.log"))
SMS_SENDER = env("SMS_SENDER", default="")
# The Kavenegar backend (SMS_BACKEND=tashil.notifications.sms.KavenegarBackend): the API's base URL, the
# account's API key, seconds to wait for an answer (docs/notifications.md).
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="https://api.kavenegar.com")
SMS_API_KEY = env("SMS_API_KEY", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10)
# Quiet hours, Tehran time: a text message that is not urgent waits until they end.
SMS_QUIET_START = env("SMS_QUIET_START", default="22:00")
SMS_QUIET_END = env("SMS_QUIET_END", default="07:00")

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous call gets 401 with a WWW-Authenticate header.
        "tashil.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tashil.core.api.permissions.ScopedActionPermission"],
    "DEFAULT_FILTER_BACKENDS": ["tashil.core.api.filters.TashilFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "tashil.core.api.pagination.TashilPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tashil.core.api.exceptions.exception_handler",
    "PAGE_SIZE": 50,
    # The public API (no sign-in) answers each address this many times a minute.
    "DEFAULT_THROTTLE_RATES": {"public": env("TASHIL_PUBLIC_API_RATE", default="60/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tashil API",
    "DESCRIPTION": "API of Tashil, the production facilitation headquarters system. Dates are ISO (Gregorian).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set, whatever the field that uses it is called.
    "ENUM_NAME_OVERRIDES": {
        "ModerationEnum": "tashil.catalog.choices.Moderation",
        "RatingEnum": "tashil.obstacles.choices.Rating",
        "HostTypeEnum": "tashil.clinic.choices.HostType",
        "DimensionEnum": "tashil.clinic.choices.Dimension",
        "LeverEnum": "tashil.clinic.choices.Lever",
        "CaseReasonEnum": "tashil.clinic.choices.CaseReason",
        "CaseStatusEnum": "tashil.clinic.choices.CaseStatus",
        "CaseOutcomeEnum": "tashil.clinic.choices.CaseOutcome",
        "OwnerEnum": "tashil.clinic.choices.Owner",
        "VisitModeEnum": "tashil.clinic.choices.VisitMode",
        "RoleEnum": "tashil.core.choices.Role",
        "ScopeLevelEnum": "tashil.core.choices.ScopeLevel",
        "ChangeActionEnum": "tashil.core.choices.ChangeAction",
        "ChangeSourceEnum": "tashil.core.choices.ChangeSource",
        "WeekdayEnum": "tashil.core.choices.Weekday",
        "ZoneKindEnum": "tashil.geo.choices.ZoneKind",
        "MeetingKindEnum": "tashil.meetings.choices.MeetingKind",
        "MeetingStatusEnum": "tashil.meetings.choices.MeetingStatus",
        "AttendanceStatusEnum": "tashil.meetings.choices.AttendanceStatus",
        "AgendaStatusEnum": "tashil.meetings.choices.AgendaStatus",
        "ResolutionStatusEnum": "tashil.meetings.choices.ResolutionStatus",
        "WBESCategoryEnum": "tashil.obstacles.choices.WBESCategory",
        "SeverityEnum": "tashil.obstacles.choices.Severity",
        "SourceEnum": "tashil.obstacles.choices.Source",
        "ObstacleStatusEnum": "tashil.obstacles.choices.ObstacleStatus",
        "OutcomeEnum": "tashil.obstacles.choices.Outcome",
        "FailurePartyEnum": "tashil.obstacles.choices.FailureParty",
        "ReferralStatusEnum": "tashil.obstacles.choices.ReferralStatus",
        "EventKindEnum": "tashil.obstacles.choices.EventKind",
        "AgencyTypeEnum": "tashil.orgs.choices.AgencyType",
        "UnitStatusEnum": "tashil.units.choices.UnitStatus",
        "SizeClassEnum": "tashil.units.choices.SizeClass",
        "StatusChangeSourceEnum": "tashil.units.choices.StatusChangeSource",
        "CapacityUnitEnum": "tashil.units.choices.CapacityUnit",
        "ReportStatusEnum": "tashil.units.choices.ReportStatus",
        "ImportStatusEnum": "tashil.units.choices.ImportStatus",
        "WorkshopStatusEnum": "tashil.workshops.choices.WorkshopStatus",
        "OrganiserEnum": "tashil.workshops.choices.Organiser",
        "RegistrationStatusEnum": "tashil.workshops.choices.RegistrationStatus",
        "CentreLevelEnum": "tashil.clinic.choices.CENTRE_LEVELS",
    },
}

DJANGO_TABLES2_TEMPLATE = "tables/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-hover table-sm align-middle mb-0"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Tashil's own settings.
# The models core's framework works against without importing their apps (core imports no domain app,
# docs/architecture.md): the county every scope narrows to, and the rows whose presence means that a
# database is not empty (a backup is restored only into an empty one).
TASHIL_COUNTY_MODEL = "geo.County"
TASHIL_RESTORE_EMPTY_MODELS = ["accounts.User", "units.IndustrialUnit"]
TASHIL_PAGE_SIZE = 50
TASHIL_EXPORT_MAX_ROWS = env.int("TASHIL_EXPORT_MAX_ROWS", default=200_000)
# The unit import's limits (docs/import-format.md): a spreadsheet is refused, with a Persian message naming the
# limit, before it can exhaust the worker. Rows and columns count what the file holds, not what it declares;
# sizes are the unpacked (inflated) bytes of the XLSX's parts; the time and memory limits hold for one run.
TASHIL_IMPORT_MAX_ROWS = env.int("TASHIL_IMPORT_MAX_ROWS", default=150_000)
TASHIL_IMPORT_MAX_COLUMNS = env.int("TASHIL_IMPORT_MAX_COLUMNS", default=60)
TASHIL_IMPORT_MAX_INFLATED_MB = env.int("TASHIL_IMPORT_MAX_INFLATED_MB", default=300)
TASHIL_IMPORT_MAX_SHARED_STRINGS_MB = env.int("TASHIL_IMPORT_MAX_SHARED_STRINGS_MB", default=50)
TASHIL_IMPORT_MAX_COMPRESSION_RATIO = env.int("TASHIL_IMPORT_MAX_COMPRESSION_RATIO", default=100)
TASHIL_IMPORT_MAX_SECONDS = env.float("TASHIL_IMPORT_MAX_SECONDS", default=900)
TASHIL_IMPORT_MAX_MEMORY_MB = env.int("TASHIL_IMPORT_MAX_MEMORY_MB", default=1024)
# Parse an XLSX in a second process while the rows already read are checked and written (machines with 2+ cores).
TASHIL_IMPORT_READ_AHEAD = env.bool("TASHIL_IMPORT_READ_AHEAD", default=True)
# Where links in e-mails point.
TASHIL_SITE_URL = env("TASHIL_SITE_URL", default="http://127.0.0.1:8000")
# Working days an agency has to answer a referral, unless the obstacle group says otherwise.
TASHIL_REFERRAL_DAYS = env.int("TASHIL_REFERRAL_DAYS", default=10)
# Working days an agency has to first answer a referral (accept it or ask the producer for documents).
TASHIL_FIRST_RESPONSE_DAYS = env.int("TASHIL_FIRST_RESPONSE_DAYS", default=3)
# Working days a referral may wait on the producer's documents before its clock runs again by itself,
# and how often (in working days) the producer is reminded meanwhile.
TASHIL_PRODUCER_WAIT_DAYS = env.int("TASHIL_PRODUCER_WAIT_DAYS", default=10)
TASHIL_PRODUCER_REMIND_DAYS = env.int("TASHIL_PRODUCER_REMIND_DAYS", default=3)
# Working days a unit's representative has to confirm or reopen an agency's «done»; silence then confirms.
TASHIL_PRODUCER_REVIEW_DAYS = env.int("TASHIL_PRODUCER_REVIEW_DAYS", default=10)
# Attachments: the largest file accepted, and the file types.
TASHIL_ATTACHMENT_MAX_MB = env.int("TASHIL_ATTACHMENT_MAX_MB", default=10)
# Photos of products and visit findings, and units' logos.
TASHIL_IMAGE_MAX_MB = env.int("TASHIL_IMAGE_MAX_MB", default=5)
# Days an agency has to object to a resolution after the minutes are approved.
TASHIL_OBJECTION_DAYS = env.int("TASHIL_OBJECTION_DAYS", default=15)
# How long an invitee's answer link (signed, no sign-in) stays good (meetings/invitations.py).
TASHIL_INVITATION_LINK_DAYS = env.int("TASHIL_INVITATION_LINK_DAYS", default=60)
# Days the public accountability page and its open data lag behind today (figures as of that many days ago).
TASHIL_PUBLIC_LAG_DAYS = env.int("TASHIL_PUBLIC_LAG_DAYS", default=30)
# The hour (Tehran time) of the daily job: overdue notifications and digests.
TASHIL_DAILY_HOUR = env.int("TASHIL_DAILY_HOUR", default=7)
# A unit whose data nobody has verified for this many months is "stale".
TASHIL_STALE_MONTHS = env.int("TASHIL_STALE_MONTHS", default=12)
# Visitors' forms on the public site (contact a unit, investment inquiry, workshop interest): how many one
# address may send an hour, and how few seconds a person needs at least to fill one in (faster is a robot).
TASHIL_PUBLIC_FORMS_PER_HOUR = env.int("TASHIL_PUBLIC_FORMS_PER_HOUR", default=5)
TASHIL_PUBLIC_FORM_MIN_SECONDS = env.int("TASHIL_PUBLIC_FORM_MIN_SECONDS", default=3)
# Days an API key (made on the profile page) answers before its owner must make a new one.
TASHIL_API_TOKEN_DAYS = env.int("TASHIL_API_TOKEN_DAYS", default=90)
# Access without the secretariat (issue 24, docs/accounts.md, SECURITY.md): an invitation link lives
# TASHIL_INVITATION_DAYS days; a one-time code (SMS sign-in, recovery, self-registration) lives
# TASHIL_CODE_MINUTES minutes and takes TASHIL_CODE_ATTEMPTS guesses; at most TASHIL_CODE_SENDS_PER_HOUR codes or
# links go to one mobile or address an hour, and TASHIL_CODE_REQUESTS_PER_HOUR requests come from one client address.
TASHIL_INVITATION_DAYS = env.int("TASHIL_INVITATION_DAYS", default=7)
TASHIL_CODE_MINUTES = env.int("TASHIL_CODE_MINUTES", default=2)
TASHIL_CODE_ATTEMPTS = env.int("TASHIL_CODE_ATTEMPTS", default=5)
TASHIL_CODE_SENDS_PER_HOUR = env.int("TASHIL_CODE_SENDS_PER_HOUR", default=5)
TASHIL_CODE_REQUESTS_PER_HOUR = env.int("TASHIL_CODE_REQUESTS_PER_HOUR", default=30)
# How long the answer to "send me a code / a link" takes at least, whether or not an account exists.
TASHIL_ACCESS_ANSWER_SECONDS = env.float("TASHIL_ACCESS_ANSWER_SECONDS", default=0.4)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)
# How many load balancers / reverse proxies stand in front and append to X-Forwarded-For (0: none).
TASHIL_TRUSTED_PROXIES = env.int("TASHIL_TRUSTED_PROXIES", default=0)
# Dashboards: a province's or the nation's figures are kept this many seconds in the cache (a county's are
# kept until something in the county changes). TASHIL_REPORT_CACHE=false computes them on every visit.
TASHIL_REPORT_CACHE = env.bool("TASHIL_REPORT_CACHE", default=True)
TASHIL_REPORT_CACHE_SECONDS = env.int("TASHIL_REPORT_CACHE_SECONDS", default=300)
# How long the person's cache entry (core/person.py: memberships, the top bar's line, the unread count, saved
# views) lives at most. Events that change it replace it at once; this bounds only how long a renamed county or
# agency keeps its old name in the top bar.
TASHIL_PERSON_CACHE_SECONDS = env.int("TASHIL_PERSON_CACHE_SECONDS", default=600)
# The Content-Security-Policy of every page: scripts only from this site and never inline. Styles may be
# inline (a progress bar's width; the date picker and htmx add their own), images may be data: URLs (icons).
TASHIL_CONTENT_SECURITY_POLICY = env(
    "TASHIL_CONTENT_SECURITY_POLICY",
    default="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)
# Two-factor sign-in (TOTP, an authenticator app): anyone may turn it on in their profile; holders of these
# roles must (comma-separated, e.g. "admin,secretariat"). Off for everyone by default so the demo logins work.
TASHIL_2FA_REQUIRED_ROLES = env.list("TASHIL_2FA_REQUIRED_ROLES", default=[])
OTP_TOTP_ISSUER = "Tashil"
# National single sign-on (OpenID Connect, mozilla-django-oidc; docs/sso.md): on when OIDC_RP_CLIENT_ID and the
# provider are given: its issuer (endpoints read from <issuer>/.well-known/openid-configuration, or from
# OIDC_OP_DISCOVERY_URL), or its endpoints one by one. A person is matched by the national code in the claim
# TASHIL_OIDC_NATIONAL_CODE_CLAIM to an account that exists; no account or role is ever made from it.
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")
OIDC_OP_DISCOVERY_URL = env("OIDC_OP_DISCOVERY_URL", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TOKEN_USE_BASIC_AUTH = env.bool("OIDC_TOKEN_USE_BASIC_AUTH", default=False)
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10)
OIDC_VERIFY_SSL = env.bool("OIDC_VERIFY_SSL", default=True)
OIDC_CREATE_USER = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
TASHIL_OIDC_NATIONAL_CODE_CLAIM = env("TASHIL_OIDC_NATIONAL_CODE_CLAIM", default="national_code")
TASHIL_OIDC_DISCOVERY_SECONDS = env.int("TASHIL_OIDC_DISCOVERY_SECONDS", default=3600)
# Background tasks. A worker (manage.py task_worker) writes a heartbeat every TASHIL_WORKER_HEARTBEAT_SECONDS;
# a task left running by a worker silent for TASHIL_WORKER_STALE_SECONDS is queued again, at most
# TASHIL_TASK_MAX_ATTEMPTS times. A notification e-mail the mail server refuses is tried again after
# TASHIL_TASK_RETRY_SECONDS, then twice that, four times that… up to TASHIL_TASK_MAX_ATTEMPTS attempts.
TASHIL_WORKER_HEARTBEAT_SECONDS = env.float("TASHIL_WORKER_HEARTBEAT_SECONDS", default=10)
TASHIL_WORKER_STALE_SECONDS = env.float("TASHIL_WORKER_STALE_SECONDS", default=60)
TASHIL_TASK_MAX_ATTEMPTS = env.int("TASHIL_TASK_MAX_ATTEMPTS", default=6)
TASHIL_TASK_RETRY_SECONDS = env.float("TASHIL_TASK_RETRY_SECONDS", default=60)
