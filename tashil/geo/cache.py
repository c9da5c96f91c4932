"""Figures of an area (tashil.geo.areas) kept in the shared cache, so a national dashboard is aggregated once, not per visit.

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
import threading
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

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


_deferred = threading.local()


def bump_counties_on_commit(county_ids):
    """Bump each county's generation when the current transaction commits; inside ``one_bump_per_county()``,
    once for all the block asked for."""
    county_ids = {county_id for county_id in county_ids if county_id}
    collecting = getattr(_deferred, "county_ids", None)
    if collecting is not None:
        collecting.update(county_ids)
        return
    if county_ids:
        transaction.on_commit(lambda: bump_counties(county_ids))


def bump_counties(county_ids):
    """Bump several counties' generations in one transaction (with the database cache, one commit for all)."""
    with transaction.atomic():
        for county_id in sorted(county_ids):
            bump_county(county_id)


@contextmanager
def one_bump_per_county():
    """Collect the county bumps asked for inside the block and ask for each county once when it ends.

    An import of 100,000 units across every county writes 200 batches in one transaction; bumping each county
    once per batch cost the import two thirds of its time with the database cache (issue 22). The importer
    runs its batches inside this block, within its transaction: the figures change at the commit either way."""
    outer = getattr(_deferred, "county_ids", None)
    _deferred.county_ids = collected = set() if outer is None else outer
    try:
        yield
    finally:
        if outer is None:
            del _deferred.county_ids
    if outer is None:
        bump_counties_on_commit(collected)


# Figures are kept this long at most; a recomputation is given this long before another may start.
KEEP_SECONDS = 7 * 24 * 3600
COMPUTING_SECONDS = 300


def kept_a_while(area):
    """Whether ``area``'s figures are kept for TASHIL_REPORT_CACHE_SECONDS (a province's or the nation's)
    rather than always current (a county's): the page then says when they were computed."""
    return area.county is None and settings.TASHIL_REPORT_CACHE


def figures_key(name, area, user):
    """The cache key of ``name``'s figures for this area and scope: a county's holds its generation."""
    if area.county is not None:
        return f"{PREFIX}:{name}:c{area.county.pk}:g{county_generation(area.county.pk)}:{scope_signature(user)}"
    place = f"p{area.province.pk}" if area.province else "nation"
    return f"{PREFIX}:{name}:{place}:{scope_signature(user)}"


def cached(name, area, user, compute, refresh=False, key=None):
    """``compute()``'s result for this area and scope, from the cache when it is still good.

    ``key``: the figures' key when the caller has it already (``figures_key``). Returns (value, computed_at)."""
    if not settings.TASHIL_REPORT_CACHE:
        return compute(), timezone.now()
    key = key or figures_key(name, area, user)
    fresh_for = None if area.county is not None else settings.TASHIL_REPORT_CACHE_SECONDS
    hit = None if refresh else cache.get(key)
    computing = f"{key}:computing"
    if hit is not None:
        if fresh_for is None or (timezone.now() - hit[1]).total_seconds() < fresh_for:
            return hit
        if not cache.add(computing, 1, timeout=COMPUTING_SECONDS):
            return hit  # another request is recomputing them: the older figures meanwhile
    try:
        value = (compute(), timezone.now())
        # The time beside the figures, for a page that need not read them (``computed_when``).
        cache.set_many({key: value, f"{key}:at": value[1]}, timeout=KEEP_SECONDS)
    finally:
        if hit is not None:
            cache.delete(computing)
    return value


# HTML rendered from figures is kept this long (a new version of the figures is rendered anew at once: see
# ``rendered``).
RENDERED_SECONDS = 3600
# What renders the HTML (templates, their filters, translations, code) changes with a release, and a release
# restarts the processes: each process keeps its own copy, rendered once per version of the figures, so none
# shows what an older release rendered.
RENDERED_BY = uuid.uuid4().hex


def computed_when(key, area):
    """When the figures kept under ``key`` were computed, if they are still good to show, read without the
    figures themselves (a national scorecard's rows are a megabyte); None when they must be read, or
    recomputed, through ``cached``. Figures kept before their time was kept beside them answer None until
    they are recomputed."""
    if not settings.TASHIL_REPORT_CACHE:
        return None
    computed_at = cache.get(f"{key}:at")
    if computed_at is None or area.county is not None:
        return computed_at  # a county's key changes with its generation
    fresh = (timezone.now() - computed_at).total_seconds() < settings.TASHIL_REPORT_CACHE_SECONDS
    return computed_at if fresh else None


def rendered_key(key, computed_at, varies):
    parts = "|".join([RENDERED_BY, computed_at.isoformat(), translation.get_language() or "", *map(str, varies)])
    return f"{key}:html:{hashlib.sha1(parts.encode()).hexdigest()}"


def rendered(key, computed_at, render, *varies):
    """``render()``'s HTML for the figures kept under ``key`` (``figures_key``) as computed at ``computed_at``,
    from the cache when that very version of the figures was rendered already.

    Rendering thousands of numbers and their links cost a national dashboard more than reading its figures
    (30 ms of CPU a visit). The HTML's key holds the figures' key (their area, the scope of the people who
    share them, a county's generation) and the time they were computed, so whenever the figures are
    recomputed their HTML is too; the active language and ``varies`` (whatever else the HTML shows: today's
    date, a page, a sort) complete it. ``render`` must draw on the figures and the scope alone, never on the
    person (their name, their own worklist): people of the same scope share the entry."""
    if not settings.TASHIL_REPORT_CACHE:
        return render()
    html_key = rendered_key(key, computed_at, varies)
    html = cache.get(html_key)
    if html is None:
        html = render()
        cache.set(html_key, html, timeout=RENDERED_SECONDS)
    return html


def kept_rendering(key, computed_at, *varies):
    """What ``rendered`` kept for these figures and ``varies``, or None (then read the figures and render)."""
    return cache.get(rendered_key(key, computed_at, varies))
