"""Accountability to a person: a referral's assignee inside its agency (the inbox's «mine»), and the secretariat's
expert who follows (پیگیر) a unit and an obstacle; each with a worklist and its figures, each change logged."""

from rest_framework.test import APIClient

from tashil.core.choices import Role, ScopeLevel
from tashil.core.models import ChangeLogEntry
from tashil.core.testing.pages import form, link
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import EventKind
from tashil.obstacles.models import Obstacle, ObstacleEvent
from tashil.site.testing.factories import MembershipFactory, UserFactory


def officer_of(agency, username, first_name):
    user = UserFactory(username=username, first_name=first_name, last_name="آزمون")
    MembershipFactory(
        user=user,
        role=Role.AGENCY_OFFICER,
        level=ScopeLevel.COUNTY,
        county=agency.county,
        province=agency.county.province,
        agency=agency,
    )
    return user


def client_as_user(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def assign_by_page(client, referral, person):
    """Open the referral's page, follow its «assign» button, choose the person on the form it serves."""
    page = client.get(referral.get_absolute_url())
    assert page.status_code == 200
    action = client.get(link(page, testid="assign"))
    assigned = form(action, testid="object-form")
    return assigned.fill(assignee=str(person.pk) if person else "").submit(client)


def test_a_referral_assigned_then_reassigned_is_logged_on_the_timeline_and_the_change_log(
    world, client_as, django_capture_on_commit_callbacks
):
    colleague = officer_of(world.agency_a, "colleague.a", "مریم")
    client = client_as("agency_officer")
    me = world.users["agency_officer"]
    assert world.referral_a.assignee == me
    with django_capture_on_commit_callbacks(execute=True):
        assert assign_by_page(client, world.referral_a, colleague).status_code == 302
    world.referral_a.refresh_from_db()
    assert world.referral_a.assignee == colleague
    # The colleague hands it back.
    assert assign_by_page(client_as_user(colleague), world.referral_a, me).status_code == 302
    world.referral_a.refresh_from_db()
    assert world.referral_a.assignee == me

    entries = ObstacleEvent.objects.filter(obstacle=world.obstacle_a, kind=EventKind.ASSIGNMENT).order_by("pk")
    assert [(e.data["from"], e.data["to"]) for e in entries] == [(me.pk, colleague.pk), (colleague.pk, me.pk)]
    assert "مریم آزمون" in entries.first().text
    logged = ChangeLogEntry.objects.filter(object_id=world.referral_a.pk, content_type__model="referral").order_by("pk")
    changes = [c for entry in logged for c in entry.changes if c["field"] == "assignee"]
    assert [c["new"] for c in changes] == ["مریم آزمون", str(me)]
    assert [entry.user_id for entry in logged if entry.changes] == [me.pk, colleague.pk], "who changed it"
    # The colleague is told; the producer sees on the timeline who now answers for their obstacle.
    assert colleague.notifications.filter(title__contains=world.obstacle_a.title).exists()
    rep_page = client_as("unit_rep").get(world.obstacle_a.get_absolute_url()).content.decode()
    assert "مریم آزمون" in rep_page


def test_only_the_agencys_own_officers_may_be_assigned(world, client_as):
    client = client_as("agency_officer")
    page = client.get(link(client.get(world.referral_a.get_absolute_url()), testid="assign")).content.decode()
    outsider = world.users["agency_officer_b"]
    assert f'value="{outsider.pk}"' not in page, "another agency's officer is not offered"
    again = assign_by_page(client, world.referral_a, world.users["agency_officer"])
    assert again.status_code == 400 and "هم‌اکنون مسئول این ارجاع است" in again.content.decode()
    posted = client.post(f"/obstacles/referrals/{world.referral_a.pk}/assign/", {"assignee": outsider.pk})
    assert posted.status_code == 400
    assert "کارشناس این دستگاه نیست" in posted.content.decode()
    api = APIClient()
    api.force_authenticate(world.users["agency_officer"])
    answer = api.post(f"/api/obstacles/referrals/{world.referral_a.pk}/assign/", {"assignee": outsider.pk})
    assert answer.status_code == 400
    assert "کارشناس «اداره مالیات الف» نیست" in answer.content.decode()
    world.referral_a.refresh_from_db()
    assert world.referral_a.assignee == world.users["agency_officer"]


def test_another_agencys_referral_cannot_be_assigned(world, client_as):
    client = client_as("agency_officer")
    assert client.get(f"/obstacles/referrals/{world.referral_b.pk}/assign/").status_code == 404
    me = world.users["agency_officer"]
    assert client.post(f"/obstacles/referrals/{world.referral_b.pk}/assign/", {"assignee": me.pk}).status_code == 404
    api = APIClient()
    api.force_authenticate(me)
    assert api.post(f"/api/obstacles/referrals/{world.referral_b.pk}/assign/", {"assignee": me.pk}).status_code == 404


def test_the_inbox_mine_tab_lists_what_is_assigned_to_me_with_its_figures(world, client_as):
    colleague = officer_of(world.agency_a, "colleague.a", "مریم")
    mine = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title="مانع سپرده به من")
    theirs = Obstacle.objects.create(unit=world.unit_a2, group=world.group_finance, title="مانع سپرده به همکار")
    me = world.users["agency_officer"]
    mine_referral = obstacle_services.refer(mine, [world.agency_a])[0]
    obstacle_services.assign(mine_referral, me, user=me)
    obstacle_services.assign(obstacle_services.refer(theirs, [world.agency_a])[0], colleague, user=me)
    done = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title="مانع انجام‌شده من")
    done_referral = obstacle_services.refer(done, [world.agency_a])[0]
    obstacle_services.assign(done_referral, me, user=me)
    obstacle_services.answer(done_referral, "done", "انجام شد", user=me)

    client = client_as("agency_officer")
    inbox = client.get("/obstacles/inbox/")
    everything = inbox.content.decode()
    assert "مانع سپرده به من" in everything and "مانع سپرده به همکار" in everything
    page = client.get(link(inbox, testid="inbox-mine")).content.decode()
    assert "مانع سپرده به من" in page and "مانع انجام‌شده من" in page and "برگ تشخیص مالیات الف" in page
    assert "مانع سپرده به همکار" not in page
    assert 'data-testid="open-count">۲<' in page, "referral A (the world's) and the one just assigned"
    assert 'data-testid="closed-count">۱<' in page
    assert 'data-testid="overdue-count">۰<' in page


def test_the_follower_of_an_obstacle_is_an_expert_of_its_secretariat_with_a_worklist(world, client_as):
    client = client_as("secretariat")
    obstacle_page = client.get(world.obstacle_a.get_absolute_url())
    action = client.get(link(obstacle_page, testid="follow"))
    served = action.content.decode()
    expert = world.users["province_secretariat"]
    assert f'value="{expert.pk}"' in served, "the province's secretariat holds county A"
    assert f'value="{world.users["secretariat_b"].pk}"' not in served, "county B's secretariat does not"
    refused = client.post(f"/obstacles/{world.obstacle_a.pk}/follow/", {"follower": world.users["secretariat_b"].pk})
    assert refused.status_code == 400
    assert form(action, testid="object-form").fill(follower=str(expert.pk)).submit(client).status_code == 302
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.follower == expert
    assert world.obstacle_a.events.filter(kind=EventKind.ASSIGNMENT, text__contains="پیگیر").exists()

    followups = client_as("province_secretariat").get("/obstacles/followups/").content.decode()
    assert "برگ تشخیص مالیات الف" in followups
    assert 'data-testid="open-count">۱<' in followups
    assert "برگ تشخیص مالیات الف" not in client_as("secretariat").get("/obstacles/followups/").content.decode()
    # Out of scope: county B's secretariat neither sees the obstacle nor can name its follower.
    other = client_as("secretariat_b")
    assert other.get(f"/obstacles/{world.obstacle_a.pk}/follow/").status_code == 404


def test_the_unit_follower_follows_the_units_new_obstacles(world, client_as):
    client = client_as("secretariat")
    unit_page = client.get(world.unit_a.get_absolute_url())
    action = client.get(link(unit_page, testid="follow"))
    me = world.users["secretariat"]
    assert form(action, testid="object-form").fill(follower=str(me.pk)).submit(client).status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.follower == me
    logged = ChangeLogEntry.objects.filter(object_id=world.unit_a.pk, content_type__model="industrialunit")
    assert any(c["field"] == "follower" for entry in logged for c in entry.changes)
    new = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مانع تازه واحد الف")
    assert new.follower == me
    worklist = client.get("/obstacles/followups/").content.decode()
    assert "مانع تازه واحد الف" in worklist
    assert 'data-testid="unit-count">۱<' in worklist and world.unit_a.name in worklist
    assert client_as("secretariat_b").get(f"/registry/units/{world.unit_a.pk}/follow/").status_code == 404
