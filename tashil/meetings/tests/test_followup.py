"""Execution rates are computed in the database and right on a known fixture."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tashil.core.jalali import today
from tashil.meetings.models import Resolution
from tashil.meetings.reports import execution_by, execution_counts


def fixture(world):
    """Agency A: 4 executed, 1 following, 1 not executed, 1 cancelled. Agency A2: 1 executed, 2 following."""
    due = today() + datetime.timedelta(days=5)

    def make(agency, status):
        r = Resolution.objects.create(meeting=world.meeting_a, text=f"مصوبه {status}", agency=agency, deadline=due)
        Resolution.objects.filter(pk=r.pk).update(status=status)

    Resolution.objects.filter(meeting=world.meeting_a).delete()
    for status in ["executed"] * 4 + ["in_progress", "not_executed", "cancelled"]:
        make(world.agency_a, status)
    for status in ["executed", "pending", "objected"]:
        make(world.agency_a2, status)


def test_execution_counts_on_a_known_fixture(world):
    fixture(world)
    counts = execution_counts(Resolution.objects.filter(county=world.county_a))
    assert counts == {"total": 9, "executed": 5, "following": 3, "not_executed": 1, "rate": 55.6}
    by_agency = {
        row["name"]: row
        for row in execution_by(Resolution.objects.filter(county=world.county_a), "agency", "agency__name")
    }
    assert by_agency["اداره مالیات الف"] == {
        **by_agency["اداره مالیات الف"],
        "total": 6,
        "executed": 4,
        "following": 1,
        "not_executed": 1,
        "rate": 66.7,
    }
    assert by_agency["اداره برق الف"]["rate"] == 33.3


def test_figures_take_one_query_each(world):
    fixture(world)
    with CaptureQueriesContext(connection) as queries:
        execution_counts(Resolution.objects.all())
        execution_by(Resolution.objects.all(), "county", "county__name")
    assert len(queries) == 2


def test_the_follow_up_board_shows_the_figures_and_open_ones_first(world, client_as):
    fixture(world)
    response = client_as("secretariat").get("/meetings/resolutions/")
    assert response.context["summary"]["rate"] == 55.6
    page = response.content.decode()
    assert 'data-testid="executed">۵<' in page and "۵۵٫۶٪" in page
    rows = list(response.context["table"].rows)
    assert rows[0].record.status in ("pending", "in_progress", "objected")
    assert "مصوبه شهرستان ب" not in page, "another county's resolutions are not counted or shown"


def test_the_agency_officer_sees_its_resolutions_in_the_inbox(world, client_as):
    page = client_as("agency_officer").get("/obstacles/inbox/").content.decode()
    assert 'data-testid="inbox-resolutions"' in page and "برگ تشخیص را بازبینی" in page
    assert "مصوبه شهرستان ب" not in page
