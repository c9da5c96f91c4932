"""The embedded default used by `make run`: SQLite in var/, debug pages, console e-mail."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="tashil-local-development-key-not-for-production-use-0123456789")
VAR_DIR.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
