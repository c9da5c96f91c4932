"""Reads from a PostgreSQL replica, when one is configured (DATABASE_REPLICA_URL), for requests that only read.

A GET or HEAD request reads from the replica; anything that writes (a POST, a task, a command) reads and
writes on the primary.

A person sees what they have just saved even when the replica lags (or its replay is paused): a request that
may have written (any method but GET, HEAD, OPTIONS) leaves the primary's WAL position at its end in a signed
cookie, and that person's next safe requests read from the replica only once it has replayed up to there (one
cheap question to the replica, ``pg_last_wal_replay_lsn()``); until then they read from the primary. The cookie
travels with the person, so it holds whichever application server answers next; others read from the replica
as before (they may see a change a moment later, never an inconsistent page).

What is read right after a write on another request always comes from the primary, whatever the request:
the session (a person just signed in must not look signed out on the next GET), the sign-in lock-out rows
(django-axes) and the database cache's table (the county figures' generations, rate limits).
"""

import contextvars
import logging
import re

from django.conf import settings
from django.db import DatabaseError, connections

READ_ONLY = contextvars.ContextVar("tashil_read_only", default=False)
# What a read-only request has learnt of which rows match which scope filter (core.scope.row_matches): a dict for
# the request's length, None outside one or in a request that writes. Never kept on an object that outlives the
# request (the person's cache entry pickles the user, and a filter may hold a query of an unpicklable model).
ROWS_MATCHED = contextvars.ContextVar("tashil_rows_matched", default=None)

# App labels read from the primary only: sessions, django-axes, and Django's database cache (its model's label).
PRIMARY_ONLY = frozenset({"sessions", "axes", "django_cache"})

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The primary's WAL position after a person's last write ("0/3000148" kept as "0-3000148": a cookie value needs no
# quoting then), signed with SECRET_KEY.
POSITION_COOKIE = "tashil_written"
POSITION_SALT = "tashil.core.routers.position"
POSITION = re.compile(r"^[0-9A-F]{1,8}-[0-9A-F]{1,8}$")

log = logging.getLogger(__name__)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY or "replica" not in settings.DATABASES:
            return "default"
        return "replica" if READ_ONLY.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def streaming_replica():
    """True when a PostgreSQL replica is configured (the WAL positions only mean something there)."""
    return "replica" in settings.DATABASES and connections["default"].vendor == "postgresql"


def primary_position():
    """The primary's current WAL position: every transaction committed so far lies before it (None when the
    primary cannot be asked: the request has failed anyway)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return cursor.fetchone()[0]
    except DatabaseError:
        return None


def replica_has_replayed(position):
    """Whether the replica has replayed the WAL up to ``position``; False when it cannot tell (it is not
    replaying: promoted, or down)."""
    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [position])
            return cursor.fetchone()[0]
    except DatabaseError:
        log.warning("the replica did not say how far it has replayed; reading from the primary", exc_info=True)
        return False


class ReadOnlyRequestMiddleware:
    """Marks safe requests so the router may send their reads to the replica, unless the replica has not yet
    replayed this person's last write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        replica = streaming_replica()
        written = self.written_position(request) if replica else None
        read_only = safe and (written is None or replica_has_replayed(written))
        token = READ_ONLY.set(read_only)
        rows_token = ROWS_MATCHED.set({} if read_only else None)
        try:
            response = self.get_response(request)
        finally:
            ROWS_MATCHED.reset(rows_token)
            READ_ONLY.reset(token)
        position = primary_position() if replica and not safe else None
        if position:
            # After the view: ATOMIC_REQUESTS has committed its transaction, so the position covers it.
            response.set_signed_cookie(
                POSITION_COOKIE,
                position.replace("/", "-"),
                salt=POSITION_SALT,
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif written is not None and read_only:
            response.delete_cookie(POSITION_COOKIE, samesite="Lax")
        return response

    @staticmethod
    def written_position(request):
        position = request.get_signed_cookie(POSITION_COOKIE, default=None, salt=POSITION_SALT)
        return position.replace("-", "/") if position and POSITION.match(position) else None
