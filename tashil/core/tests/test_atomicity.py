"""Multi-step actions are all or nothing: a failure injected midway leaves no part of them behind."""

import io

import pytest
from django.core.management import call_command

from tashil.core.models import ChangeLogEntry
from tashil.meetings import services as meeting_services
from tashil.meetings.models import Meeting
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle, ObstacleEvent
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.django_db


class Injected(Exception):
    """The failure a test injects."""


def fail(*args, **kwargs):
    raise Injected


def test_an_import_that_fails_after_writing_units_leaves_none(world, tmp_path, monkeypatch):
    from tashil.core import bulk

    sheet = tmp_path / "units.csv"
    sheet.write_text(
        "نام واحد,شماره پروانه بهره‌برداری,شهرستان,استان\n"
        "کارخانه یک,ATOM-1,شهرستان الف,استان الف\nکارخانه دو,ATOM-2,شهرستان الف,استان الف\n",
        encoding="utf-8",
    )
    before, entries = IndustrialUnit.objects.count(), ChangeLogEntry.objects.count()
    real_flush, calls = bulk.Inserter.flush, []

    def flush_then_fail(self):
        calls.append(self.model)
        if len(calls) == 2:  # the units are in; the status history is next
            raise Injected
        real_flush(self)

    monkeypatch.setattr(bulk.Inserter, "flush", flush_then_fail)
    with pytest.raises(Injected):
        call_command("import_units", str(sheet), "--partial", stdout=io.StringIO())
    assert calls[0] is IndustrialUnit
    assert IndustrialUnit.objects.count() == before and ChangeLogEntry.objects.count() == entries


def test_closing_an_obstacle_that_fails_midway_keeps_it_open(world, monkeypatch):
    obstacle = world.obstacle_a
    status, events = obstacle.status, ObstacleEvent.objects.filter(obstacle=obstacle).count()
    monkeypatch.setattr(obstacle_services, "set_status", fail)  # the outcome is saved, the status step fails
    with pytest.raises(Injected):
        obstacle_services.close(Obstacle.objects.get(pk=obstacle.pk), "resolved", world.users["secretariat"])
    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.outcome, obstacle.closed_date) == (status, "", None)
    assert ObstacleEvent.objects.filter(obstacle=obstacle).count() == events


def test_an_escalation_that_fails_midway_stays_at_its_level(world, monkeypatch):
    obstacle = world.obstacle_a
    level = obstacle.escalation_level
    monkeypatch.setattr(ObstacleEvent.objects, "create", fail)  # saved the level, the event fails
    with pytest.raises(Injected):
        obstacle_services.escalate(Obstacle.objects.get(pk=obstacle.pk), world.users["secretariat"])
    obstacle.refresh_from_db()
    assert obstacle.escalation_level == level and obstacle.escalated_at is None


def test_approving_minutes_that_fails_midway_leaves_them_open(world, monkeypatch):
    meeting = Meeting.objects.get(pk=world.meeting_a.pk)
    if meeting.status == "planned":
        meeting_services.hold(meeting, world.users["secretariat"])
    status = Meeting.objects.get(pk=meeting.pk).status
    deadlines = list(meeting.resolutions.values_list("objection_deadline", flat=True))
    monkeypatch.setattr(meeting_services, "log_event", fail)  # status and deadlines set, the history entry fails
    with pytest.raises(Injected):
        meeting_services.approve(Meeting.objects.get(pk=meeting.pk), world.users["secretariat"])
    meeting.refresh_from_db()
    assert meeting.status == status and meeting.approved_at is None
    assert list(meeting.resolutions.values_list("objection_deadline", flat=True)) == deadlines
