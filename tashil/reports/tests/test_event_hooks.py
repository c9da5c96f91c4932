"""Each event of obstacles, meetings and the clinic refreshes its county's dashboard figures through the hooks
those apps offer (``after_obstacles_changed``, ``after_meetings_changed``, ``after_cases_changed``), not
through a save signal: with the figures cached, as in production, the dashboard shows the change at once."""

import pytest

from tashil.clinic import services as clinic_services
from tashil.clinic.choices import CaseOutcome
from tashil.meetings import services as meeting_services
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle


def dashboard(client):
    context = client.get("/reports/").context
    return {
        "obstacles": context["obstacles"]["total"],
        "open_obstacles": context["obstacles"]["open"],
        "executed": context["resolutions"]["executed"],
        "open_cases": context["clinic"]["open"],
    }


def register(world):
    obstacle_services.save_obstacle(Obstacle(unit=world.unit_a, group=world.group_tax, title="مانع تازه"))


def close(world):
    obstacle_services.close(world.obstacle_a, "withdrawn", user=world.users["secretariat"])


def verify(world):
    resolution = world.resolution_evidence_a  # its execution is reported with evidence
    meeting_services.verify(resolution, user=world.users["secretariat"])


def close_case(world):
    clinic_services.close(world.case_a, CaseOutcome.WITHDRAWN, user=world.users["secretariat"])


@pytest.mark.parametrize(
    ("event", "changes"),
    [
        (register, {"obstacles": 1, "open_obstacles": 1}),
        (close, {"open_obstacles": -1}),
        (verify, {"executed": 1}),
        (close_case, {"open_cases": -1}),
    ],
    ids=["obstacle registered", "obstacle closed", "resolution verified", "clinic case closed"],
)
def test_an_event_refreshes_its_countys_cached_figures(
    world, client_as, figures_cached, django_capture_on_commit_callbacks, event, changes
):
    client = client_as("secretariat")
    before = dashboard(client)
    assert dashboard(client) == before, "cached"
    with django_capture_on_commit_callbacks(execute=True):
        event(world)
    assert dashboard(client) == {name: value + changes.get(name, 0) for name, value in before.items()}
