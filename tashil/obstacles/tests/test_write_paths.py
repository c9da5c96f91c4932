"""One write path per event: an obstacle referred, answered, closed, escalated or commented on, or a systemic issue
moved on, through its page (the form found by following the page's own button) and through the API ends in the
same state, the same timeline, the same change log, the same notifications and the same county dashboard, read
through the figures' cache as in production (so a way that did not refresh the county's figures would show those
from before the event); what the page refuses it shows on the action's page with what was typed kept, and the API
refuses with the same words."""

import io

import pytest

from tashil.core.testing import pages
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle, ObstacleEvent, Referral, SystemicIssue
from tashil.site.testing.equivalence import WATCHED, dashboard_of, moved

pytestmark = pytest.mark.usefixtures("figures_cached")


def state_of(obstacle):
    def state():
        row = Obstacle.objects.filter(pk=obstacle.pk).values(
            "status", "escalation_level", "outcome", "failure_party", "outcome_note", "closed_date", "version"
        )
        referrals = Referral.objects.filter(obstacle=obstacle).order_by("pk")
        return {
            "obstacle": list(row),
            "escalated": Obstacle.objects.filter(pk=obstacle.pk, escalated_at__isnull=False).exists(),
            "referrals": list(
                referrals.values(
                    "agency_id",
                    "status",
                    "due_date",
                    "note",
                    "response",
                    "referred_by_id",
                    "responded_by_id",
                    "first_response_date",
                    "escalated_to__agency_id",
                )
            ),
        }

    return state


def test_referring(world, client_as, api_as):
    obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="قطعی برق در شیفت شب")
    agencies = [world.agency_a.pk, world.agency_a2.pk]
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), obstacle.get_absolute_url(), "/refer/", agencies=agencies, note="فوری"),
        by_api(
            api_as("secretariat"),
            f"/api/obstacles/obstacles/{obstacle.pk}/refer/",
            {"agencies": agencies, "note": "فوری"},
            expect=201,
        ),
        state_of(obstacle),
        shown=dashboard_of(client_as("secretariat")),
    )
    received = {world.agency_a.pk: {"received": 1}, world.agency_a2.pk: {"received": 1}}
    assert moved(outcome) == {"scorecard": received}, "each agency's received referrals on the county's scorecard"
    assert [r["agency_id"] for r in outcome["state"]["referrals"]] == agencies
    assert outcome["state"]["obstacle"][0]["status"] == "referred"
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == ["referral", "referral"]
    told = {n["recipient_id"] for n in outcome["notifications.Notification"]}
    assert told == {world.users["agency_officer"].pk}, "agency A's officer is told (agency A2 has none)"
    assert any(e["content_type__model"] == "referral" for e in outcome["core.ChangeLogEntry"])


def test_answering(world, client_as, api_as):
    referral = world.referral_a
    outcome = same_both_ways(
        WATCHED,
        by_page(
            client_as("agency_officer"),
            referral.get_absolute_url(),
            None,
            testid="respond-form",
            status="done",
            response="برگ تشخیص اصلاح شد",
        ),
        by_api(
            api_as("agency_officer"),
            f"/api/obstacles/referrals/{referral.pk}/respond/",
            {"status": "done", "response": "برگ تشخیص اصلاح شد"},
        ),
        state_of(referral.obstacle),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert outcome["state"]["referrals"][0]["status"] == "done"
    assert outcome["state"]["obstacle"][0]["status"] == "in_progress"
    # «Done» also asks the unit's representative to confirm or reopen (issue 25 §4), the same both ways.
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == ["response", "status", "review"]
    assert outcome["notifications.Notification"], "whoever referred it and the unit's representatives are told"
    answered = {"answered": 1, "first_on_time": 1, "on_time": 1}
    assert moved(outcome) == {"scorecard": {world.agency_a.pk: answered}}, "agency A's promptness on the scorecard"


def test_closing(world, client_as, api_as):
    obstacle = world.obstacle_a
    typed = {"outcome": "unresolvable", "failure_party": "agency", "note": "دستگاه همکاری نکرد"}
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), obstacle.get_absolute_url(), "/close/", **typed),
        by_api(api_as("secretariat"), f"/api/obstacles/obstacles/{obstacle.pk}/close/", typed),
        state_of(obstacle),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert outcome["state"]["obstacle"][0]["status"] == "unresolvable"
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == ["status"]
    assert any(e["action"] == "update" for e in outcome["core.ChangeLogEntry"])
    assert moved(outcome).get("obstacles") == {"open": -1, "unresolvable": 1}


def test_escalating(world, client_as, api_as):
    obstacle = world.obstacle_a
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), obstacle.get_absolute_url(), "/escalate/", note="پاسخی نیامد"),
        by_api(api_as("secretariat"), f"/api/obstacles/obstacles/{obstacle.pk}/escalate/", {"note": "پاسخی نیامد"}),
        state_of(obstacle),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert outcome["state"]["obstacle"][0]["escalation_level"] == "province" and outcome["state"]["escalated"]
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == ["escalation"]
    assert outcome["notifications.Notification"], "the province's secretariat is told"
    assert moved(outcome).get("obstacles") == {"escalated": 1}


def test_commenting(world, client_as, api_as):
    obstacle = world.obstacle_a
    typed = {"text": "بانک پاسخ داد؛ جلسه هفته آینده است", "internal": True}
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), obstacle.get_absolute_url(), testid="comment-form", **typed),
        by_api(api_as("secretariat"), f"/api/obstacles/obstacles/{obstacle.pk}/comment/", typed, expect=201),
        state_of(obstacle),
    )
    events = outcome["obstacles.ObstacleEvent"]
    assert [(e["kind"], e["text"], e["internal"]) for e in events] == [("comment", typed["text"], True)]


def test_a_refused_file_keeps_the_note_typed_on_the_comment_page(world, client_as):
    """The refusal is the comment action's own page (400): its reason on the file, the note as typed, nothing
    written; posted again from there, it is saved."""
    program = io.BytesIO(b"MZ\x90\x00 a program")
    program.name = "setup.exe"
    client = client_as("secretariat")
    url = f"/obstacles/{world.obstacle_a.pk}/comment/"
    response = client.post(url, {"text": "نامه بانک درباره تقسیط", "file": program})
    assert response.status_code == 400
    page = response.content.decode()
    assert "نوع فایل «setup.exe» پذیرفته نیست" in page and "نامه بانک درباره تقسیط</textarea>" in page
    assert not ObstacleEvent.objects.filter(text="نامه بانک درباره تقسیط").exists()
    again = pages.form(response).submit(client)
    assert again.status_code == 302
    assert ObstacleEvent.objects.filter(obstacle=world.obstacle_a, text="نامه بانک درباره تقسیط").exists()


def test_a_representatives_internal_note_and_a_managers_file_are_refused(world, client_as, api_as):
    """What the page's box does not offer is refused by the service for the API too: a representative's internal
    note (400, named), a file from a role that may comment but not attach (a manager: 403)."""
    url = f"/api/obstacles/obstacles/{world.obstacle_a.pk}/comment/"
    refused = api_as("unit_rep").post(url, {"text": "محرمانه", "internal": True}, format="json")
    assert refused.status_code == 400 and "یادداشت داخلی" in refused.json()["internal"][0]
    upload = io.BytesIO(b"%PDF-1.4 a letter")
    upload.name = "letter.pdf"
    response = client_as("manager").post(f"/obstacles/{world.obstacle_a.pk}/comment/", {"text": "نامه", "file": upload})
    assert response.status_code == 403
    assert not ObstacleEvent.objects.filter(text__in=("محرمانه", "نامه")).exists()


def test_moving_a_systemic_issue_on(world, client_as, api_as):
    issue = world.systemic_a
    bundled = Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title="بخشنامه مالیاتی")
    obstacle_services.bundle(issue, [bundled])
    typed = {"status": "referred", "note": "به دبیرخانه استان فرستاده شد"}

    def state():
        return list(SystemicIssue.objects.filter(pk=issue.pk).values("status", "closed_date", "outcome_note"))

    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), issue.get_absolute_url(), testid="status-form", **typed),
        by_api(api_as("secretariat"), f"/api/obstacles/systemic-issues/{issue.pk}/status/", typed),
        state,
    )
    assert outcome["state"] == [{"status": "referred", "closed_date": None, "outcome_note": ""}]
    assert [(e["obstacle_id"], e["kind"]) for e in outcome["obstacles.ObstacleEvent"]] == [(bundled.pk, "systemic")]
    assert [e["content_type__model"] for e in outcome["core.ChangeLogEntry"]] == ["systemicissue"]


def test_a_move_the_issue_cannot_make_is_refused_with_the_note_kept(world, client_as, api_as):
    issue = world.systemic_a
    client = client_as("secretariat")
    response = client.post(f"/obstacles/systemic-issues/{issue.pk}/status/", {"status": "bogus", "note": "شرح من"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "گزینه" in page and "شرح من</textarea>" in page, "the choice refused in Persian, the note kept"
    api = api_as("secretariat").post(
        f"/api/obstacles/systemic-issues/{issue.pk}/status/", {"status": "registered"}, format="json"
    )
    assert api.status_code == 400 and "نمی‌تواند «ثبت‌شده» شود" in api.json()["status"][0]
    issue.refresh_from_db()
    assert issue.status == "registered"
