"""One write path per event: a clinic's diagnosis findings opened as obstacles, a case closed as a revival and a
revival an expert proposed confirmed, each through the case page's own button and through the API, end in the
same state, timelines, change log, notifications, unit status history with the case's revival credit, and county
dashboard, read through the figures' cache as in production (so a way that did not refresh the county's figures
would show those from before the event).

A revival changes no public search result (the public directory shows semi-active and active units alike), so
the public search is left to the units' own write-path tests (units/tests/test_write_paths.py)."""

import pytest

from tashil.clinic import services as clinic_services
from tashil.clinic.choices import CaseOutcome
from tashil.clinic.models import ClinicCase
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.obstacles.models import Obstacle, ObstacleEvent
from tashil.site.testing.equivalence import CHANGE_LOG, NOTIFICATIONS, WATCHED, dashboard_of, moved
from tashil.units.choices import StatusChangeSource, UnitStatus
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.usefixtures("figures_cached")

NOTE = "فروش دو ماه پیاپی از سر گرفته شد"


def state_of(case):
    def state():
        return {
            "case": list(
                ClinicCase.objects.filter(pk=case.pk).values(
                    "status",
                    "outcome",
                    "outcome_note",
                    "closed_date",
                    "revival__unit_id",
                    "revival__to_status",
                    "revival__date",
                    "revival__source",
                )
            ),
            "unit": list(IndustrialUnit.objects.filter(pk=case.unit_id).values("status", "status_date", "version")),
        }

    return state


def assert_revived(outcome, world):
    """The unit is active with the case's credit, on its history and on the county's dashboard."""
    [case] = outcome["state"]["case"]
    [unit] = outcome["state"]["unit"]
    assert case["status"] == "closed" and case["outcome"] == CaseOutcome.REVIVED
    assert unit["status"] == UnitStatus.ACTIVE
    credit = (case["revival__unit_id"], case["revival__to_status"], case["revival__date"], case["revival__source"])
    assert credit == (world.unit_a2.pk, UnitStatus.ACTIVE, unit["status_date"], StatusChangeSource.CLINIC)
    [change] = outcome["units.UnitStatusChange"]
    assert (change["from_status"], change["to_status"]) == (UnitStatus.SEMI_ACTIVE, UnitStatus.ACTIVE)
    figures = moved(outcome)
    assert figures.get("units") == {UnitStatus.ACTIVE: 1, UnitStatus.SEMI_ACTIVE: -1}
    assert figures.get("reactivated") == {"year": 1, "month": 1, "year_clinic": 1, "month_clinic": 1}
    assert figures.get("clinic") == {"open": -1, "revived": 1}
    logged = [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
    assert ("industrialunit", "update") in logged and ("cliniccase", "event") in logged


def test_opening_obstacles_from_a_clinic_finding(world, client_as, api_as):
    case, score = world.case_a, world.score_a
    score.group = world.group_finance
    score.save()

    def state():
        return list(type(score).objects.filter(pk=score.pk).values("obstacle__title", "obstacle__source"))

    # The obstacle is new: its id is no part of what a person meets.
    watched = (
        CHANGE_LOG,
        NOTIFICATIONS,
        (ObstacleEvent, ("kind", "text", "author_id", "internal")),
        (Obstacle, ("unit_id", "group_id", "title", "description", "source", "severity", "status", "reported_by_id")),
    )
    outcome = same_both_ways(
        watched,
        by_page(
            client_as("clinic_expert"), case.get_absolute_url() + "?tab=diagnosis", testid=None, action="/obstacles/"
        ),
        by_api(api_as("clinic_expert"), f"/api/clinic/cases/{case.pk}/obstacles/", expect=201),
        state,
        shown=dashboard_of(client_as("secretariat")),
    )
    assert outcome["state"] == [{"obstacle__title": "حساب مسدود", "obstacle__source": "clinic"}]
    assert [o["severity"] for o in outcome["obstacles.Obstacle"]] == [3], "a score of 2 is a major obstacle"
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == ["created"]
    assert ("cliniccase", "event") in [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
    assert moved(outcome).get("obstacles") == {"total": 1, "open": 1}


def test_closing_a_case_as_a_revival(world, client_as, api_as):
    """The secretariat closes case A as a revival: its semi-active unit becomes active, credited to the case."""
    case = world.case_a
    typed = {"outcome": CaseOutcome.REVIVED, "note": NOTE}
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), case.get_absolute_url(), testid="close-case", **typed),
        by_api(api_as("secretariat"), f"/api/clinic/cases/{case.pk}/close/", typed),
        state_of(case),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert_revived(outcome, world)
    assert outcome["state"]["case"][0]["outcome_note"] == NOTE


def test_confirming_a_proposed_revival(world, client_as, api_as):
    """An expert proposes a revival; the secretariat's confirmation closes the case and revives the unit."""
    case = world.case_a
    assert not clinic_services.close_case(case, world.users["clinic_expert"], CaseOutcome.REVIVED, NOTE), "awaits"
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("secretariat"), case.get_absolute_url(), testid="review-revival", decision="confirm"),
        by_api(api_as("secretariat"), f"/api/clinic/cases/{case.pk}/review/", {"decision": "confirm"}),
        state_of(case),
        shown=dashboard_of(client_as("secretariat")),
    )
    assert_revived(outcome, world)
    messages = [e["message"] for e in outcome["core.ChangeLogEntry"]]
    assert "دبیرخانه نتیجه «احیا» را تأیید کرد." in messages
