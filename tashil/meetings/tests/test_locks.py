"""Locks declared once on the model (``locked_reason``): approved minutes (the meeting, its agenda items,
attendance rows, findings and resolutions), a verified resolution and a closed obstacle refuse every edit and
delete, on the pages, through the API and in the admin, with a 403 that says why; nothing is changed. Approved
minutes refuse every other action too but their declared follow-up (``lock_follow_ups``): an amendment, carrying
their open items to the next meeting, opening an obstacle from them, following up their resolutions.

The routes are not listed here: every page and API route of a locked object's model is found in the URLconf and
the router, each of its methods tried, so a route added later is checked without being named."""

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tashil.core import scope
from tashil.core.api.permissions import METHOD_ACTIONS
from tashil.core.models import ChangeLogEntry
from tashil.core.testing import pages
from tashil.core.testing.equivalence import by_api, same_both_ways
from tashil.core.testing.matrix import post_as, project_url_patterns
from tashil.core.views.generic import ActionView, ObjectEditView
from tashil.meetings.models import AgendaItem, Attendance, Meeting, MinutesAmendment, Resolution, VisitFinding
from tashil.meetings.tests.routes import execution_verified, minutes_approved, visit_approved
from tashil.obstacles.models import Obstacle

LOCKED = "صورتجلسه این جلسه تأیید و قفل شده است"
VERIFIED = "اجرای این مصوبه تأیید شده و مصوبه قفل است"


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


def test_nothing_is_added_to_approved_minutes_nor_moved_into_them_and_what_was_typed_is_kept(world, client_as, api_as):
    """The same 403 and reason on the page and the API, whether the form offers approved meetings (attendance) or
    not (agenda items): the part is refused, the page keeps what was typed, nothing is saved."""
    approve_minutes(world)
    page, api = client_as("secretariat"), api_as("secretariat")
    typed = {"meeting": world.meeting_a.pk, "agency": world.agency_a2.pk, "person_name": "نماینده دیرآمده"}
    response = page.post(reverse("meetings:attendance_add"), {**typed, "status": "present"})
    shown = response.content.decode()
    assert response.status_code == 403 and LOCKED in shown and typed["person_name"] in shown
    item = {"meeting": world.meeting_a.pk, "order": 2, "title": "دستور افزوده پس از تأیید"}
    response = page.post(reverse("meetings:agendaitem_add"), item)
    assert (
        response.status_code == 403
        and LOCKED in response.content.decode()
        and item["title"] in response.content.decode()
    )
    response = api.post(reverse("api:agendaitem-list"), item, format="json")
    assert response.status_code == 403 and LOCKED in response.json()["detail"]
    # A part of another meeting moved into the approved minutes: the same 403 on both ways in.
    row = Attendance.objects.create(meeting=world.visit_a, agency=world.agency_a2, person_name="جابه‌جا")
    moved = {"meeting": world.meeting_a.pk, "agency": world.agency_a2.pk, "person_name": "جابه‌جا", "status": "present"}
    response = page.post(reverse("meetings:attendance_edit", kwargs={"pk": row.pk}), moved)
    assert response.status_code == 403 and LOCKED in response.content.decode()
    response = api.patch(reverse("api:attendance-detail", kwargs={"pk": row.pk}), {"meeting": world.meeting_a.pk})
    assert response.status_code == 403 and LOCKED in response.json()["detail"]
    assert not Attendance.objects.filter(person_name=typed["person_name"]).exists()
    assert not AgendaItem.objects.filter(title=item["title"]).exists()
    assert Attendance.objects.get(pk=row.pk).meeting == world.visit_a
    assert world.meeting_a.attendance.count() == 1 and world.meeting_a.agenda_items.count() == 1


# ---------------------------------------------------------------- every route, found in the URLconf and the router

# The world's object of each model a lock state locks (the approved minutes: the meeting and every part with a page
# or API route; a verified resolution). A route of a model of the family with no object here fails the test.
STATES = {
    "approved minutes": (
        (minutes_approved, visit_approved),
        {
            Meeting: "meeting_a",
            AgendaItem: "agenda_a",
            Attendance: "attendance_a",
            Resolution: "resolution_a",
            VisitFinding: "finding_a",
        },
        LOCKED,
    ),
    "verified resolution": ((execution_verified,), {Resolution: "resolution_evidence_a"}, VERIFIED),
}
# Who tries each route: a role that may take its action, so that a 403 can only be the lock's (it names it).
TRYING = ("secretariat", "agency_officer")


def minutes_family(model):
    """Whether the model is locked with a meeting's minutes: the meeting, and what names it as its lock parent."""
    return model is Meeting or getattr(model, "lock_parent", None) == "meeting"


def view_model(view):
    queryset = getattr(view, "queryset", None)
    return queryset.model if queryset is not None else getattr(view, "model", None)


def trier(world, obj, action):
    """The first role of ``TRYING`` whose role and scope reach ``action`` on ``obj`` (the lock aside)."""
    return next((r for r in TRYING if scope.reaches(world.users[r], obj, action)), TRYING[0])


def record_of(world):
    """What approved minutes hold, less what their follow-up writes (an item's «carried» status, its obstacles;
    a resolution's follow-up fields): it must be the same after every route was tried."""
    meetings = Meeting.objects.filter(pk__in=(world.meeting_a.pk, world.visit_a.pk))
    return {
        "meetings": list(meetings.values("pk", "date", "place", "status", "chair_name", "number", "approved_at")),
        "items": list(
            AgendaItem.objects.filter(meeting__in=meetings).values("pk", "order", "unit", "title", "discussion")
        ),
        "attendance": list(
            Attendance.objects.filter(meeting__in=meetings).values(
                "pk", "agency", "unit", "person_name", "position", "status", "represented_by", "is_chair"
            )
        ),
        "findings": list(VisitFinding.objects.filter(meeting__in=meetings).values("pk", "finding", "unit", "group")),
        "resolutions": list(
            Resolution.objects.filter(meeting__in=meetings).values(
                "pk", "number", "text", "unit", "obstacle", "agency", "deadline", "producer_must_act"
            )
        ),
    }


def body(world, parent=None):
    """One body for every form and API action: what each asks, so that a follow-up runs to its end."""
    data = {
        "text": "متن آزمون قفل",
        "reason": "دلیل آزمون قفل",
        "note": "یادداشت آزمون قفل",
        "evidence": "مستند آزمون قفل",
        "title": "عنوان آزمون قفل",
        "finding": "یافته آزمون قفل",
        "person_name": "حاضر آزمون قفل",
        "order": 9,
        "status": "present",
        "group": world.group_finance.pk,
        "obstacle": world.obstacle_a.pk,
        "agency": world.agency_a.pk,
        "failure_party": "agency",
        "deadline_days": 5,
    }
    return {**data, **parent} if parent else data


def refused(response, reason):
    text = response.content.decode()
    return response.status_code == 403 and reason in text


def try_page_routes(world, objects, reason):
    """Every page route of a locked model, by GET and POST: (what was tried, what answered wrongly)."""
    tried, wrong = [], []
    for name, pattern in project_url_patterns():
        view = getattr(pattern.callback, "view_class", None)
        model = view_model(view)
        if view is None or model is None or hasattr(pattern.callback, "actions"):
            continue
        groups = set(pattern.pattern.regex.groupindex)
        if "pk" not in groups:
            wrong += try_page_add(world, name, view, model, objects, reason, tried)
        elif model in objects:
            obj = objects[model]
            for action_name in [a.name for a in view.actions] if "action" in groups else [None]:
                kwargs = {"pk": obj.pk, **({"action": action_name} if action_name else {})}
                wrong += try_page(world, name, view, obj, kwargs, reason, tried)
        elif minutes_family(model) and Meeting in objects:
            wrong.append(f"{name}: no locked {model.__name__} in STATES to try it on")
    return tried, wrong


def try_page(world, name, view, obj, kwargs, reason, tried):
    url = reverse(name, kwargs=kwargs)
    obj.refresh_from_db()  # a follow-up tried before may have changed what it takes (a verified resolution: nothing)
    declared = None
    if issubclass(view, ActionView):
        declared = next(a for a in view.actions if kwargs.get("action") in (None, a.name)).required_permission
    follow_up = declared in (obj.lock_follow_ups or ())
    client = Client()
    client.force_login(world.users[trier(world, obj, declared or "change")])
    wrong = []
    for method in ("get", "post"):
        tried.append(f"{method.upper()} {name} {kwargs.get('action') or ''}".strip())
        response = getattr(client, method)(url, body(world) if method == "post" else None)
        if follow_up:
            ok = not refused(response, reason)
        elif not hasattr(view, "post"):  # a page that only shows the object (its page, its PDF, a file): still shown
            ok = response.status_code != 403 if method == "get" else response.status_code == 405
        else:
            ok = refused(response, reason) or (method == "get" and response.status_code == 405)
        if not ok:
            wrong.append(f"{method.upper()} {url}: {response.status_code}")
    return wrong


def try_page_add(world, name, view, model, objects, reason, tried):
    """An add page of a part, for the locked whole: opened for it (?meeting=) and sent with it."""
    parent = getattr(model, "lock_parent", None)
    whole = parent and model._meta.get_field(parent).related_model
    if not issubclass(view, ObjectEditView) or whole not in objects:
        return []
    client = Client()
    client.force_login(world.users["secretariat"])
    url, named = reverse(name), {parent: objects[whole].pk}
    wrong = []
    for method, response in (
        ("GET", client.get(url, named)),
        ("POST", client.post(url, body(world, named))),
    ):
        tried.append(f"{method} {name}")
        if not refused(response, reason):
            wrong.append(f"{method} {url}?{parent}=…: {response.status_code}")
    return wrong


def try_api_routes(world, objects, reason, api_as):
    """Every API route of a locked model, by every method but reading: (what was tried, what answered wrongly)."""
    tried, wrong = [], []
    for name, pattern in project_url_patterns():
        callback = pattern.callback
        groups = set(pattern.pattern.regex.groupindex)
        if not hasattr(callback, "actions") or "format" in groups:
            continue
        model = view_model(callback.cls)
        if model is None:
            continue
        writes = [m for m in callback.actions if m not in ("get", "head", "options")]
        if "pk" in groups and model in objects:
            obj = objects[model]
            obj.refresh_from_db()
            declared = callback.initkwargs.get("workflow_permission")
            url = reverse(name, kwargs={"pk": obj.pk})
            for method in writes:
                action = declared or METHOD_ACTIONS[method.upper()]
                client = api_as(trier(world, obj, action))
                tried.append(f"{method.upper()} {name}")
                response = getattr(client, method)(url, body(world), format="json")
                ok = (
                    not refused(response, reason)
                    if action in (obj.lock_follow_ups or ())
                    else refused(response, reason)
                )
                if not ok:
                    wrong.append(f"{method.upper()} {url}: {response.status_code} {response.content[:200]!r}")
        elif "pk" not in groups and "post" in writes:
            parent = getattr(model, "lock_parent", None)
            whole = parent and model._meta.get_field(parent).related_model
            if whole in objects:
                tried.append(f"POST {name}")
                response = api_as("secretariat").post(
                    reverse(name), body(world, {parent: objects[whole].pk}), format="json"
                )
                if not refused(response, reason):
                    wrong.append(f"POST {reverse(name)} with {parent}: {response.status_code}")
    return tried, wrong


@pytest.mark.parametrize("state", STATES, ids=str)
def test_every_route_of_a_locked_object_answers_the_lock_or_is_its_declared_follow_up(state, world, api_as):
    """Pages: its edit, delete and action pages (every action of them), the add page of each of its parts named
    for it; API: PUT, PATCH, DELETE and every action of its detail, POST of each part's list naming it. Each
    answers 403 with the lock's reason unless it is a follow-up the model declares (``lock_follow_ups``), which
    runs; and when all were tried, the record is as it was."""
    setups, names, reason = STATES[state]
    for setup in setups:
        setup(world)
    objects = {model: getattr(world, attr) for model, attr in names.items()}
    for obj in objects.values():
        obj.refresh_from_db()
        assert obj.locked_reason(), f"{state} did not lock {obj!r}"
    before = record_of(world)
    tried_pages, wrong_pages = try_page_routes(world, objects, reason)
    tried_api, wrong_api = try_api_routes(world, objects, reason, api_as)
    assert not wrong_pages + wrong_api, "\n".join(wrong_pages + wrong_api)
    assert record_of(world) == before
    tried = set(tried_pages + tried_api)
    if state == "approved minutes":  # the walk found what it must (it is not silently empty)
        assert {
            "POST meetings:meeting_edit",
            "POST meetings:meeting_action hold",
            "POST meetings:meeting_action carry",
            "POST meetings:agendaitem_add",
            "GET meetings:attendance_add",
            "POST meetings:visitfinding_obstacle",
            "POST meetings:resolution_action verify",
            "DELETE api:attendance-detail",
            "POST api:meeting-carry",
            "POST api:agendaitem-list",
        } <= tried, sorted(tried)
    else:
        assert {"POST meetings:resolution_action cancel", "POST api:resolution-verify"} <= tried, sorted(tried)


def test_approved_minutes_declare_their_follow_up_and_every_other_action_is_refused(world):
    """The lock's rule, read on the objects: what approved minutes still take is declared; hold, approve, cancel,
    sending invitations and any action added later are refused by the lock, whoever asks."""
    approve_minutes(world)
    meeting, item = world.meeting_a, world.agenda_a
    assert {
        a
        for a in ("amend", "carry", "open_obstacle", "hold", "approve", "cancel", "change", "delete", "new")
        if not scope.locked_reason(meeting, a)
    } == {"amend", "carry", "open_obstacle"}
    assert not scope.locked_reason(item, "open_obstacle") and scope.locked_reason(item, "carry")
    assert not scope.locked_reason(world.resolution_a, "report") and scope.locked_reason(world.resolution_a, "new")
    assert not scope.locked_reason(meeting, "view")


def test_carrying_the_open_items_of_approved_minutes_is_their_follow_up_and_writes_only_the_carried_mark(
    world, client_as, api_as
):
    """After approval the unfinished items must still reach the next meeting's agenda: the page's button and the
    API carry them alike; of the approved record only each item's status («carried») is written, the copies go
    to the next (planned) meeting."""
    approve_minutes(world)
    meeting, item = world.meeting_a, world.agenda_a
    secretariat = client_as("secretariat")
    watched = (
        # Not the rows' ids: a copy's id differs between the two ways on PostgreSQL (a sequence does not roll back).
        (ChangeLogEntry, ("content_type__model", "object_repr", "action", "changes")),
        (AgendaItem, ("title", "status", "carried_from_id", "meeting__status", "meeting__series_id")),
        (Meeting, ("status", "series_id")),
    )

    def state():
        return {
            "item": AgendaItem.objects.filter(pk=item.pk).values("meeting_id", "title", "discussion", "status").get(),
            "meeting": Meeting.objects.filter(pk=meeting.pk).values("status", "place", "approved_at").get(),
        }

    written = []

    def by_page():
        page = secretariat.get(meeting.get_absolute_url())
        before = ChangeLogEntry.objects.count()
        assert pages.form(page, button_testid="carry").submit(secretariat).status_code == 302
        # What was written of the approved item itself (its id: the copy's differs between the two ways).
        entries = ChangeLogEntry.objects.order_by("pk")[before:]
        written.extend(
            (e.action, [c["field"] for c in e.changes])
            for e in entries
            if (e.content_type.model, e.object_id) == ("agendaitem", item.pk)
        )

    outcome = same_both_ways(
        watched, by_page, by_api(api_as("secretariat"), reverse("api:meeting-carry", kwargs={"pk": meeting.pk})), state
    )
    assert outcome["state"]["item"] == {
        "meeting_id": meeting.pk,
        "title": item.title,
        "discussion": item.discussion,
        "status": "carried",
    }
    assert outcome["state"]["meeting"]["status"] == "approved"
    [copy] = outcome["meetings.AgendaItem"]
    assert copy["carried_from_id"] == item.pk and copy["meeting__status"] == "planned"
    # Of the approved item only its status was written: its one change-log entry names that field alone.
    assert written == [("update", ["status"])]


# ---------------------------------------------------------------- the admin


@pytest.fixture
def superuser_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "a-long-pass-phrase"))
    return client


def test_the_admin_shows_locked_minutes_read_only_and_refuses_every_write(world, superuser_client):
    """The reported hole: a superuser deleted an approved agenda item at /django-admin/ (302, the row gone)."""
    approve_minutes(world)
    item, meeting = world.agenda_a, world.meeting_a
    change = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    page = superuser_client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode(), "read-only"
    assert superuser_client.post(change, {"title": "دگرگون", "meeting": meeting.pk, "order": 1}).status_code == 403
    delete = reverse("admin:meetings_agendaitem_delete", args=[item.pk])
    assert superuser_client.get(delete).status_code == 403
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"}
    response = superuser_client.post(reverse("admin:meetings_agendaitem_changelist"), bulk)
    assert response.status_code == 403 and LOCKED in response.content.decode()
    added = {"meeting": meeting.pk, "order": 5, "title": "افزوده در پیشخوان", "status": "open", "discussion": ""}
    response = superuser_client.post(reverse("admin:meetings_agendaitem_add"), added)
    assert response.status_code == 403 and LOCKED in response.content.decode()
    meeting_page = superuser_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert 'name="_save"' not in meeting_page and "attendance_set-TOTAL_FORMS" not in meeting_page
    assert (
        superuser_client.post(reverse("admin:meetings_meeting_delete", args=[meeting.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert AgendaItem.objects.get(pk=item.pk).title == item.title
    assert not AgendaItem.objects.filter(title=added["title"]).exists()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_admin_still_edits_and_deletes_what_is_not_locked(world, superuser_client):
    item = world.agenda_a
    delete = reverse("admin:meetings_agendaitem_delete", args=[item.pk])
    assert superuser_client.get(delete).status_code == 200
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_every_admin_of_a_locked_model_is_a_locked_admin(world):
    """So that a model given a lock later is read-only in the admin too (``core.admins.LockedAdmin``)."""
    from django.apps import apps

    from tashil.core.admins import LockedAdmin, LockedInline
    from tashil.core.models import BaseModel

    def has_lock(model):
        return issubclass(model, BaseModel) and (
            model.locked_reason is not BaseModel.locked_reason or model.lock_parent is not None
        )

    wrong = []
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        if has_lock(model) and not isinstance(model_admin, LockedAdmin):
            wrong.append(f"{model.__name__}: {type(model_admin).__name__} is not a LockedAdmin")
        for inline in model_admin.inlines:
            if (has_lock(model) or has_lock(inline.model)) and not issubclass(inline, LockedInline):
                wrong.append(f"{model.__name__}: inline {inline.__name__} is not a LockedInline")
    assert not wrong, "\n".join(wrong)
    assert isinstance(admin.site.get_model_admin(MinutesAmendment), LockedAdmin)
