"""Due dates are counted in working days on the Jalali calendar: weekends and holidays do not count."""

import datetime
from unittest import mock

from tashil.core.models import Holiday, WeekendDay
from tashil.core.reference import load_calendar
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle, ObstacleGroup


def refer_on(world, day, group=None):
    obstacle = Obstacle.objects.create(
        unit=world.unit_a, group=group or world.group_finance, title="مهلت", reported_date=day
    )
    with mock.patch("tashil.obstacles.services.today", return_value=day):
        return obstacle_services.refer(obstacle, [world.agency_a2])[0]


def test_ten_working_days_across_a_weekend_and_a_holiday(world):
    load_calendar()  # Thursday and Friday off; 1403/11/22 (Mon 10 Feb 2025) a holiday
    WeekendDay.objects.get_or_create(weekday=4)
    referral = refer_on(world, datetime.date(2025, 2, 5))  # Wednesday 1403/11/17
    # Counting from Saturday 8 Feb: 8, 9, (10 holiday), 11, 12, (13, 14 weekend), 15, 16, 17, 18, 19, (20, 21), 22
    assert referral.due_date == datetime.date(2025, 2, 22)
    assert Holiday.objects.filter(date=datetime.date(2025, 2, 10)).exists()


def test_a_group_sets_its_own_deadline(world):
    load_calendar()
    fast = ObstacleGroup.objects.get(code="INF01")  # power cuts: 5 working days
    referral = refer_on(world, datetime.date(2024, 10, 12), group=fast)  # Saturday
    assert referral.due_date == datetime.date(2024, 10, 19)  # Sat→Wed is 4, Thu/Fri off, Sat is the 5th


def test_the_deadline_follows_an_edited_calendar(world):
    load_calendar()
    start = datetime.date(2024, 10, 12)
    before = refer_on(world, start).due_date
    Holiday.objects.create(date=datetime.date(2024, 10, 14), title="تعطیلی اعلام‌شده")
    after = refer_on(world, start).due_date
    assert after == before + datetime.timedelta(days=1)
