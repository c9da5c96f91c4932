"""Iranian working days: deadlines skip the weekend and official holidays, both kept in editable tables."""

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
        count = 0
        current = start
        while current < end:
            current += datetime.timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


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
