import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tashil.core.choices import Weekday
from tashil.core.models import Holiday, WeekendDay
from tashil.core.reference import load_calendar
from tashil.core.workdays import add_working_days, is_working_day, working_days_between


@pytest.fixture
def calendar(db):
    load_calendar()


def test_default_calendar_closes_thursday_friday_and_nowruz(calendar):
    assert set(WeekendDay.objects.values_list("weekday", flat=True)) == {Weekday.THURSDAY, Weekday.FRIDAY}
    nowruz_1404 = datetime.date(2025, 3, 21)
    assert Holiday.objects.filter(date=nowruz_1404, is_fixed=True).exists()
    assert not is_working_day(nowruz_1404)


def test_add_working_days_skips_the_weekend(calendar):
    wednesday = datetime.date(2024, 10, 16)  # 1403/07/25
    assert add_working_days(wednesday, 1) == datetime.date(2024, 10, 19)  # Saturday
    assert add_working_days(wednesday, 0) == wednesday


def test_add_working_days_skips_a_holiday(calendar):
    # 1403/11/22 (10 Feb 2025, a Monday) is the Revolution Day holiday.
    sunday = datetime.date(2025, 2, 9)
    assert add_working_days(sunday, 1) == datetime.date(2025, 2, 11)  # Tuesday
    assert working_days_between(sunday, datetime.date(2025, 2, 11)) == 1


def test_ten_working_days_across_nowruz(calendar):
    # Start 1403/12/26 (Sunday 16 March 2025); Esfand 29, Nowruz 1-4 and 12-13 and the weekends are skipped.
    start = datetime.date(2025, 3, 16)
    due = add_working_days(start, 10)
    days = [start + datetime.timedelta(days=n) for n in range(1, (due - start).days + 1)]
    assert sum(1 for day in days if is_working_day(day)) == 10
    assert is_working_day(due)
    assert datetime.date(2025, 3, 21) in days  # Nowruz lies inside the span


def test_editing_the_calendar_takes_effect_at_once(calendar):
    saturday = datetime.date(2024, 10, 19)
    assert is_working_day(saturday)
    Holiday.objects.create(date=saturday, title="تعطیل اعلام‌شده")
    assert not is_working_day(saturday)
    WeekendDay.objects.filter(weekday=Weekday.THURSDAY).delete()
    assert is_working_day(datetime.date(2024, 10, 17))


def test_negative_working_days(calendar):
    saturday = datetime.date(2024, 10, 19)
    assert add_working_days(saturday, -1) == datetime.date(2024, 10, 16)


WEEKENDS = st.sets(st.integers(min_value=0, max_value=6), max_size=3)
DAYS = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2028, 12, 31))


@given(weekend=WEEKENDS, holidays=st.sets(DAYS, max_size=30), start=DAYS, end=DAYS)
def test_counting_working_days_by_weeks_matches_counting_day_by_day(weekend, holidays, start, end):
    """The fast count (whole weeks, then bisected holidays) against the plain walk from day to day."""
    from tashil.core.workdays import WorkCalendar

    calendar = WorkCalendar(weekend, holidays)
    low, high, sign = (start, end, 1) if start <= end else (end, start, -1)
    walked = sum(
        1
        for offset in range(1, (high - low).days + 1)
        if calendar.is_working_day(low + datetime.timedelta(days=offset))
    )
    assert calendar.working_days_between(start, end) == sign * walked


def test_generated_examples_have_no_time_limit():
    """No timed assertion in the suite: Hypothesis's limit on one example's time is off (tashil/conftest.py), so
    a busy machine cannot fail a property that holds."""
    from hypothesis import settings

    assert settings().deadline is None
