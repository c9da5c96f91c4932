"""Obstacles the minutes call for: an obstacle put on a meeting's agenda, an obstacle opened from an agenda item
and one opened from a field visit's finding, each through the page's own button and through the API, ending in
the same state, change log, timeline and county dashboard figure (the figures cache on, as in production).

Opening an obstacle from the minutes is their follow-up, so it works after they are approved; of the approved
minutes it writes only the link to the new obstacle, and every other edit or delete of them stays refused."""

from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.meetings import services as meeting_services
from tashil.meetings.models import AgendaItem, Meeting, VisitFinding
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle, ObstacleEvent
from tashil.site.testing.equivalence import CHANGE_LOG, NOTIFICATIONS, dashboard_of, moved

# The obstacles are new: their ids are no part of what a person meets.
WATCHED = (
    CHANGE_LOG,
    NOTIFICATIONS,
    (ObstacleEvent, ("kind", "text", "author_id", "internal")),
    (Obstacle, ("unit_id", "group_id", "title", "description", "source", "status", "reported_by_id", "reported_date")),
)
TEXT = "تأخیر گمرک در ترخیص مواد اولیه\nسه محموله از ماه پیش مانده است."


def approved(meeting, world):
    meeting_services.hold(meeting, world.users["secretariat"])
    meeting_services.approve(meeting, world.users["manager"])
    meeting.refresh_from_db()
    return meeting


def test_putting_an_obstacle_on_the_agenda(world, client_as, api_as):
    meeting = world.meeting_a
    obstacle = obstacle_services.save_obstacle(
        Obstacle(unit=world.unit_a, group=world.group_tax, title="برگ تشخیص دوباره"), world.users["secretariat"]
    )

    def state():
        items = AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk")
        return list(items.values("order", "title", "unit_id", "obstacles"))

    outcome = same_both_ways(
        WATCHED,
        by_page(
            client_as("secretariat"),
            meeting.get_absolute_url() + "?tab=agenda",
            testid="agenda-obstacle-form",
            obstacle=obstacle.pk,
        ),
        by_api(
            api_as("secretariat"),
            f"/api/meetings/meetings/{meeting.pk}/agenda-obstacle/",
            {"obstacle": obstacle.pk},
            expect=201,
        ),
        state,
    )
    assert outcome["state"][-1] == {
        "order": 2,
        "title": obstacle.title,
        "unit_id": world.unit_a.pk,
        "obstacles": obstacle.pk,
    }
    assert ("agendaitem", "create") in [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]


def test_an_obstacle_already_on_the_agenda_or_of_another_county_is_refused_in_persian(world, client_as, api_as):
    meeting = world.meeting_a
    api = api_as("secretariat")
    url = f"/api/meetings/meetings/{meeting.pk}/agenda-obstacle/"
    again = api.post(url, {"obstacle": world.obstacle_a.pk}, format="json")
    assert again.status_code == 400 and "هم‌اکنون در دستور" in again.content.decode()
    foreign = api.post(url, {"obstacle": world.obstacle_b.pk}, format="json")
    assert foreign.status_code == 400 and "در حوزه دسترسی شما نیست" in foreign.content.decode()
    page = client_as("secretariat").post(f"/meetings/{meeting.pk}/agenda-obstacle/", {"obstacle": world.obstacle_a.pk})
    assert page.status_code == 400 and "هم‌اکنون در دستور" in page.content.decode()
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1, "nothing half-written"


def test_opening_an_obstacle_from_an_agenda_item_of_approved_minutes(world, client_as, api_as, figures_cached):
    meeting, item = approved(world.meeting_a, world), world.agenda_a
    secretariat = client_as("secretariat")

    def state():
        return {
            "item": list(
                AgendaItem.objects.filter(pk=item.pk).values("title", "discussion", "status", "obstacles__source")
            ),
            "meeting": list(Meeting.objects.filter(pk=meeting.pk).values("status", "version")),
        }

    typed = {"group": world.group_finance.pk, "text": TEXT}
    outcome = same_both_ways(
        WATCHED,
        by_page(secretariat, meeting.get_absolute_url() + "?tab=agenda", link=f"/agenda/{item.pk}/obstacle/", **typed),
        by_api(api_as("secretariat"), f"/api/meetings/agenda-items/{item.pk}/obstacle/", typed, expect=201),
        state,
        shown=dashboard_of(secretariat),
    )
    assert moved(outcome).get("obstacles") == {"total": 1, "open": 1}, "the county's figures follow the event"
    assert outcome["state"]["meeting"][0]["status"] == "approved"
    sources = [row["obstacles__source"] for row in outcome["state"]["item"]]
    assert len(sources) == 2 and "meeting" in sources, "the new obstacle joins the item's obstacles"
    [opened] = outcome["obstacles.Obstacle"]
    assert opened["title"] == TEXT.splitlines()[0] and opened["source"] == "meeting"
    assert opened["reported_date"] == meeting.date and opened["unit_id"] == world.unit_a.pk
    logged = [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
    assert ("obstacle", "create") in logged


def test_opening_an_obstacle_from_a_finding_of_an_approved_visit(world, client_as, api_as, figures_cached):
    visit, finding = approved(world.visit_a, world), world.finding_a
    secretariat = client_as("secretariat")

    def state():
        return {
            "finding": list(
                VisitFinding.objects.filter(pk=finding.pk).values("finding", "group_id", "photo", "obstacle__source")
            )
        }

    outcome = same_both_ways(
        WATCHED,
        by_page(secretariat, visit.get_absolute_url() + "?tab=findings", testid="finding-obstacle"),
        by_api(api_as("secretariat"), f"/api/meetings/findings/{finding.pk}/obstacle/", expect=201),
        state,
        shown=dashboard_of(secretariat),
    )
    assert moved(outcome).get("obstacles") == {"total": 1, "open": 1}
    [row] = outcome["state"]["finding"]
    assert row["obstacle__source"] == "field_visit" and row["finding"] == finding.finding
    [opened] = outcome["obstacles.Obstacle"]
    assert opened["title"] == finding.finding and opened["reported_date"] == visit.date
    # Of the approved minutes only the finding's link was written: its change-log entry names that field alone.
    finding_changes = [
        e["changes"] for e in outcome["core.ChangeLogEntry"] if e["content_type__model"] == "visitfinding"
    ]
    assert [[c["field"] for c in changes] for changes in finding_changes] == [["obstacle"]]


def test_every_other_write_of_an_approved_finding_or_item_stays_refused(world, client_as, api_as):
    visit, meeting = approved(world.visit_a, world), approved(world.meeting_a, world)
    finding, item = world.finding_a, world.agenda_a
    meeting_services.finding_to_obstacle(finding, user=world.users["secretariat"])
    meeting_services.item_to_obstacle(item, world.group_finance, TEXT, user=world.users["secretariat"])
    api, page = api_as("secretariat"), client_as("secretariat")
    for url in (f"/api/meetings/findings/{finding.pk}/", f"/api/meetings/agenda-items/{item.pk}/"):
        assert api.patch(url, {"title": "دگرگون", "finding": "دگرگون"}, format="json").status_code == 403
        assert api.delete(url).status_code == 403
    for url in (
        f"/meetings/findings/{finding.pk}/edit/",
        f"/meetings/agenda/{item.pk}/edit/",
        f"/meetings/agenda/{item.pk}/delete/",
    ):
        assert page.post(url, {"finding": "دگرگون", "title": "دگرگون"}).status_code == 403
    again = api.post(f"/api/meetings/findings/{finding.pk}/obstacle/", format="json")
    assert again.status_code == 400 and "پیش‌تر به مانع" in again.content.decode()
    finding.refresh_from_db()
    item.refresh_from_db()
    assert finding.finding == "تابلو برق فرسوده" and item.title == "مالیات واحد الف"
    assert VisitFinding.objects.filter(pk=finding.pk).exists() and AgendaItem.objects.filter(pk=item.pk).exists()
    assert visit.status == meeting.status == "approved"


def test_an_agenda_items_obstacle_needs_a_group_and_another_scope_answers_404(world, client_as, api_as):
    item = world.agenda_a
    url = f"/api/meetings/agenda-items/{item.pk}/obstacle/"
    refused = api_as("secretariat").post(url, {"text": TEXT}, format="json")
    assert refused.status_code == 400 and "group" in refused.content.decode()
    page = client_as("secretariat").post(f"/meetings/agenda/{item.pk}/obstacle/", {"text": TEXT})
    assert page.status_code == 400 and TEXT.splitlines()[0] in page.content.decode(), "what was typed is kept"
    assert api_as("secretariat_b").post(url, {"group": world.group_finance.pk, "text": TEXT}).status_code == 404
    assert api_as("secretariat_b").post(f"/api/meetings/findings/{world.finding_a.pk}/obstacle/").status_code == 404
    assert client_as("secretariat_b").get(f"/meetings/agenda/{item.pk}/obstacle/").status_code == 404
    assert not Obstacle.objects.filter(source="meeting", title=TEXT.splitlines()[0]).exists()
