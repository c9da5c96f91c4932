"""One write path per event: minutes approved, a resolution's execution reported and verified, through the
meeting's or resolution's page (the form behind the page's own button) and through the API, end in the same
state, the same change log, the same obstacle timeline and the same notifications."""

from tashil.core.models import ChangeLogEntry
from tashil.core.testing.equivalence import by_api, by_page, outcome_of, same_both_ways
from tashil.meetings import services as meeting_services
from tashil.meetings.models import Attendance, Meeting, Resolution
from tashil.notifications.models import Notification
from tashil.obstacles.models import Obstacle, ObstacleEvent

WATCHED = (
    (ChangeLogEntry, ("content_type__model", "object_repr", "action", "message", "changes", "user_id")),
    (Notification, ("recipient_id", "kind", "title", "body", "url")),
    (ObstacleEvent, ("obstacle_id", "kind", "text", "author_id", "internal")),
)


def state_of(meeting):
    def state():
        return {
            "meeting": list(Meeting.objects.filter(pk=meeting.pk).values("status", "approved_by_id", "version")),
            "resolutions": list(
                Resolution.objects.filter(meeting=meeting)
                .order_by("pk")
                .values(
                    "status",
                    "objection_deadline",
                    "evidence",
                    "reported_by_id",
                    "verified_by_id",
                    "closed_date",
                    "version",
                )
            ),
            "obstacles": list(
                Obstacle.objects.filter(resolutions__meeting=meeting)
                .order_by("pk")
                .values("pk", "status", "outcome", "closed_date")
            ),
            "attendance": list(Attendance.objects.filter(meeting=meeting).order_by("agency_id").values("agency_id")),
        }

    return state


def test_approving_the_minutes(world, client_as, api_as):
    meeting = world.meeting_a
    meeting_services.hold(meeting, world.users["secretariat"])
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("manager"), meeting.get_absolute_url(), action="/do/approve/"),
        by_api(api_as("manager"), f"/api/meetings/meetings/{meeting.pk}/approve/"),
        state_of(meeting),
    )
    assert outcome["state"]["meeting"][0]["status"] == "approved"
    assert all(r["objection_deadline"] for r in outcome["state"]["resolutions"])
    logged = [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
    assert logged.count(("resolution", "update")) == 2, "each resolution's objection deadline is on its history"
    assert ("meeting", "event") in logged
    told = {n["recipient_id"] for n in outcome["notifications.Notification"]}
    assert told == {world.users["agency_officer"].pk}, "the responsible agency's officer hears of the resolutions"


def test_reporting_a_resolution_s_execution(world, client_as, api_as):
    resolution = world.resolution_a
    evidence = "برگ تشخیص بازبینی و ابلاغ شد"
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("agency_officer"), resolution.get_absolute_url(), testid="execute-form", evidence=evidence),
        by_api(api_as("agency_officer"), f"/api/meetings/resolutions/{resolution.pk}/execute/", {"evidence": evidence}),
        state_of(resolution.meeting),
    )
    reported = outcome["state"]["resolutions"][0]
    assert reported["evidence"] == evidence and reported["reported_by_id"] == world.users["agency_officer"].pk
    assert [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]][-1] == (
        "resolution",
        "event",
    )


def test_verifying_a_resolution_resolves_its_obstacle(world, client_as, api_as):
    resolution = world.resolution_a
    meeting_services.report_execution(resolution, "انجام شد", user=world.users["agency_officer"])
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), resolution.get_absolute_url(), action="/do/verify/"),
        by_api(api_as("secretariat"), f"/api/meetings/resolutions/{resolution.pk}/verify/"),
        state_of(resolution.meeting),
    )
    assert outcome["state"]["resolutions"][0]["status"] == "executed"
    assert outcome["state"]["obstacles"] == [
        {
            "pk": world.obstacle_a.pk,
            "status": "resolved",
            "outcome": "resolved",
            "closed_date": outcome["state"]["resolutions"][0]["closed_date"],
        }
    ]
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == ["status"]


def test_inviting_the_county_s_agencies_is_on_the_meeting_s_history(world, client_as):
    meeting = world.meeting_a
    page = client_as("secretariat").get(meeting.get_absolute_url() + "?tab=attendance").content.decode()
    outcome = outcome_of(
        by_page(client_as("secretariat"), meeting.get_absolute_url() + "?tab=attendance", action="/invite/"),
        WATCHED,
        state_of(meeting),
    )
    assert 'data-testid="invite"' in page
    invited = [a["agency_id"] for a in outcome["state"]["attendance"]]
    assert world.agency_a2.pk in invited and world.agency_a.pk in invited
    logged = [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
    assert ("attendance", "create") in logged and logged[-1] == ("meeting", "event")
