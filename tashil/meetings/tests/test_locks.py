"""Locks declared once on the model (``locked_reason``): approved minutes (the meeting, its agenda items,
attendance rows and resolutions), a verified resolution and a closed obstacle refuse every edit and delete, on
the pages and through the API, with a 403 that says why; nothing is changed. An amendment stays the way to
change approved minutes."""

import re

from django.urls import reverse

from tashil.core.testing.matrix import post_as
from tashil.meetings.models import AgendaItem, Attendance, Meeting, Resolution
from tashil.obstacles.models import Obstacle

LOCKED = "صورتجلسه این جلسه تأیید و قفل شده است"


def approve_minutes(world):
    for action in ("hold", "approve"):
        post_as(world, "secretariat", "meetings:meeting_action", pk=world.meeting_a.pk, action=action)
    world.meeting_a.refresh_from_db()
    assert world.meeting_a.is_frozen


def page_refusals(client, name, pk, reason):
    """Every method of a page route: the 403 and its reason, or what was answered instead."""
    url = reverse(name, kwargs={"pk": pk})
    wrong = []
    for method in ("get", "post"):
        response = getattr(client, method)(url, {"title": "تغییر", "text": "تغییر"} if method == "post" else None)
        if response.status_code != 403 or reason not in response.content.decode():
            wrong.append(f"{method.upper()} {url}: {response.status_code}")
    return wrong


def api_refusals(client, path, reason):
    wrong = []
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(path, {"title": "تغییر", "text": "تغییر"}, format="json")
        if response.status_code != 403 or reason not in response.json().get("detail", ""):
            wrong.append(f"{method.upper()} {path}: {response.status_code} {response.content[:200]!r}")
    return wrong


def test_the_secretariat_can_no_longer_delete_an_agenda_item_or_attendance_row_of_approved_minutes(world, client_as):
    """The reported hole: both delete pages answered 302 and the rows were gone."""
    approve_minutes(world)
    client = client_as("secretariat")
    for name, obj in (
        ("meetings:agendaitem_delete", world.agenda_a),
        ("meetings:attendance_delete", world.attendance_a),
    ):
        url = reverse(name, kwargs={"pk": obj.pk})
        assert client.get(url).status_code == 403
        response = client.post(url)
        assert response.status_code == 403 and LOCKED in response.content.decode(), name
    assert AgendaItem.objects.filter(pk=world.agenda_a.pk).exists()
    assert Attendance.objects.filter(pk=world.attendance_a.pk).exists()


def test_approved_minutes_refuse_every_edit_and_delete_on_every_route_and_change_nothing(world, client_as, api_as):
    approve_minutes(world)
    before = {
        "meeting": (world.meeting_a.place, world.meeting_a.status),
        "agenda": world.agenda_a.title,
        "attendance": (world.attendance_a.person_name, world.attendance_a.status),
        "resolution": world.resolution_a.text,
    }
    page, api = client_as("secretariat"), api_as("secretariat")
    wrong = []
    for kind, obj in (
        ("meeting", world.meeting_a),
        ("agendaitem", world.agenda_a),
        ("attendance", world.attendance_a),
        ("resolution", world.resolution_a),
    ):
        for suffix in ("edit", "delete"):
            wrong += page_refusals(page, f"meetings:{kind}_{suffix}", obj.pk, LOCKED)
        wrong += api_refusals(api, reverse(f"api:{kind}-detail", kwargs={"pk": obj.pk}), LOCKED)
    # The minutes' own forms on the meeting page are refused alike.
    for name in ("meetings:meeting_attendance", "meetings:meeting_invite", "meetings:meeting_agenda_obstacle"):
        response = page.post(reverse(name, kwargs={"pk": world.meeting_a.pk}), {"obstacle": world.obstacle_a.pk})
        if response.status_code != 403 or LOCKED not in response.content.decode():
            wrong.append(f"POST {name}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
    meeting = Meeting.objects.get(pk=world.meeting_a.pk)
    attendance = Attendance.objects.get(pk=world.attendance_a.pk)
    assert {
        "meeting": (meeting.place, meeting.status),
        "agenda": AgendaItem.objects.get(pk=world.agenda_a.pk).title,
        "attendance": (attendance.person_name, attendance.status),
        "resolution": Resolution.objects.get(pk=world.resolution_a.pk).text,
    } == before
    assert world.meeting_a.agenda_items.count() == 1 and world.meeting_a.attendance.count() == 1


def test_a_role_that_only_reads_the_minutes_is_told_they_are_locked_too(world, client_as):
    """The same 403 to every role that sees them: the lock, not the role, is the reason."""
    approve_minutes(world)
    assert not page_refusals(client_as("manager"), "meetings:agendaitem_delete", world.agenda_a.pk, LOCKED)
    assert not page_refusals(client_as("agency_officer"), "meetings:meeting_edit", world.meeting_a.pk, LOCKED)


def test_an_amendment_remains_the_way_to_change_approved_minutes(world, client_as):
    approve_minutes(world)
    client = client_as("secretariat")
    page = client.get(world.meeting_a.get_absolute_url()).content.decode()
    assert reverse("meetings:agendaitem_edit", kwargs={"pk": world.agenda_a.pk}) not in page
    amend = re.search(r'href="([^"]+)" data-testid="amend"', page).group(1)
    assert client.get(amend).status_code == 200
    response = client.post(amend, {"text": "نام نماینده دستگاه اصلاح شد", "reason": "اشتباه تایپی"})
    assert response.status_code == 302
    assert world.meeting_a.amendments.get().reason == "اشتباه تایپی"


def test_a_verified_resolution_is_locked(world, client_as, api_as):
    resolution = world.resolution_evidence_a
    post_as(world, "secretariat", "meetings:resolution_action", pk=resolution.pk, action="verify")
    resolution.refresh_from_db()
    assert resolution.verified_at is not None
    reason = "اجرای این مصوبه تأیید شده و مصوبه قفل است"
    client = client_as("secretariat")
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert 'data-testid="edit-button"' not in page
    wrong = page_refusals(client, "meetings:resolution_edit", resolution.pk, reason)
    wrong += page_refusals(client, "meetings:resolution_delete", resolution.pk, reason)
    wrong += api_refusals(api_as("secretariat"), reverse("api:resolution-detail", kwargs={"pk": resolution.pk}), reason)
    assert not wrong, "\n".join(wrong)
    assert Resolution.objects.get(pk=resolution.pk).text == resolution.text


def test_a_closed_obstacle_is_locked_but_still_takes_comments(world, client_as, api_as):
    obstacle = world.obstacle_a
    post_as(world, "secretariat", "obstacles:obstacle_close", {"outcome": "resolved"}, pk=obstacle.pk)
    obstacle.refresh_from_db()
    assert not obstacle.is_open
    reason = "بسته و قفل شده"
    client = client_as("secretariat")
    page = client.get(obstacle.get_absolute_url()).content.decode()
    assert reverse("obstacles:obstacle_edit", kwargs={"pk": obstacle.pk}) not in page
    wrong = page_refusals(client, "obstacles:obstacle_edit", obstacle.pk, reason)
    wrong += page_refusals(client, "obstacles:obstacle_delete", obstacle.pk, reason)
    wrong += api_refusals(api_as("secretariat"), reverse("api:obstacle-detail", kwargs={"pk": obstacle.pk}), reason)
    assert not wrong, "\n".join(wrong)
    assert Obstacle.objects.get(pk=obstacle.pk).title == obstacle.title
    client.post(reverse("obstacles:obstacle_comment", kwargs={"pk": obstacle.pk}), {"text": "پیگیری پس از بستن"})
    assert obstacle.events.filter(text__contains="پیگیری پس از بستن").exists()


def test_nothing_is_added_to_approved_minutes_and_what_was_typed_is_kept(world, client_as, api_as):
    """The agenda and resolution forms no longer offer approved meetings; the attendance form still does, and the
    API takes any: the lock refuses the new part, with its reason, and rolls the save back."""
    approve_minutes(world)
    typed = {"meeting": world.meeting_a.pk, "agency": world.agency_a2.pk, "person_name": "نماینده دیرآمده"}
    response = client_as("secretariat").post(reverse("meetings:attendance_add"), {**typed, "status": "present"})
    page = response.content.decode()
    assert response.status_code == 400 and LOCKED in page and typed["person_name"] in page
    item = {"meeting": world.meeting_a.pk, "order": 2, "title": "دستور افزوده پس از تأیید"}
    response = api_as("secretariat").post(reverse("api:agendaitem-list"), item, format="json")
    assert response.status_code == 403 and LOCKED in response.json()["detail"]
    assert not Attendance.objects.filter(person_name=typed["person_name"]).exists()
    assert not AgendaItem.objects.filter(title=item["title"]).exists()
