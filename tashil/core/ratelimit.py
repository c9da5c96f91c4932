"""A fixed-window rate limit on the shared cache, for what visitors may send without signing in.

The cache is the project's CACHES["default"]: Redis (or the database) in production, so every application
server counts together; the per-process memory cache of a development machine counts per process.
"""

from django.core.cache import cache


def client_address(request):
    """The visitor's address as the server saw it (a proxy in front must set REMOTE_ADDR, e.g. gunicorn's
    --forwarded-allow-ips), never a header the visitor could forge."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(key, limit, window_seconds):
    """Count one more hit on ``key``; False when this hit goes beyond ``limit`` in the current window."""
    name = f"ratelimit:{key}"
    if cache.add(name, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # the window expired between add() and incr()
        cache.add(name, 1, timeout=window_seconds)
        return True
    return count <= limit
