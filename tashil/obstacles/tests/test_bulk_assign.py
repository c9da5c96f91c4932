"""Giving many referrals to one officer at once from the agency's inbox (issue 26 §4): a confirmation page naming
each and offering only the agency's officers, then all or nothing through the same ``assign`` service as the
referral's page (one timeline entry and one change-log entry per referral, the officer told); another agency's
referral answers 404."""

import pytest

from tashil.core.choices import Role, ScopeLevel
from tashil.core.models import ChangeLogEntry
from tashil.core.testing.pages import form
from tashil.notifications.models import Notification
from tashil.obstacles import services
from tashil.obstacles.choices import EventKind, ReferralStatus
from tashil.obstacles.models import Obstacle, ObstacleEvent, Referral
from tashil.site.testing.factories import MembershipFactory, UserFactory

BULK = "/obstacles/referrals/bulk/"


@pytest.fixture
def officer2(world):
    """A second officer of agency A, to hand referrals to."""
    user = UserFactory(username="officer.two", first_name="مریم", last_name="کاردان")
    MembershipFactory(
        user=user, role=Role.AGENCY_OFFICER, level=ScopeLevel.COUNTY, county=world.county_a, agency=world.agency_a
    )
    return user


def new_referrals(world, count):
    referrals = []
    for n in range(count):
        obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title=f"مانع کارتابل {n}")
        referrals.extend(services.refer(obstacle, [world.agency_a], user=world.users["secretariat"]))
    return referrals


def assignment_events(referrals):
    return ObstacleEvent.objects.filter(referral__in=referrals, kind=EventKind.ASSIGNMENT)


def test_the_inbox_offers_the_bulk_assignment_to_its_officers_only(world, client_as, officer2):
    page = client_as("agency_officer").get("/obstacles/inbox/").content.decode()
    assert 'data-testid="bulk-assign"' in page and f'name="select" value="{world.referral_a.pk}"' in page
    assert 'data-testid="bulk-assign"' not in client_as("secretariat").get("/obstacles/referrals/").content.decode()


def test_the_preview_names_each_referral_offers_the_agencys_officers_and_writes_nothing(world, client_as, officer2):
    chosen = new_referrals(world, 2)
    client = client_as("agency_officer")
    bulk = form(client.get("/obstacles/inbox/"), testid="bulk-form")
    preview = client.post(bulk.action, {**bulk.data, "action": "assign", "select": [r.pk for r in chosen]})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert all(str(r) in page for r in chosen)
    confirm = form(preview, button_testid="bulk-confirm-button")
    offered = set(confirm.choices["assignee"]) - {""}
    assert offered == {str(world.users["agency_officer"].pk), str(officer2.pk)}, "agency A's officers only"
    assert not assignment_events(chosen).exists()
    assert set(Referral.objects.filter(pk__in=[r.pk for r in chosen]).values_list("assignee", flat=True)) == {None}


def test_the_referrals_go_to_one_officer_each_logged_once_and_the_officer_told(
    world, client_as, officer2, django_capture_on_commit_callbacks
):
    chosen = new_referrals(world, 3)
    client = client_as("agency_officer")
    preview = client.post(
        BULK, {"action": "assign", "select": [r.pk for r in chosen], "return_url": "/obstacles/inbox/"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = form(preview, button_testid="bulk-confirm-button").submit(client, assignee=officer2.pk)
    assert done.status_code == 302 and done.url == "/obstacles/inbox/"
    assert set(Referral.objects.filter(pk__in=[r.pk for r in chosen]).values_list("assignee", flat=True)) == {
        officer2.pk
    }
    for referral in chosen:
        assert assignment_events([referral]).count() == 1
        logged = ChangeLogEntry.objects.filter(content_type__model="referral", object_id=referral.pk, action="update")
        assert logged.count() == 1 and "assignee" in str(logged.get().changes)
    assert Notification.objects.filter(recipient=officer2, title__startswith="ارجاع به شما سپرده شد").count() == 3
    assert "۳ ارجاع به کارشناس سپرده شد" in client.get("/obstacles/inbox/").content.decode()


def test_one_refusal_in_the_service_for_the_last_referral_assigns_none(world, client_as, officer2):
    chosen = new_referrals(world, 3)
    # The last referral applied (they run by due date, then id) is already officer2's: assign() refuses it after
    # the first two were given, and the whole batch rolls back.
    services.assign(chosen[-1], officer2, user=world.users["agency_officer"])
    before = assignment_events(chosen).count()
    client = client_as("agency_officer")
    refused = client.post(
        BULK, {"action": "assign", "select": [r.pk for r in chosen], "confirmed": "1", "assignee": officer2.pk}
    )
    assert refused.status_code == 400
    assert "هم‌اکنون مسئول این ارجاع است" in refused.content.decode()
    assert list(Referral.objects.filter(pk__in=[r.pk for r in chosen[:2]]).values_list("assignee", flat=True)) == [
        None,
        None,
    ]
    assert assignment_events(chosen).count() == before


def test_a_referral_the_check_refuses_is_named_on_the_preview_and_nothing_is_assigned(world, client_as, officer2):
    chosen = new_referrals(world, 2)
    services.answer(chosen[1], ReferralStatus.DONE, "انجام شد", user=world.users["agency_officer"])
    client = client_as("agency_officer")
    selection = {"action": "assign", "select": [r.pk for r in chosen], "confirmed": "1", "assignee": officer2.pk}
    refused = client.post(BULK, selection)
    assert refused.status_code == 400
    assert "مسئول فقط برای ارجاع باز تعیین می‌شود" in refused.content.decode()
    assert not assignment_events(chosen).exists()


def test_an_officer_of_another_agency_is_not_offered_nor_accepted(world, client_as, officer2):
    chosen = new_referrals(world, 1)
    client = client_as("agency_officer")
    selection = {"action": "assign", "select": [chosen[0].pk], "confirmed": "1"}
    refused = client.post(BULK, {**selection, "assignee": world.users["agency_officer_b"].pk})
    assert refused.status_code == 400
    assert "کارشناس دستگاه شما نیست" in refused.content.decode()
    assert Referral.objects.get(pk=chosen[0].pk).assignee is None


def test_another_agencys_referral_answers_404_and_nothing_is_assigned(world, client_as, officer2):
    chosen = new_referrals(world, 1)
    client = client_as("agency_officer")
    selection = {"action": "assign", "select": [chosen[0].pk, world.referral_b.pk], "confirmed": "1"}
    assert client.post(BULK, {**selection, "assignee": officer2.pk}).status_code == 404
    assert Referral.objects.get(pk=chosen[0].pk).assignee is None
    assert Referral.objects.get(pk=world.referral_b.pk).assignee == world.users["agency_officer_b"]
    # A role without the assignment (the secretariat, who sees the referrals) is refused outright.
    assert client_as("secretariat").post(BULK, {**selection, "select": [chosen[0].pk]}).status_code == 403
