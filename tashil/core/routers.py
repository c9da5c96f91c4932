"""Reads from a PostgreSQL replica, when one is configured (DATABASE_REPLICA_URL), for requests that only read.

A GET or HEAD request reads from the replica; anything that writes (a POST, a task, a command) reads and
writes on the primary, so a person never misses what they have just saved because the replica lags.

What is read right after a write on another request always comes from the primary, whatever the request:
the session (a person just signed in must not look signed out on the next GET), the sign-in lock-out rows
(django-axes) and the database cache's table (the county figures' generations, rate limits).
"""

import contextvars

READ_ONLY = contextvars.ContextVar("tashil_read_only", default=False)

# App labels read from the primary only: sessions, django-axes, and Django's database cache (its model's label).
PRIMARY_ONLY = frozenset({"sessions", "axes", "django_cache"})


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY:
            return "default"
        return "replica" if READ_ONLY.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReadOnlyRequestMiddleware:
    """Marks safe requests so the router may send their reads to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = READ_ONLY.set(request.method in ("GET", "HEAD", "OPTIONS"))
        try:
            return self.get_response(request)
        finally:
            READ_ONLY.reset(token)
