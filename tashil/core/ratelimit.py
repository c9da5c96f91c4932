"""A fixed-window rate limit on the shared cache, for what visitors may send without signing in.

The cache is the project's CACHES["default"]: Redis (or the database) in production, so every application
server counts together; the per-process memory cache of a development machine counts per process.
"""

import ipaddress

from django.core.cache import cache


def client_address(request):
    """The visitor's address, the one rule for every per-address limit: the visitors' forms, the sign-in lock-out
    (django-axes' AXES_CLIENT_IP_CALLABLE), the public API's throttle and the access log.

    Behind TASHIL_TRUSTED_PROXIES load balancers (each appending to X-Forwarded-For), it is the entry the
    nearest trusted proxy added; the entries before it could have been written by the visitor and are never
    believed, nor is an entry that is not an address. With no proxy, the connection's own address; None when
    there is none (a request made in code), which django-axes stores as an unknown address."""
    from django.conf import settings

    proxies = settings.TASHIL_TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            try:
                return str(ipaddress.ip_address(hops[-proxies]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None


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
