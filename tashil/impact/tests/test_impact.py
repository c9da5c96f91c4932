"""Recording what the work saved: from the resolved obstacle's, the verified resolution's and the revived unit's
pages (and the API), through one service, refused with a Persian message when the input is bad; and the sums the
dashboards, the scorecard and the period report show equal to the lists they link to."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tashil.core.jalali import today
from tashil.core.persian import fold_digits
from tashil.core.testing.pages import form, link
from tashil.impact.models import ImpactRecord
from tashil.meetings.choices import ResolutionStatus
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import Outcome
from tashil.obstacles.models import Obstacle

pytestmark = pytest.mark.django_db


def resolved_obstacle(world, unit=None, agency=None, title="تأمین مواد اولیه", user="secretariat"):
    """An obstacle referred to an agency, answered and closed as resolved, as the secretariat does it."""
    unit = unit or world.unit_a
    obstacle = Obstacle.objects.create(unit=unit, group=world.group_finance, title=title, jobs_at_risk=30)
    obstacle_services.refer(obstacle, [agency or world.agency_a], user=world.users[user])
    obstacle_services.close(obstacle, Outcome.RESOLVED, user=world.users[user], note="رفع شد")
    obstacle.refresh_from_db()
    return obstacle


def number(text):
    """A figure as the page shows it (Persian digits, separators) as an int."""
    digits = re.sub(r"[^0-9]", "", fold_digits(text))
    return int(digits) if digits else 0


def add_form(client, source_page):
    page = client.get(source_page)
    assert page.status_code == 200
    answer = client.get(link(page, testid="impact-add"))
    assert answer.status_code == 200
    return form(answer, testid="object-form")


class TestRecording:
    def test_the_secretariat_records_impact_from_the_resolved_obstacle_page(self, world, client_as):
        obstacle = resolved_obstacle(world)
        client = client_as("secretariat")
        entry = add_form(client, obstacle.get_absolute_url())
        entry.fill(
            jobs_preserved="۱۵",
            jobs_restored="۳",
            loans_rials="۲٬۵۰۰٬۰۰۰٬۰۰۰",
            fines_rials="١٢٠٠٠٠٠",
            capacity_restored="۴۰",
            evidence="نامه شماره ۱۲۳ بانک ملی درباره پرداخت تسهیلات",
        )
        answer = entry.submit(client)
        assert answer.status_code == 302
        answer = client.get(answer["Location"])
        assert answer.status_code == 200
        record = ImpactRecord.objects.get(obstacle=obstacle)
        assert (record.jobs_preserved, record.jobs_restored, record.capacity_restored) == (15, 3, 40)
        assert (record.loans_rials, record.debts_rials, record.fines_rials) == (2_500_000_000, 0, 1_200_000)
        assert (record.unit, record.county, record.agency, record.group) == (
            world.unit_a,
            world.county_a,
            world.agency_a,
            world.group_finance,
        )
        assert record.recorded_by == world.users["secretariat"]
        # Back on the obstacle's page the button leads to the record, and its history notes the event.
        page = client.get(obstacle.get_absolute_url())
        assert link(page, testid="impact-record") == record.get_absolute_url()
        history = client.get(obstacle.get_absolute_url() + "?tab=history").content.decode()
        assert "اثر ثبت شد" in history

    def test_an_open_obstacle_offers_no_button_and_the_service_refuses_it(self, world, client_as):
        from django.core.exceptions import ValidationError

        from tashil.impact import services

        obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مانع باز")
        page = client_as("secretariat").get(obstacle.get_absolute_url()).content.decode()
        assert 'data-testid="impact-add"' not in page
        with pytest.raises(ValidationError) as refusal:
            services.record_impact(obstacle=obstacle, jobs_preserved=5, evidence="x", user=world.users["secretariat"])
        assert "هنوز رفع نشده" in " ".join(refusal.value.messages)
        assert not ImpactRecord.objects.filter(obstacle=obstacle).exists()

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ({"jobs_preserved": "-۵", "evidence": "مستند"}, "«-۵» پذیرفتنی نیست؛ این عدد نمی‌تواند منفی باشد."),
            ({"jobs_preserved": "۵", "capacity_restored": "۱۲۰", "evidence": "مستند"}, "بین ۰ و ۱۰۰"),
            ({"loans_rials": "۱۲٫۵", "evidence": "مستند"}, "عدد"),
            ({"loans_rials": "ده میلیون", "evidence": "مستند"}, "«ده میلیون» عدد نیست."),
            ({"evidence": "مستند"}, "دست‌کم یکی از اشتغال، مبلغ ریالی یا ظرفیت بازگشته"),
            ({"jobs_preserved": "۵"}, "مستندات اثر را بنویسید"),
        ],
    )
    def test_bad_input_is_refused_with_a_persian_message_and_nothing_saved(self, world, client_as, typed, message):
        obstacle = resolved_obstacle(world)
        client = client_as("secretariat")
        entry = add_form(client, obstacle.get_absolute_url())
        entry.fill(**typed)
        answer = entry.submit(client)
        assert answer.status_code == 400
        assert message in answer.content.decode()
        assert not ImpactRecord.objects.filter(obstacle=obstacle).exists()

    def test_one_record_per_source_and_none_for_a_resolution_whose_obstacle_is_credited(self, world):
        from django.core.exceptions import ValidationError

        from tashil.impact import services

        obstacle = resolved_obstacle(world)
        services.record_impact(obstacle=obstacle, jobs_preserved=5, evidence="مستند")
        with pytest.raises(ValidationError):
            services.record_impact(obstacle=obstacle, jobs_preserved=5, evidence="مستند")
        resolution = world.resolution_a
        resolution.obstacle = obstacle
        resolution.status, resolution.verified_at = ResolutionStatus.EXECUTED, timezone.now()
        resolution.save()
        with pytest.raises(ValidationError) as refusal:
            services.record_impact(resolution=resolution, jobs_restored=2, evidence="مستند")
        assert "پیش‌تر ثبت شده" in " ".join(refusal.value.messages)

    def test_a_verified_resolution_offers_the_button_and_credits_its_agency(self, world, client_as):
        resolution = world.resolution_evidence_a
        client = client_as("secretariat")
        assert 'data-testid="impact-add"' not in client.get(resolution.get_absolute_url()).content.decode()
        resolution.status, resolution.verified_at = ResolutionStatus.EXECUTED, timezone.now()
        resolution.save()
        entry = add_form(client, resolution.get_absolute_url())
        entry.fill(debts_rials="۸۰۰۰۰۰۰۰۰", evidence="تقسیط بدهی تأمین اجتماعی")
        assert entry.submit(client).status_code == 302
        record = ImpactRecord.objects.get(resolution=resolution)
        assert record.agency == resolution.agency and record.debts_rials == 800_000_000
        assert record.county == resolution.county

    def test_a_revived_clinic_case_offers_the_button_and_credits_no_agency(self, world, client_as):
        from tashil.clinic import services as clinic_services
        from tashil.clinic.choices import CaseOutcome

        case = world.case_a
        client = client_as("secretariat")
        assert 'data-testid="impact-add"' not in client.get(case.get_absolute_url()).content.decode()
        before = number(
            re.search(
                r'data-testid="figure-impact-jobs-value">([^<]*)<',
                client.get(reverse("reports:dashboard")).content.decode(),
            ).group(1)
        )
        clinic_services.close(case, CaseOutcome.REVIVED, "واحد دوباره تولید می‌کند", world.users["secretariat"])
        entry = add_form(client, case.get_absolute_url())
        entry.fill(jobs_restored="۱۷", capacity_restored="۴۰", evidence="فهرست بیمه کارکنان بازگشته")
        assert entry.submit(client).status_code == 302
        record = ImpactRecord.objects.get(clinic_case=case)
        assert (record.unit, record.county, record.agency, record.group) == (case.unit, world.county_a, None, None)
        assert (record.jobs_restored, record.capacity_restored) == (17, 40)
        assert link(client.get(case.get_absolute_url()), testid="impact-record") == record.get_absolute_url()
        # The county's dashboard counts it (a revival credits no agency, so it is in no agency's row).
        after = client.get(reverse("reports:dashboard")).content.decode()
        assert number(re.search(r'data-testid="figure-impact-jobs-value">([^<]*)<', after).group(1)) == before + 17

    def test_another_countys_source_answers_404(self, world, client_as):
        obstacle = resolved_obstacle(world)
        url = reverse("impact:impactrecord_add") + f"?obstacle={obstacle.pk}"
        assert client_as("secretariat_b").get(url).status_code == 404
        assert client_as("secretariat").get(url).status_code == 200

    def test_the_api_records_through_the_same_service(self, world, api_as):
        obstacle = resolved_obstacle(world)
        api = api_as("secretariat")
        payload = {"obstacle": obstacle.pk, "jobs_preserved": 7, "loans_rials": 1000, "evidence": "مستند بانک"}
        answer = api.post(reverse("api:impactrecord-list"), payload, format="json")
        assert answer.status_code == 201, answer.content
        record = ImpactRecord.objects.get(obstacle=obstacle)
        assert (record.agency, record.jobs_preserved, record.recorded_by) == (
            world.agency_a,
            7,
            world.users["secretariat"],
        )
        bad = api.post(
            reverse("api:impactrecord-list"),
            {"obstacle": world.obstacle_a.pk, "jobs_preserved": -3, "evidence": "x"},
            format="json",
        )
        assert bad.status_code == 400
        # Another county's secretariat cannot name county A's obstacle.
        other = api_as("secretariat_b").post(
            reverse("api:impactrecord-list"),
            {"obstacle": resolved_obstacle(world, title="دیگری").pk, "jobs_preserved": 1, "evidence": "x"},
            format="json",
        )
        assert other.status_code == 400


def list_sums(client, url):
    """The impact list at ``url`` exported whole (CSV): its rows' jobs and rials summed."""
    answer = client.get(url + ("&" if "?" in url else "?") + "export=csv")
    assert answer.status_code == 200
    text = b"".join(answer.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    jobs = sum(int(r["اشتغال حفظ‌شده (نفر)"] or 0) + int(r["اشتغال بازگشته (نفر)"] or 0) for r in rows)
    rials = sum(
        int(r["تسهیلات پرداخت‌شده (ریال)"] or 0)
        + int(r["بدهی تسویه یا تقسیط‌شده (ریال)"] or 0)
        + int(r["جرائم بخشوده‌شده (ریال)"] or 0)
        for r in rows
    )
    return jobs, rials, len(rows)


def table_rows(html, testid):
    """(link, cells) of each row of a table the page shows, by its data-testid."""
    table = re.search(rf'data-testid="{testid}".*?</table>', html, re.S).group(0)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        href = re.search(r'href="([^"]+)"', row)
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if href and cells:
            rows.append((href.group(1).replace("&amp;", "&"), cells))
    return rows


class TestSumsEqualTheirLists:
    @pytest.fixture
    def more(self, world):
        from tashil.impact import services

        services.record_impact(
            obstacle=resolved_obstacle(world, unit=world.unit_a, agency=world.agency_a2, title="برق"),
            jobs_restored=9,
            debts_rials=40_000_000,
            evidence="مستند",
        )
        services.record_impact(
            obstacle=resolved_obstacle(world, unit=world.unit_b, agency=world.agency_b, user="secretariat_b"),
            jobs_preserved=21,
            fines_rials=7_000_000,
            evidence="مستند",
        )
        return world

    @pytest.mark.parametrize(
        ("role", "query"), [("nation_manager", ""), ("province_secretariat", ""), ("secretariat", "")]
    )
    def test_dashboard_figures_per_level_agency_group_and_area(self, more, client_as, role, query):
        client = client_as(role)
        page = client.get(reverse("reports:dashboard") + query)
        html = page.content.decode()
        total = number(re.search(r'data-testid="figure-impact-jobs-value">([^<]*)<', html).group(1))
        rials = number(re.search(r'data-testid="figure-impact-rials-value">([^<]*)<', html).group(1))
        assert total > 0
        assert list_sums(client, link(page, testid="figure-impact-jobs"))[:2] == (total, rials)
        for testid in ("impact-agencies", "impact-groups"):
            rows = table_rows(html, testid)
            assert rows, testid
            for href, cells in rows:
                assert list_sums(client, href)[:2] == (number(cells[1]), number(cells[2])), (testid, cells[0])
        # Per child area (provinces of the nation, counties of a province), where the level has children.
        children = re.findall(r'<a href="([^"]+)" data-testid="child-impact">([^<]*)</a>', html)
        assert bool(children) == (role != "secretariat"), "the nation and a province list their areas' impact"
        for href, shown in children:
            assert list_sums(client, href.replace("&amp;", "&"))[0] == number(shown)

    def test_the_scorecard_credits_each_agency_with_its_list(self, more, client_as):
        client = client_as("nation_manager")
        page = client.get(reverse("reports:scorecard"))
        html = page.content.decode()
        for figure, index in (("impact_jobs", 0), ("impact_rials", 1)):
            found = re.findall(rf'data-figure="{figure}"><a href="([^"]+)"[^>]*>([^<]*)</a>', html)
            assert len(found) >= 3, figure
            for href, shown in found:
                assert list_sums(client, href.replace("&amp;", "&"))[index] == number(shown), figure

    def test_the_period_report_counts_the_period_and_links_to_it(self, more, client_as):
        client = client_as("nation_manager")
        html = client.get(reverse("reports:period") + "?period=year").content.decode()
        cells = re.findall(r'<a href="([^"]+)" data-testid="period-impact-jobs">([^<]*)</a>', html)
        assert cells
        for href, shown in cells:
            assert list_sums(client, href.replace("&amp;", "&"))[0] == number(shown)
        rials = re.findall(r'<a href="([^"]+)" data-testid="period-impact-rials">([^<]*)</a>', html)
        assert len(rials) == len(cells)
        for href, shown in rials:
            assert list_sums(client, href.replace("&amp;", "&"))[1] == number(shown)
        total = re.search(r'<a href="([^"]+)" data-testid="period-impact-total">([^<]*)</a>', html)
        assert (
            number(total.group(2))
            == sum(r.jobs for r in ImpactRecord.objects.all())
            == list_sums(client, total.group(1).replace("&amp;", "&"))[0]
        )
        total_rials = re.search(r'<a href="([^"]+)" data-testid="period-impact-rials-total">([^<]*)</a>', html)
        assert number(total_rials.group(2)) == list_sums(client, total_rials.group(1).replace("&amp;", "&"))[1] > 0

    @pytest.mark.parametrize("role", ["nation_manager", "secretariat"])
    def test_the_period_report_by_agency_and_group_beside_what_is_at_stake(self, more, client_as, api_as, role):
        """Each agency's and group's impact equals its list; what is at stake beside it equals the referrals
        waiting for that agency, or that group's open obstacles, on the list the count links to."""
        Obstacle.objects.create(unit=more.unit_a, group=more.group_finance, title="باز", jobs_at_risk=12, amount=900)
        waiting = Obstacle.objects.create(unit=more.unit_a, group=more.group_finance, title="منتظر", jobs_at_risk=4)
        obstacle_services.refer(waiting, [more.agency_a], user=more.users["secretariat"])
        client = client_as(role)
        page = client.get(reverse("reports:period") + "?period=year")
        html = page.content.decode()
        for testid in ("period-impact-agency", "period-impact-group"):
            rows = table_rows(html, testid)
            assert rows, testid
            credited = at_stake = 0
            for _href, cells in rows:
                name = cells[0]
                impact = re.search(
                    rf"<td>{re.escape(name)}</td>.*?</tr>",
                    html.split(f'data-testid="{testid}"')[1],
                    re.S,
                ).group(0)
                jobs = re.search(r'<a href="([^"]+)" data-testid="impact-jobs">([^<]*)</a>', impact)
                if jobs:
                    credited += 1
                    assert list_sums(client, jobs.group(1).replace("&amp;", "&"))[:2] == (
                        number(cells[2]),
                        number(cells[3]),
                    ), (testid, name)
                stake = re.search(r'<a href="([^"]+)" data-testid="stake-count">([^<]*)</a>', impact)
                if stake:
                    at_stake += 1
                    answer = client.get(stake.group(1).replace("&amp;", "&") + "&export=csv")
                    listed = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode("utf-8-sig"))))
                    assert len(listed) == number(stake.group(2)), (testid, name)
                    if testid == "period-impact-group":
                        assert sum(int(r["اشتغال در خطر (نفر)"] or 0) for r in listed) == number(cells[5])
            assert credited and at_stake, testid
        # The API gives the same rows.
        answer = api_as(role).get(reverse("api:report-period") + "?period=year")
        assert answer.status_code == 200
        shown = {cells[0]: number(cells[2]) for _href, cells in table_rows(html, "period-impact-agency")}
        assert {row["name"]: row["jobs"] for row in answer.json()["impact_by_agency"]} == shown
        # The export carries the same two tables after the areas'.
        export = client.get(link(page, testid="export-csv"))
        text = b"".join(export.streaming_content).decode("utf-8-sig")
        assert "ارجاع‌های در انتظار پاسخ" in text and "موانع باز" in text and "گروه مانع" in text


def test_the_period_report_shows_each_tables_first_rows_and_exports_them_all(world, client_as, monkeypatch):
    """The nation has thousands of agencies: the page shows the first rows of each table (the largest saving
    first) and says how many more the export holds; the export has every one."""
    from tashil.impact import services
    from tashil.reports.views import PeriodReportView

    services.record_impact(obstacle=resolved_obstacle(world), jobs_preserved=40, evidence="مستند")
    services.record_impact(
        obstacle=resolved_obstacle(world, agency=world.agency_a2, title="برق"), jobs_preserved=3, evidence="مستند"
    )
    monkeypatch.setattr(PeriodReportView, "BREAKDOWN_ROWS", 1)
    client = client_as("nation_manager")
    page = client.get(reverse("reports:period") + "?period=year")
    html = page.content.decode()
    shown = table_rows(html, "period-impact-agency")
    more = re.search(r'data-testid="period-impact-more">([^<]*)<', html.split('data-testid="period-impact-agency"')[1])
    hidden = number(more.group(1))
    assert len(shown) == 1 and hidden >= 1
    text = b"".join(client.get(link(page, testid="export-csv")).streaming_content).decode("utf-8-sig")
    table = text.split("ارجاع‌های در انتظار پاسخ")[1].split("گروه مانع")[0]
    agencies = list(csv.reader(io.StringIO(table.split("\n", 1)[1])))
    agencies = [row for row in agencies if any(row)]
    assert len(agencies) == 1 + hidden, "the export has every row"
    assert number(shown[0][1][2]) == max(int(row[2]) for row in agencies) >= 40, "the largest saving first"


def test_the_demo_records_impact_through_the_service_and_the_public_page_shows_it(db):
    from django.core.management import call_command
    from django.test import Client

    call_command("load_demo", quiet_logins=True, verbosity=0)
    records = ImpactRecord.objects.all()
    assert records.count() >= 2
    assert all(r.evidence and r.recorded_by for r in records)
    county = records.first().county
    page = Client().get(reverse("public:accountability", kwargs={"level": "counties", "pk": county.pk}))
    html = page.content.decode()
    as_of = today() - datetime.timedelta(days=30)
    published = sum(r.jobs_preserved for r in records if r.date <= as_of)
    assert published > 0
    assert number(re.search(r'data-testid="public-jobs-preserved">([^<]*)<', html).group(1)) == published
