"""The public accountability page of a province's and a county's headquarters: reached from the public site's menu
without signing in, figures as of a lagging day, nothing of any unit, and its open data (CSV, DCAT JSON) the same
figures as the page."""

import csv
import datetime
import io
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from tashil.core.jalali import format_long, today
from tashil.core.persian import fold_digits, to_persian_digits
from tashil.core.testing.pages import link
from tashil.impact import services as impact_services
from tashil.impact.models import ImpactRecord
from tashil.meetings.choices import ResolutionStatus
from tashil.meetings.models import Meeting, Resolution
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import Outcome
from tashil.obstacles.models import Obstacle, SystemicIssue

pytestmark = pytest.mark.django_db


def days_ago(n):
    return today() - datetime.timedelta(days=n)


def number(text):
    digits = re.sub(r"[^0-9]", "", fold_digits(text))
    return int(digits) if digits else 0


@pytest.fixture
def decided(world, settings):
    """County A: one resolution executed 5 days ago, one executed today, one passed today; impact recorded
    10 days ago (the world's) and today. Published with a lag of 3 days."""
    settings.TASHIL_PUBLIC_LAG_DAYS = 3
    w = world
    Resolution.objects.filter(pk=w.resolution_a.pk).update(
        status=ResolutionStatus.EXECUTED, closed_date=days_ago(5), verified_at=timezone.now()
    )
    Resolution.objects.filter(pk=w.resolution_evidence_a.pk).update(
        status=ResolutionStatus.EXECUTED, closed_date=today(), verified_at=timezone.now()
    )
    fresh = Meeting.objects.create(series=w.series_a, date=today())
    Resolution.objects.create(meeting=fresh, text="مصوبه امروز", agency=w.agency_a, deadline=days_ago(-10))
    ImpactRecord.objects.filter(pk=w.impact_a.pk).update(date=days_ago(10))
    SystemicIssue.objects.filter(pk=w.systemic_a.pk).update(created=timezone.now() - datetime.timedelta(days=10))
    obstacle = Obstacle.objects.create(unit=w.unit_a, group=w.group_finance, title="مانع تازه رفع‌شده")
    obstacle_services.refer(obstacle, [w.agency_a], user=w.users["secretariat"])
    obstacle_services.close(obstacle, Outcome.RESOLVED, user=w.users["secretariat"])
    impact_services.record_impact(obstacle=obstacle, jobs_preserved=100, loans_rials=5_000, evidence="مستند امروز")
    return w


def visit_county(world):
    """A visitor opens the public site, its «پاسخگویی ستادها», the province, then the county."""
    client = Client()
    home = client.get("/directory/")
    index = client.get(link(home, testid="nav-accountability"))
    assert index.status_code == 200
    province = client.get(link(index, href_contains=f"/accountability/provinces/{world.province_a.pk}/"))
    assert province.status_code == 200
    county = client.get(link(province, href_contains=f"/accountability/counties/{world.county_a.pk}/"))
    assert county.status_code == 200
    return client, county


def agency_rows(html):
    rows = {}
    for row in re.findall(r'<tr data-testid="public-agency">(.*?)</tr>', html, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def figure(html, testid):
    return number(re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1))


class TestPublicPage:
    def test_reached_from_the_menu_with_figures_as_of_the_lagging_day(self, decided, settings):
        _client, page = visit_county(decided)
        html = page.content.decode()
        as_of = re.search(r'data-testid="accountability-as-of">(.*?)</p>', html, re.S).group(1)
        assert format_long(days_ago(3)) in as_of
        # Agency A: two resolutions passed by then (today's is not yet counted), one executed by then (the other
        # was executed today: still being followed up as of that day).
        total, executed, following, not_executed, _rate, jobs, _rials = agency_rows(html)[decided.agency_a.name]
        assert (number(total), number(executed), number(following), number(not_executed)) == (2, 1, 1, 0)
        assert figure(html, "public-jobs-preserved") == 12 and number(jobs) == 12
        settings.TASHIL_PUBLIC_LAG_DAYS = 0
        html = Client().get(page.wsgi_request.path).content.decode()
        total, executed, following, _n, _rate, jobs, _rials = agency_rows(html)[decided.agency_a.name]
        assert (number(total), number(executed), number(following)) == (3, 2, 1)
        assert figure(html, "public-jobs-preserved") == 112 and number(jobs) == 112

    def test_another_provinces_figures_are_not_on_this_page(self, decided):
        _client, page = visit_county(decided)
        assert decided.agency_b.name not in page.content.decode()

    def test_nothing_of_any_unit_reaches_the_page_or_its_open_data(self, decided, settings):
        settings.TASHIL_PUBLIC_LAG_DAYS = 0
        w = decided
        w.unit_a.notes = "یادداشت‌محرمانه‌کاشته"
        w.unit_a.save()
        planted = [
            w.unit_a.name,
            w.unit_b.name,
            w.obstacle_a.title,
            w.resolution_a.text,
            "یادداشت‌محرمانه‌کاشته",
            "نامه بانک درباره پرداخت تسهیلات",  # the world's impact evidence
            "مستند امروز",
            str(w.obstacle_a.amount),
            to_persian_digits(f"{w.obstacle_a.amount:,}").replace(",", "٬"),
        ]
        client, page = visit_county(w)
        province = client.get(f"/directory/accountability/provinces/{w.province_a.pk}/")
        answers = [page, province]
        for response in (page, province):
            answers.append(client.get(link(response, testid="open-data-csv")))
            answers.append(client.get(link(response, testid="open-data-dataset")))
        for answer in answers:
            assert answer.status_code == 200
            body = answer.content.decode("utf-8-sig")
            leaked = [value for value in planted if value and value in body]
            assert not leaked, f"{answer.wsgi_request.path} shows: {leaked}"

    def test_an_unknown_area_answers_404(self, world):
        assert Client().get("/directory/accountability/provinces/999999/").status_code == 404
        assert Client().get("/directory/accountability/counties/999999/data.csv").status_code == 404


class TestOpenData:
    def test_the_csv_and_the_dcat_description_parse_and_match_the_page(self, decided):
        client, page = visit_county(decided)
        html = page.content.decode()
        shown = agency_rows(html)
        answer = client.get(link(page, testid="open-data-csv"))
        assert answer["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
        assert rows and set(rows[0]) == {"area", "as_of", "section", "item", "measure", "value", "label"}
        assert {row["as_of"] for row in rows} == {days_ago(3).isoformat()}
        by_agency = {}
        for row in rows:
            if row["section"] == "resolutions_by_agency":
                by_agency.setdefault(row["item"], {})[row["measure"]] = row["value"]
        assert set(by_agency) == set(shown)
        for name, cells in shown.items():
            data = by_agency[name]
            expected = [number(cells[i]) for i in (0, 1, 2, 3, 5, 6)]
            measures = ("total", "executed", "following", "not_executed", "impact_jobs", "impact_rials")
            assert [int(data[m]) for m in measures] == expected, name
        impact = {row["measure"]: int(row["value"]) for row in rows if row["section"] == "impact"}
        assert impact["jobs_preserved"] == figure(html, "public-jobs-preserved")
        assert impact["rials"] == figure(html, "public-rials")
        issues = [row for row in rows if row["section"] == "systemic_issues" and row["measure"] == "state"]
        assert [row["item"] for row in issues] == [decided.systemic_a.title]

        dataset = json.loads(client.get(link(page, testid="open-data-dataset")).content)
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:license"].startswith("https://creativecommons.org/")
        assert dataset["dct:modified"] == days_ago(3).isoformat()
        assert dataset["dct:title"] and dataset["dcat:landingPage"].endswith(page.wsgi_request.path)
        formats = {d["dcat:mediaType"]: d for d in dataset["dcat:distribution"]}
        assert formats["text/csv"]["dcat:downloadURL"].endswith(answer.wsgi_request.path)
        assert formats["text/html"]["dcat:accessURL"].endswith(page.wsgi_request.path)
