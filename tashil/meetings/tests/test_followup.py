"""Execution rates are computed in the database and right on a known fixture."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tashil.core.jalali import today
from tashil.meetings import services as meeting_services
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


def test_the_boards_breakdowns_show_each_agency_and_county_with_a_link_that_narrows_to_it(world, client_as):
    import re

    fixture(world)
    page = client_as("secretariat").get("/meetings/resolutions/").content.decode()
    by_agency = page.split('data-testid="by-agency"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><td><a href="\?agency=(\d+)">([^<]+)</a></td>((?:<td>[^<]*</td>){4})</tr>', by_agency)
    assert [(int(pk), name) for pk, name, _cells in rows] == [
        (world.agency_a.pk, "اداره مالیات الف"),  # the best rate first
        (world.agency_a2.pk, "اداره برق الف"),
    ]
    assert rows[0][2] == "<td>۴</td><td>۱</td><td>۱</td><td>۶۶٫۷٪</td>"
    by_county = page.split('data-testid="by-county"', 1)[1].split("</table>", 1)[0]
    assert f'<a href="?county={world.county_a.pk}">{world.county_a.name}</a></td><td>۵</td>' in by_county

    Resolution.objects.all().delete()
    page = client_as("secretariat").get("/meetings/resolutions/").content.decode()
    empty = page.split('data-testid="by-agency"', 1)[1].split("</table>", 1)[0]
    assert '<tr><td colspan="5" class="text-muted">—</td></tr>' in empty


def test_the_agency_officer_sees_its_resolutions_in_the_inbox(world, client_as):
    page = client_as("agency_officer").get("/obstacles/inbox/").content.decode()
    assert 'data-testid="inbox-resolutions"' in page and "برگ تشخیص را بازبینی" in page
    assert "مصوبه شهرستان ب" not in page


def summary_of(page):
    """The board's figures as shown: {testid: text} of the execution summary."""
    import re

    part = page.split('id="execution-summary"', 1)[1]
    return dict(re.findall(r'data-testid="([a-z-]+)">([^<]*)<', part.split('data-testid="by-agency"')[0]))


def test_the_rates_count_every_state_while_the_state_filter_narrows_the_list(world, client_as):
    fixture(world)
    response = client_as("secretariat").get("/meetings/resolutions/", {"state": "open"})
    assert response.context["summary"] == {"total": 9, "executed": 5, "following": 3, "not_executed": 1, "rate": 55.6}
    assert {row.record.status for row in response.context["table"].rows} <= {"pending", "in_progress", "objected"}
    # An agency, a place or a period is a choice of which resolutions the rates are about.
    response = client_as("secretariat").get("/meetings/resolutions/", {"state": "open", "agency": world.agency_a2.pk})
    assert response.context["summary"] == {"total": 3, "executed": 1, "following": 2, "not_executed": 0, "rate": 33.3}


def test_a_filter_changed_in_place_brings_the_rates_for_it(world, client_as):
    fixture(world)
    response = client_as("secretariat").get(
        "/meetings/resolutions/", {"agency": world.agency_a2.pk}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results"'), "the htmx answer is the results, not the whole page"
    assert 'id="execution-summary" data-testid="execution-summary" hx-swap-oob="true"' in page
    assert summary_of(page)["executed"] == "۱" and summary_of(page)["rate"] == "۳۳٫۳٪"


def test_the_boards_rates_are_kept_for_a_wide_area_and_current_for_a_county(
    world, client_as, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from tashil.meetings import views

    settings.TASHIL_REPORT_CACHE = True
    computed = []
    monkeypatch.setattr(views, "execution_counts", lambda qs: computed.append(1) or execution_counts(qs))
    fixture(world)
    nation = client_as("nation_manager")
    first = nation.get("/meetings/resolutions/", {"state": "open"}).content.decode()
    second = nation.get("/meetings/resolutions/", {"state": "open", "page": "1"}).content.decode()
    assert len(computed) == 1, "the nation's rates are aggregated once, not on every visit"
    assert summary_of(first) == summary_of(second) and 'data-testid="computed-at"' in second
    nation.get("/meetings/resolutions/", {"state": "open", "refresh": "1"})
    nation.get("/meetings/resolutions/", {"agency": world.agency_a.pk})
    assert len(computed) == 3, "«refresh» and another agency recompute"

    county = client_as("secretariat")
    assert summary_of(county.get("/meetings/resolutions/").content.decode())["executed"] == "۵"
    pending = Resolution.objects.get(meeting=world.meeting_a, agency=world.agency_a2, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.report_execution(pending, "تسهیلات پرداخت شد", user=world.users["agency_officer"])
        meeting_services.verify(pending, user=world.users["secretariat"])
    page = county.get("/meetings/resolutions/").content.decode()
    assert summary_of(page)["executed"] == "۶", "a county's rates follow every change at once"
    assert 'data-testid="computed-at"' not in page


def test_the_api_lists_resolutions_in_the_boards_order(world, client_as, api_as):
    fixture(world)
    board = [row.record.pk for row in client_as("secretariat").get("/meetings/resolutions/").context["table"].rows]
    api = [row["id"] for row in api_as("secretariat").get("/api/meetings/resolutions/").json()["results"]]
    assert api == board and len(api) >= 10
    statuses = dict(Resolution.objects.values_list("pk", "status"))
    assert statuses[api[0]] in ("pending", "in_progress", "objected") and statuses[api[-1]] not in (
        "pending",
        "in_progress",
        "objected",
    )


def test_the_boards_second_filter_set_only_filters_and_still_keeps_to_the_scope(world, client_as):
    """The rates' filter set is applied, never shown: it does not ask how many agencies or meetings its
    choices hold (the shown filter bar did), yet an agency out of the user's scope is still refused there."""
    fixture(world)
    with CaptureQueriesContext(connection) as queries:
        response = client_as("secretariat").get("/meetings/resolutions/", {"state": "open"})
    from tashil.core.filtersets import LONG_CHOICES

    limit = f"LIMIT {LONG_CHOICES + 1}"
    checks = [q["sql"] for q in queries if "COUNT(*) FROM (SELECT" in q["sql"] and limit in q["sql"]]
    assert checks and len(checks) == len(set(checks)), checks
    assert response.context["summary"]["total"] == 9
    other = client_as("secretariat").get("/meetings/resolutions/", {"agency": world.agency_b.pk})
    assert other.context["summary"]["total"] == 0, "another county's agency chooses nothing"


def test_the_inbox_panel_shows_the_nearest_deadlines_and_leads_to_all_of_them(world, client_as):
    """Twelve open resolutions: the ten nearest deadlines in the panel, the badge counting all twelve, and the
    panel's own link to the list of every one (the agency's; another county's stays out)."""
    import re

    from tashil.meetings.apps import INBOX_PANEL_ROWS

    Resolution.objects.filter(agency=world.agency_a).delete()
    made = [
        Resolution.objects.create(
            meeting=world.meeting_a,
            text=f"مصوبه آزمون {n}",
            agency=world.agency_a,
            deadline=today() + datetime.timedelta(days=n),
        )
        for n in range(1, 13)
    ]
    client = client_as("agency_officer")
    page = client.get("/obstacles/inbox/").content.decode()
    listed = re.findall(r"مصوبه آزمون (\d+)", page.split('data-testid="inbox-resolutions"', 1)[1].split("</ul>")[0])
    assert INBOX_PANEL_ROWS == 10 and listed == [str(n) for n in range(1, 11)]
    assert 'data-testid="inbox-resolutions-count">۱۲<' in page
    link = re.search(r'<a href="([^"]+)" data-testid="inbox-resolutions-all">', page).group(1).replace("&amp;", "&")
    every = client.get(link).content.decode()
    assert set(re.findall(r"مصوبه آزمون (\d+)", every)) == {str(n) for n in range(1, 13)} and len(made) == 12
    assert "مصوبه شهرستان ب" not in every


def test_the_inbox_panel_has_no_link_when_it_shows_every_resolution(world, client_as):
    page = client_as("agency_officer").get("/obstacles/inbox/").content.decode()
    assert 'data-testid="inbox-resolutions"' in page
    assert 'data-testid="inbox-resolutions-all"' not in page
