"""A meeting on a day off is held back until the secretariat confirms it; session numbers follow dates."""

import datetime

from tashil.core.jalali import format_jalali, today
from tashil.core.models import ChangeLogEntry, Holiday, WeekendDay
from tashil.meetings.choices import MeetingStatus
from tashil.meetings.models import Meeting


def next_weekday(weekday):
    day = today() + datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def meeting_post(world, day, **extra):
    return {"series": world.series_a.pk, "date": format_jalali(day), "place": "فرمانداری الف", **extra}


def test_a_friday_meeting_is_held_back_until_confirmed(world, client_as):
    WeekendDay.objects.get_or_create(weekday=4)
    friday = next_weekday(4)
    client = client_as("secretariat")
    response = client.post("/meetings/add/", meeting_post(world, friday))
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{format_jalali(friday)} جمعه، روز تعطیل هفته است" in page and 'name="off_day_confirmed"' in page
    assert not Meeting.objects.filter(series=world.series_a, date=friday).exists()
    response = client.post("/meetings/add/", meeting_post(world, friday, off_day_confirmed="on"))
    assert response.status_code == 302
    assert Meeting.objects.filter(series=world.series_a, date=friday).exists()


def test_an_official_holiday_is_named(world, client_as):
    tuesday = next_weekday(1)
    Holiday.objects.create(date=tuesday, title="شهادت امام")
    response = client_as("secretariat").post("/meetings/add/", meeting_post(world, tuesday))
    assert response.status_code == 400 and "تعطیل رسمی (شهادت امام)" in response.content.decode()


def test_a_working_day_needs_no_confirmation(world, client_as):
    WeekendDay.objects.get_or_create(weekday=4)
    response = client_as("secretariat").post("/meetings/add/", meeting_post(world, next_weekday(2)))
    assert response.status_code == 302


def test_numbers_follow_dates_within_the_series(world):
    planned = Meeting.objects.create(series=world.series_a, date=today() + datetime.timedelta(days=14))
    assert planned.number == 2
    earlier = Meeting.objects.create(series=world.series_a, date=today() + datetime.timedelta(days=3))
    planned.refresh_from_db()
    assert (world.meeting_a.number, earlier.number, planned.number) == (1, 2, 3)
    assert ChangeLogEntry.objects.filter(object_id=planned.pk, changes__0__field="number").exists()


def test_numbers_on_record_do_not_move(world):
    held = Meeting.objects.create(series=world.series_a, date=today())
    Meeting.objects.filter(pk=held.pk).update(status=MeetingStatus.HELD)
    backdated = Meeting.objects.create(series=world.series_a, date=today() - datetime.timedelta(days=2))
    held.refresh_from_db()
    assert (held.number, backdated.number) == (2, 3)


def test_a_meeting_moved_to_a_later_date_takes_its_place(world, client_as):
    soon = Meeting.objects.create(series=world.series_a, date=today() + datetime.timedelta(days=5))
    later = Meeting.objects.create(series=world.series_a, date=today() + datetime.timedelta(days=12))
    assert (soon.number, later.number) == (2, 3)
    WeekendDay.objects.get_or_create(weekday=4)
    postponed = next_weekday(2) + datetime.timedelta(days=14)
    response = client_as("secretariat").post(
        f"/meetings/{soon.pk}/edit/", meeting_post(world, postponed, off_day_confirmed="on", version=soon.version)
    )
    assert response.status_code == 302
    soon.refresh_from_db()
    later.refresh_from_db()
    assert (later.number, soon.number) == (2, 3)
