"""Dashboard figures kept in the shared cache, so a national dashboard is aggregated once, not per visit.

A county's figures are always current: every change to a unit, status change, obstacle, referral, meeting,
resolution or clinic case bumps its county's generation, and the cached figures of that county are keyed by
it. A province's or the nation's figures would be recomputed on every change somewhere in the country, so
they are fresh for ``TASHIL_REPORT_CACHE_SECONDS`` (five minutes by default) and the page says when they
were computed; ``?refresh=1`` recomputes them. People with the same memberships share the same entry.

The nation's figures take seconds to aggregate at national size. When they are older than that, the first
request to find them so recomputes them, and meanwhile every other request is shown the older figures (with
their time) instead of starting the same aggregation again on every worker at once.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from tashil.core import scope

PREFIX = "tashil:reports"


def scope_signature(user):
    if user.is_superuser:
        return "superuser"
    parts = sorted(
        f"{m.role}:{m.level}:{m.province_id}:{m.county_id}:{m.agency_id}:{m.unit_id}:{m.centre_id}"
        for m in scope.memberships(user)
    )
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def county_generation(county_id):
    return cache.get(f"{PREFIX}:county:{county_id}", 0)


def bump_county(county_id):
    key = f"{PREFIX}:county:{county_id}"
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=None)


# Figures are kept this long at most; a recomputation is given this long before another may start.
KEEP_SECONDS = 7 * 24 * 3600
COMPUTING_SECONDS = 300


def kept_a_while(area):
    """Whether ``area``'s figures are kept for TASHIL_REPORT_CACHE_SECONDS (a province's or the nation's)
    rather than always current (a county's): the page then says when they were computed."""
    return area.county is None and settings.TASHIL_REPORT_CACHE


def cached(name, area, user, compute, refresh=False):
    """``compute()``'s result for this area and scope, from the cache when it is still good.

    Returns (value, computed_at)."""
    if not settings.TASHIL_REPORT_CACHE:
        return compute(), timezone.now()
    if area.county is not None:
        key = f"{PREFIX}:{name}:c{area.county.pk}:g{county_generation(area.county.pk)}:{scope_signature(user)}"
        fresh_for = None  # the key changes with the county's generation
    else:
        place = f"p{area.province.pk}" if area.province else "nation"
        key = f"{PREFIX}:{name}:{place}:{scope_signature(user)}"
        fresh_for = settings.TASHIL_REPORT_CACHE_SECONDS
    hit = None if refresh else cache.get(key)
    computing = f"{key}:computing"
    if hit is not None:
        if fresh_for is None or (timezone.now() - hit[1]).total_seconds() < fresh_for:
            return hit
        if not cache.add(computing, 1, timeout=COMPUTING_SECONDS):
            return hit  # another request is recomputing them: the older figures meanwhile
    try:
        value = (compute(), timezone.now())
        cache.set(key, value, timeout=KEEP_SECONDS)
    finally:
        if hit is not None:
            cache.delete(computing)
    return value


def _county_of(instance):
    for path in ("county_id", "unit.county_id", "obstacle.county_id", "meeting.county_id"):
        target = instance
        try:
            for part in path.split("."):
                target = getattr(target, part)
        except AttributeError:
            continue
        if target:
            return target
    return None


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    county_id = _county_of(instance)
    if county_id:
        transaction.on_commit(lambda: bump_county(county_id))


def units_changed(changed):
    """A units event (registered, edited, status changed, imported): each county it touched, once per batch."""
    for county_id in changed.counties:
        transaction.on_commit(lambda county_id=county_id: bump_county(county_id))


def connect():
    from tashil.clinic.models import ClinicCase
    from tashil.meetings.models import Meeting, Resolution
    from tashil.obstacles.models import Obstacle, Referral
    from tashil.units.models import IndustrialUnit, UnitStatusChange
    from tashil.units.services import after_units_changed

    after_units_changed(units_changed)
    for model in (Obstacle, Referral, Meeting, Resolution, ClinicCase):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"reports-cache-{model._meta.label}-{signal}")
    # A unit's delete (the generic delete page) and the cascade of its history to it: Django tells of a cascade
    # only through post_delete, so deletes keep the signal.
    for model in (IndustrialUnit, UnitStatusChange):
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reports-cache-{model._meta.label}-{post_delete}")
