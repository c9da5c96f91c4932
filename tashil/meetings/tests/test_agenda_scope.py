"""A meeting takes up only its own county's obstacles and units: the province's secretariat, who sees both
counties, cannot put the neighbour county's obstacle on county A's agenda by the page, the form, the API or
code; each refusal says so in Persian."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from tashil.core.jalali import today
from tashil.meetings.forms import AgendaItemForm
from tashil.meetings.models import AgendaItem, Resolution, VisitFinding
from tashil.obstacles.models import Obstacle
from tashil.units.models import IndustrialUnit

REFUSAL = "در شهرستان این جلسه"


@pytest.fixture
def neighbour(world):
    """A unit and its obstacle in county A2, the province secretariat's other county."""
    unit = IndustrialUnit.objects.create(name="واحد شهرستان همسایه", national_id="10861385831", county=world.county_a2)
    return Obstacle.objects.create(unit=unit, group=world.group_tax, title="مانع شهرستان همسایه")


def test_the_agenda_page_refuses_another_countys_obstacle(world, client_as, neighbour):
    client = client_as("province_secretariat")
    url = reverse("meetings:meeting_agenda_obstacle", kwargs={"pk": world.meeting_a.pk})
    response = client.post(url, {"obstacle": neighbour.pk}, follow=True)
    assert not AgendaItem.objects.filter(obstacles=neighbour).exists()
    assert REFUSAL in response.content.decode() and "مانع شهرستان همسایه" in response.content.decode()
    own = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title="مانع همین شهرستان")
    client.post(url, {"obstacle": own.pk})
    assert AgendaItem.objects.filter(meeting=world.meeting_a, obstacles=own).exists()


def test_the_agenda_form_refuses_another_countys_obstacle_and_unit(world, neighbour):
    form = AgendaItemForm(
        data={
            "meeting": world.meeting_a.pk,
            "order": 2,
            "unit": neighbour.unit_id,
            "title": "موضوع همسایه",
            "obstacles": [neighbour.pk],
            "status": "open",
        },
        user=world.users["province_secretariat"],
    )
    assert not form.is_valid()
    assert neighbour.unit not in form.fields["unit"].queryset, "the form offers only the meeting's county's units"
    assert world.unit_a in form.fields["unit"].queryset and "unit" in form.errors
    assert REFUSAL in " ".join(form.errors["obstacles"])
    assert form.data["title"] == "موضوع همسایه", "what was typed stays in the form"
    item = AgendaItem(meeting=world.meeting_a, unit=neighbour.unit, title="از راه دیگر")
    with pytest.raises(ValidationError, match=REFUSAL):
        item.full_clean()


def test_the_api_refuses_another_countys_obstacle(world, api_as, neighbour):
    client = api_as("province_secretariat")
    created = client.post(
        "/api/meetings/agenda-items/",
        {"meeting": world.meeting_a.pk, "title": "از راه API", "obstacles": [neighbour.pk]},
        format="json",
    )
    assert created.status_code == 400 and REFUSAL in created.content.decode()
    patched = client.patch(
        f"/api/meetings/agenda-items/{world.agenda_a.pk}/", {"obstacles": [neighbour.pk]}, format="json"
    )
    assert patched.status_code == 400 and REFUSAL in patched.content.decode()
    assert list(world.agenda_a.obstacles.all()) == [world.obstacle_a]


def test_code_and_imports_cannot_link_one_either(world, neighbour):
    with pytest.raises(ValidationError, match=REFUSAL), transaction.atomic():
        world.agenda_a.obstacles.add(neighbour)
    with pytest.raises(ValidationError, match=REFUSAL), transaction.atomic():
        neighbour.agenda_items.add(world.agenda_a)
    resolution = Resolution(
        meeting=world.meeting_a,
        text="مصوبه درباره همسایه",
        obstacle=neighbour,
        agency=world.agency_a,
        deadline=today() + datetime.timedelta(days=10),
    )
    with pytest.raises(ValidationError, match=REFUSAL):
        resolution.full_clean()
    finding = VisitFinding(meeting=world.visit_a, unit=neighbour.unit, finding="یافته", group=world.group_tax)
    with pytest.raises(ValidationError, match=REFUSAL):
        finding.full_clean()
