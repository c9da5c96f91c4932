"""Iranian working days: deadlines skip the weekend and official holidays, both kept in editable tables.

This is the nation's calendar. A place's calendar adds the closures of a province or county to it
(``WorkCalendar.with_days_off``; geo.calendar builds and caches it per place)."""

import bisect
import datetime

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Holiday, WeekendDay

CACHE_KEY = "tashil:workcalendar:v1"
# Never walk further than this looking for a working day: a calendar with no working day is a data error.
MAX_SEARCH_DAYS = 3660


class WorkCalendar:
    """A snapshot of the weekend and the holidays, cheap to ask many questions of (imports, generators)."""

    def __init__(self, weekend, holidays):
        self.weekend = frozenset(weekend)
        self.holidays = frozenset(holidays)
        # Holidays that fall on a working weekday, sorted: the ones that take a day out of a count.
        self.weekday_holidays = sorted(day for day in self.holidays if day.weekday() not in self.weekend)

    @classmethod
    def load(cls):
        data = cache.get(CACHE_KEY)
        if data is None:
            data = (
                list(WeekendDay.objects.values_list("weekday", flat=True)),
                list(Holiday.objects.values_list("date", flat=True)),
            )
            cache.set(CACHE_KEY, data, 3600)
        return cls(*data)

    def with_days_off(self, days):
        """This calendar with more days off: a province's or county's closures (see geo.calendar)."""
        if not days:
            return self
        return WorkCalendar(self.weekend, self.holidays | frozenset(days))

    def is_working_day(self, day):
        return day.weekday() not in self.weekend and day not in self.holidays

    def add_working_days(self, start, days):
        """The date ``days`` working days after ``start`` (before it when negative); 0 gives ``start``."""
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        current = start
        walked = 0
        while remaining:
            current += datetime.timedelta(days=step)
            walked += 1
            if walked > MAX_SEARCH_DAYS:
                raise ValueError("the work calendar has no working days")
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start, end):
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        # Whole weeks at once (each has 7 − weekend working days), then the few days left, then the
        # holidays on working weekdays in (start, end] found by bisection: a year late costs no more than a day.
        days = (end - start).days
        weeks, rest = divmod(days, 7)
        count = weeks * (7 - len(self.weekend))
        for offset in range(1, rest + 1):
            if (start + datetime.timedelta(days=weeks * 7 + offset)).weekday() not in self.weekend:
                count += 1
        holidays = bisect.bisect_right(self.weekday_holidays, end) - bisect.bisect_right(self.weekday_holidays, start)
        return count - holidays


def add_working_days(start, days):
    return WorkCalendar.load().add_working_days(start, days)


def working_days_between(start, end):
    return WorkCalendar.load().working_days_between(start, end)


def is_working_day(day):
    return WorkCalendar.load().is_working_day(day)


@receiver([post_save, post_delete], sender=Holiday)
@receiver([post_save, post_delete], sender=WeekendDay)
def _forget_calendar(**kwargs):
    cache.delete(CACHE_KEY)
