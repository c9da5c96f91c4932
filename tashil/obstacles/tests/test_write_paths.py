"""One write path per event: an obstacle referred, answered, closed or escalated through its page (the form
found by following the page's own button) and through the API ends in the same state, the same timeline, the
same change log, the same notifications and the same county dashboard, read through the figures' cache as in
production (so a way that did not refresh the county's figures would show those from before the event)."""

import pytest

from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.obstacles.models import Obstacle, Referral
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
