"""One write path per event: a meeting held, its minutes approved and amended, a resolution's execution reported
and verified, through the meeting's or resolution's page (the form behind the page's own button) and through the
API, end in the same state, the same change log, the same obstacle timeline, the same notifications and the same
county dashboard, read through the figures' cache as in production (so a way that did not refresh the county's
figures would show those from before the event)."""

import pytest

from tashil.core.jalali import today
from tashil.core.testing.equivalence import by_api, by_page, outcome_of, same_both_ways
from tashil.meetings import services as meeting_services
from tashil.meetings.choices import AttendanceStatus
from tashil.meetings.models import Attendance, Meeting, MinutesAmendment, Resolution
from tashil.obstacles.models import Obstacle
from tashil.site.testing.equivalence import WATCHED, dashboard_of, moved

pytestmark = pytest.mark.usefixtures("figures_cached")


def state_of(meeting):
    def state():
        return {
            "meeting": list(Meeting.objects.filter(pk=meeting.pk).values("status", "approved_by_id", "version")),
            "amendments": list(
                MinutesAmendment.objects.filter(meeting=meeting).order_by("pk").values("text", "reason", "author_id")
            ),
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
            "attendance": list(
                Attendance.objects.filter(meeting=meeting).order_by("agency_id").values("agency_id", "status")
            ),
        }

    return state


def test_holding_a_meeting(world, client_as, api_as):
    """A meeting planned for today, its attendance marked, is held: it leaves the county dashboard's next
    meetings."""
    meeting = meeting_services.save_meeting(Meeting(series=world.series_a, date=today(), place="فرمانداری الف"))
    marked = [
        Attendance(meeting=meeting, agency=world.agency_a, status=AttendanceStatus.PRESENT),
        Attendance(meeting=meeting, agency=world.agency_a2, status=AttendanceStatus.ABSENT),
    ]
    meeting_services.mark_attendance(meeting, marked, world.users["secretariat"])
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), meeting.get_absolute_url(), action="/do/hold/"),
        by_api(api_as("secretariat"), f"/api/meetings/meetings/{meeting.pk}/hold/"),
        state_of(meeting),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert outcome["state"]["meeting"][0]["status"] == "held"
    assert [a["status"] for a in outcome["state"]["attendance"]] == ["present", "absent"]
    logged = [(e["content_type__model"], e["action"], e["message"]) for e in outcome["core.ChangeLogEntry"]]
    assert logged == [("meeting", "update", ""), ("meeting", "event", "جلسه برگزارشده ثبت شد.")]
    assert outcome["core.ChangeLogEntry"][0]["changes"][0]["field"] == "status"
    upcoming = {when: outcome["dashboard"][when]["shown"]["upcoming-meetings"][0] for when in ("before", "after")}
    assert str(meeting) in upcoming["before"] and str(meeting) not in upcoming["after"]


def test_approving_the_minutes(world, client_as, api_as):
    meeting = world.meeting_a
    meeting_services.hold(meeting, world.users["secretariat"])
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("manager"), meeting.get_absolute_url(), action="/do/approve/"),
        by_api(api_as("manager"), f"/api/meetings/meetings/{meeting.pk}/approve/"),
        state_of(meeting),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert outcome["state"]["meeting"][0]["status"] == "approved"
    assert all(r["objection_deadline"] for r in outcome["state"]["resolutions"])
    logged = [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
    assert logged.count(("resolution", "update")) == 2, "each resolution's objection deadline is on its history"
    assert ("meeting", "event") in logged
    told = {n["recipient_id"] for n in outcome["notifications.Notification"]}
    assert told == {world.users["agency_officer"].pk}, "the responsible agency's officer hears of the resolutions"
    assert outcome["dashboard"]["after"] == outcome["dashboard"]["before"], "approving counts in no figure"


def test_amending_approved_minutes(world, client_as, api_as):
    """An amendment is the one change approved minutes take: recorded with its reason, on the meeting's history;
    it counts in no figure, so the dashboard stays as it was."""
    meeting = world.meeting_a
    meeting_services.hold(meeting, world.users["secretariat"])
    meeting_services.approve(meeting, world.users["manager"])
    typed = {"text": "نام نماینده اداره برق «رضایی» است.", "reason": "نام نماینده نادرست ثبت شده بود"}
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), meeting.get_absolute_url(), "/do/amend/", **typed),
        by_api(api_as("secretariat"), f"/api/meetings/meetings/{meeting.pk}/amend/", typed),
        state_of(meeting),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert outcome["state"]["amendments"] == [{**typed, "author_id": world.users["secretariat"].pk}]
    assert outcome["state"]["meeting"][0]["status"] == "approved"
    logged = [(e["content_type__model"], e["action"], e["message"]) for e in outcome["core.ChangeLogEntry"]]
    assert ("meeting", "event", "اصلاحیه صورتجلسه ثبت شد: " + typed["reason"]) in logged
    assert outcome["dashboard"]["after"] == outcome["dashboard"]["before"]


def test_reporting_a_resolution_s_execution(world, client_as, api_as):
    resolution = world.resolution_a
    evidence = "برگ تشخیص بازبینی و ابلاغ شد"
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("agency_officer"), resolution.get_absolute_url(), testid="execute-form", evidence=evidence),
        by_api(api_as("agency_officer"), f"/api/meetings/resolutions/{resolution.pk}/execute/", {"evidence": evidence}),
        state_of(resolution.meeting),
        shown=dashboard_of(client_as("secretariat")),
    )
    reported = outcome["state"]["resolutions"][0]
    assert reported["evidence"] == evidence and reported["reported_by_id"] == world.users["agency_officer"].pk
    assert [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]][-1] == (
        "resolution",
        "event",
    )
    assert outcome["dashboard"]["after"] == outcome["dashboard"]["before"], "executed once the secretariat verifies"


def test_verifying_a_resolution_resolves_its_obstacle(world, client_as, api_as):
    resolution = world.resolution_a
    meeting_services.report_execution(resolution, "انجام شد", user=world.users["agency_officer"])
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), resolution.get_absolute_url(), action="/do/verify/"),
        by_api(api_as("secretariat"), f"/api/meetings/resolutions/{resolution.pk}/verify/"),
        state_of(resolution.meeting),
        shown=dashboard_of(client_as("secretariat")),
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
    assert moved(outcome) == {
        "obstacles": {"open": -1, "resolved": 1},
        "resolutions": {"executed": 1, "following": -1},
        "scorecard": {world.agency_a.pk: {"executed": 1}},
    }


def test_inviting_the_county_s_agencies_is_on_the_meeting_s_history(world, client_as):
    meeting = world.meeting_a
    page = client_as("secretariat").get(meeting.get_absolute_url() + "?tab=attendance").content.decode()
    outcome = outcome_of(
        by_page(client_as("secretariat"), meeting.get_absolute_url() + "?tab=attendance", action="/invite/"),
        WATCHED,
        state_of(meeting),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert 'data-testid="invite"' in page
    invited = [a["agency_id"] for a in outcome["state"]["attendance"]]
    assert world.agency_a2.pk in invited and world.agency_a.pk in invited
    logged = [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
    assert ("attendance", "create") in logged and logged[-1] == ("meeting", "event")
    scorecard = {when: [row["id"] for row in outcome["dashboard"][when]["scorecard"]] for when in ("before", "after")}
    assert world.agency_a2.pk not in scorecard["before"], "agency A2 had no referral, resolution or seat yet"
    assert world.agency_a2.pk in scorecard["after"], "invited, it joins the county's scorecard (its attendance counts)"
