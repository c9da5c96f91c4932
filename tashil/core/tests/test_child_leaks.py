"""A parent's page lists its children through the scope helper: a child of another county, planted under a
parent of county A (as an older link or a province secretariat's slip could leave it), shows on none of the
parent's pages, tabs or API answers to county A's people, while the child's own page answers them 404.

Every object page and API detail of the permission matrix is read, each tab of each page, as every role of
county A; the foreign obstacle's and unit's names must appear on none, nor their ids in the API's relations.
"""

import json

import pytest
from django.urls import reverse

from tashil.meetings.models import AgendaItem, VisitFinding
from tashil.obstacles.models import Obstacle
from tashil.units.models import Project

from .test_permission_matrix import ROUTES

COUNTY_A_ROLES = ("secretariat", "manager", "agency_officer", "clinic_expert", "unit_rep", "unit_rep_b")
FOREIGN_TITLE = "مانع کاشته‌شده شهرستان ب"
FOREIGN_PROJECT = "طرح کاشته‌شده شهرستان ب"
RELATIONS = {"unit": "unit", "units": "unit", "site_unit": "unit", "obstacle": "obstacle", "obstacles": "obstacle"}


def plant_foreign_children(w):
    """Link county B's unit and a new obstacle of it to county A's parents, past every check (as old data)."""
    foreign = Obstacle.objects.create(unit=w.unit_b, group=w.group_tax, title=FOREIGN_TITLE)
    Obstacle.objects.filter(pk=foreign.pk).update(systemic_issue=w.systemic_a)
    AgendaItem.obstacles.through.objects.create(agendaitem=w.agenda_a, obstacle=foreign)
    VisitFinding.objects.filter(pk=w.finding_a.pk).update(obstacle=foreign)
    # A unit's project sited in another county (a project is scoped by its own county).
    project = Project.objects.create(unit=w.unit_a, county=w.county_b, title=FOREIGN_PROJECT)
    return foreign, project


def detail_routes():
    return [r for r in ROUTES if r.method == "get" and r.obj and not r.name.endswith(("_edit", "_delete"))]


def related_ids(data, kind, found=None):
    """The ids of ``kind`` (unit or obstacle) under relation keys anywhere in an API answer."""
    found = set() if found is None else found
    if isinstance(data, dict):
        for key, value in data.items():
            if RELATIONS.get(key) == kind:
                found.update(value if isinstance(value, list) else [value])
            related_ids(value, kind, found)
    elif isinstance(data, list):
        for value in data:
            related_ids(value, kind, found)
    return found


def foreign_shown(response, markers):
    content = response.content.decode("utf-8", errors="replace")
    return [marker for marker in markers if marker in content]


@pytest.mark.parametrize("role", COUNTY_A_ROLES)
def test_no_parent_page_tab_or_api_shows_another_countys_child(role, world, client_as):
    foreign, project = plant_foreign_children(world)
    client = client_as(role)
    assert client.get(foreign.get_absolute_url()).status_code == 404
    # What the role may not open must not show; a unit's representative may open their unit's project.
    planted = {FOREIGN_TITLE: foreign, FOREIGN_PROJECT: project, world.unit_b.name: world.unit_b}
    markers = [text for text, obj in planted.items() if client.get(obj.get_absolute_url()).status_code == 404]
    assert FOREIGN_TITLE in markers
    failures, read = [], 0
    for route in detail_routes():
        url = reverse(route.name, kwargs=route.url_kwargs(world)) + route.query
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        read += 1
        if route.name.startswith("api:"):
            if response.get("Content-Type", "").startswith("application/json"):
                body = json.loads(response.content)
                if foreign.pk in related_ids(body, "obstacle") or world.unit_b.pk in related_ids(body, "unit"):
                    failures.append(f"{route.name}: the foreign obstacle's or unit's id")
            if shown := foreign_shown(response, markers):
                failures.append(f"{route.name}: {shown}")
            continue
        tabs = [tab.name for tab in (response.context or {}).get("tabs") or ()]
        for tab in tabs or [None]:
            page = client.get(url, {"tab": tab}) if tab else response
            if shown := foreign_shown(page, markers):
                failures.append(f"{route.name}?tab={tab}: {shown}")
    assert read > 20, "the probe read the parents' pages"
    assert not failures, "\n".join(failures)


def test_the_planted_children_do_show_to_those_who_may_see_them(world, client_as):
    """The probe's other half: the nation's manager sees the foreign obstacle on the issue and the agenda."""
    plant_foreign_children(world)
    client = client_as("nation_manager")
    issue = client.get(world.systemic_a.get_absolute_url(), {"tab": "obstacles"})
    agenda = client.get(world.meeting_a.get_absolute_url(), {"tab": "agenda"})
    projects = client.get(world.unit_a.get_absolute_url(), {"tab": "projects"})
    assert FOREIGN_TITLE in issue.content.decode()
    assert FOREIGN_TITLE in agenda.content.decode()
    assert FOREIGN_PROJECT in projects.content.decode()
