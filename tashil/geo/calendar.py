"""The work calendar of a place: the nation's (weekend and official holidays, core.workdays) with the closures
of a province and, for a county's agencies, of their county.

Deadlines are asked of it many times a request (a table of referrals, a recomputation after a closure), so the
closure days are cached per place — a province's province-wide closures under one key, a county's own under
another — and a change to a closure forgets only its place's key (``forget``). The nation's part keeps its own
cache (core.workdays).
"""

from django.core.cache import cache

from tashil.core.workdays import WorkCalendar

CACHE_PREFIX = "tashil:closures:v1"
CACHE_SECONDS = 24 * 3600


def province_key(province_id):
    return f"{CACHE_PREFIX}:province:{province_id}"


def county_key(county_id):
    return f"{CACHE_PREFIX}:county:{county_id}"


def closure_days(province_id, county_id=None):
    """The days the place was closed: its province's province-wide closures and (with a county) the county's."""
    from .models import Closure

    wanted = {province_key(province_id): Closure.objects.filter(province_id=province_id, county__isnull=True)}
    if county_id:
        wanted[county_key(county_id)] = Closure.objects.filter(county_id=county_id)
    found = cache.get_many(list(wanted))
    days = set()
    for key, rows in wanted.items():
        if key not in found:
            found[key] = list(rows.values_list("date", flat=True))
            cache.set(key, found[key], CACHE_SECONDS)
        days.update(found[key])
    return frozenset(days)


def calendar_for(province_id=None, county_id=None, national=None):
    """The calendar of the agencies of a place (a national agency's: the nation's alone). ``national``: the
    nation's calendar already loaded, when asking for many places."""
    national = national or WorkCalendar.load()
    if not province_id:
        return national
    return national.with_days_off(closure_days(province_id, county_id))


class PlaceCalendars:
    """The calendars of many places for one piece of work (a table, a recomputation): each built once."""

    def __init__(self):
        self.national = WorkCalendar.load()
        self.places = {}

    def of(self, province_id=None, county_id=None):
        key = (province_id, county_id)
        if key not in self.places:
            self.places[key] = calendar_for(province_id, county_id, national=self.national)
        return self.places[key]


def forget(province_id, county_id=None):
    """A closure of this place changed: its days are read again next time."""
    cache.delete(county_key(county_id) if county_id else province_key(province_id))


def forget_closure(instance, **kwargs):
    """Any save or delete of a closure (the services', the admin's, a fixture's) forgets its place's days; the
    services also forget the place a corrected closure left."""
    forget(instance.province_id, instance.county_id)
