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


def test_the_api_refuses_a_friday_meeting_in_persian_until_it_is_confirmed(world, api_as):
    """The same rule as the page (meetings.models.check_meeting_day): named, refused, unless confirm_holiday."""
    WeekendDay.objects.get_or_create(weekday=4)
    friday = next_weekday(4)
    api = api_as("secretariat")
    payload = {"series": world.series_a.pk, "date": friday.isoformat(), "place": "فرمانداری الف"}
    refused = api.post("/api/meetings/meetings/", payload, format="json")
    assert refused.status_code == 400
    [message] = refused.json()["date"]
    assert f"{format_jalali(friday)} جمعه، روز تعطیل هفته است" in message and "confirm_holiday" in message
    assert not Meeting.objects.filter(series=world.series_a, date=friday).exists()
    created = api.post("/api/meetings/meetings/", {**payload, "confirm_holiday": True}, format="json")
    assert created.status_code == 201, created.content
    assert "confirm_holiday" not in created.json()
    meeting = Meeting.objects.get(series=world.series_a, date=friday)
    # A date left as it was is not asked about again; moving it to a holiday is.
    kept = api.patch(f"/api/meetings/meetings/{meeting.pk}/", {"place": "شهرک صنعتی الف"}, format="json")
    assert kept.status_code == 200, kept.content
    tuesday = next_weekday(1)
    Holiday.objects.create(date=tuesday, title="شهادت امام")
    moved = api.patch(f"/api/meetings/meetings/{meeting.pk}/", {"date": tuesday.isoformat()}, format="json")
    assert moved.status_code == 400 and "تعطیل رسمی (شهادت امام)" in moved.json()["date"][0]
    meeting.refresh_from_db()
    assert meeting.date == friday and meeting.place == "شهرک صنعتی الف"


def test_the_api_takes_a_working_day_without_confirmation(world, api_as):
    WeekendDay.objects.get_or_create(weekday=4)
    wednesday = next_weekday(2)
    payload = {"series": world.series_a.pk, "date": wednesday.isoformat(), "place": "فرمانداری الف"}
    created = api_as("secretariat").post("/api/meetings/meetings/", payload, format="json")
    assert created.status_code == 201, created.content
    assert Meeting.objects.get(pk=created.json()["id"]).date == wednesday
