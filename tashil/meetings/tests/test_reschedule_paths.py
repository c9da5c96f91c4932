"""A planned meeting whose invitations went out, moved to another day through its edit page, the API or the Django
admin: each way in is ``services.save_meeting``, which announces the new day to the invitees — once, whichever
way (issue 22 §1: the notice used to be sent by the page and the API each, and never by the admin)."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tashil.core.choices import ChangeAction
from tashil.core.jalali import format_jalali, today
from tashil.core.models import ChangeLogEntry
from tashil.core.testing.pages import form, link
from tashil.core.testing.tasks import run_queued_tasks
from tashil.meetings import services
from tashil.meetings.models import Attendance, Meeting
from tashil.site.testing.factories import UserFactory

INVITEE = "power@example.ir"
ANNOUNCED = "تغییر زمان یا محل جلسه"


def working_day(days):
    day = today() + datetime.timedelta(days=days)
    while day.weekday() in (3, 4):  # Thursday, Friday: off days in the test calendar
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def invited(world, django_capture_on_commit_callbacks):
    """A planned meeting of county A ten days ahead whose invitation went out to one agency."""
    meeting = Meeting.objects.create(
        series=world.series_a,
        date=working_day(10),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 0),
        place="فرمانداری الف",
    )
    Attendance.objects.create(meeting=meeting, agency=world.agency_a2, email=INVITEE)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(meeting, user=world.users["secretariat"])
    run_queued_tasks()
    mail.outbox.clear()
    return meeting


def move_by_page(world, client_as, api_as, meeting, day):
    client = client_as("secretariat")
    edit = client.get(link(client.get(meeting.get_absolute_url()), testid="edit-button"))
    return form(edit).submit(client, date=format_jalali(day))


def move_by_api(world, client_as, api_as, meeting, day):
    return api_as("secretariat").patch(
        reverse("api:meeting-detail", kwargs={"pk": meeting.pk}), {"date": day.isoformat()}, format="json"
    )


def move_by_admin(world, client_as, api_as, meeting, day):
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    change = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    return form(change, form_id="meeting_form").submit(client, date=day.isoformat())


@pytest.mark.parametrize("move", [move_by_page, move_by_api, move_by_admin], ids=["page", "api", "admin"])
def test_moving_the_day_sends_the_notice_once(
    world, client_as, api_as, invited, move, django_capture_on_commit_callbacks
):
    day = working_day(14)
    with django_capture_on_commit_callbacks(execute=True):
        response = move(world, client_as, api_as, invited, day)
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    run_queued_tasks()
    invited.refresh_from_db()
    assert invited.date == day
    update = [message for message in mail.outbox if INVITEE in message.to]
    assert len(update) == 1 and "تغییر" in update[0].subject
    assert invited.invitation_sequence == 1
    events = ChangeLogEntry.objects.filter(object_id=invited.pk, action=ChangeAction.EVENT, message__contains=ANNOUNCED)
    assert events.count() == 1


@pytest.mark.parametrize("move", [move_by_page, move_by_api, move_by_admin], ids=["page", "api", "admin"])
def test_an_edit_that_keeps_the_day_sends_nothing(
    world, client_as, api_as, invited, move, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = move(world, client_as, api_as, invited, invited.date)
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    run_queued_tasks()
    invited.refresh_from_db()
    assert mail.outbox == [] and invited.invitation_sequence == 0
