"""The embedded default used by `make run`: SQLite in var/, console e-mail.

Debug is off, so `make run` shows the product's own Persian 404, 403 and 500 pages as its users will meet
them (Django's debug 404 lists every URL pattern). Tracebacks still reach the console through LOGGING;
`DJANGO_DEBUG=true make run` brings Django's debug pages back. Static files are served by WhiteNoise from
the source folders (finders), re-read on each request, so nothing is lost without DEBUG.
"""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="tashil-local-development-key-not-for-production-use-0123456789")
VAR_DIR.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
