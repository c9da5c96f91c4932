"""The dashboard's figures against a small county built by hand, whose right answers are worked out below."""

import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tashil.core.choices import Role, ScopeLevel
from tashil.core.jalali import format_jalali, jalali_today, month_bounds, today
from tashil.geo.areas import Area
from tashil.meetings.choices import MeetingKind
from tashil.meetings.models import Meeting, MeetingSeries, Resolution
from tashil.obstacles.models import Obstacle, Referral
from tashil.reports import figures
from tashil.site.testing.factories import (
    AgencyFactory,
    CountyFactory,
    IndustrialZoneFactory,
    MembershipFactory,
    ProvinceFactory,
    UserFactory,
)
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit, UnitStatusChange

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def days_ago(n):
    return today() - n * DAY


class Fixture:
    """County R: four units, six obstacles, three referrals, four resolutions."""

    def __init__(self, world):
        from tashil.obstacles.models import ObstacleGroup

        self.province = ProvinceFactory(name="استان آزمون", code=299)
        self.county = CountyFactory(province=self.province, name="شهرستان آزمون", code=29901)
        zone = IndustrialZoneFactory(county=self.county, name="شهرک آزمون")
        self.agency_x = AgencyFactory(county=self.county, name="اداره ایکس")
        self.agency_y = AgencyFactory(county=self.county, name="اداره ایگرگ", type="electricity")
        self.user = UserFactory(username="dabir.azmoon")
        MembershipFactory(user=self.user, role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county=self.county)
        self.area = Area(ScopeLevel.COUNTY, county=self.county)

        def unit(name, status, in_zone, changes):
            u = IndustrialUnit.objects.create(
                name=name, county=self.county, zone=zone if in_zone else None, status=status
            )
            UnitStatusChange.objects.create(unit=u, to_status=UnitStatus.ACTIVE, date=days_ago(400), reason="ثبت")
            previous = UnitStatus.ACTIVE
            for when, to in changes:
                UnitStatusChange.objects.create(unit=u, from_status=previous, to_status=to, date=when, reason="آزمون")
                previous = to
            return u

        # Reactivations: U1 on a day earlier this Jalali year but not this month; U2 today.
        year_start = figures.Period.year(jalali_today().year).start
        month_start = month_bounds(jalali_today().year, jalali_today().month)[0]
        earlier = max(year_start, month_start - 30 * DAY)
        self.u1 = unit(
            "واحد یک",
            UnitStatus.ACTIVE,
            True,
            [(earlier - 30 * DAY, UnitStatus.INACTIVE), (earlier, UnitStatus.ACTIVE)],
        )
        self.u2 = unit(
            "واحد دو", UnitStatus.ACTIVE, False, [(days_ago(300), UnitStatus.INACTIVE), (today(), UnitStatus.ACTIVE)]
        )
        self.u3 = unit("واحد سه", UnitStatus.SEMI_ACTIVE, False, [(days_ago(100), UnitStatus.SEMI_ACTIVE)])
        self.u4 = unit("واحد چهار", UnitStatus.INACTIVE, True, [(days_ago(200), UnitStatus.INACTIVE)])
        self.reactivated_this_month = 1 if earlier < month_start else 2

        group = ObstacleGroup.objects.first()
        other_group = ObstacleGroup.objects.exclude(domain=group.domain).first()

        def obstacle(title, status, reported, closed=None, grp=group, **extra):
            o = Obstacle.objects.create(unit=self.u1, group=grp, title=title, reported_date=days_ago(reported), **extra)
            Obstacle.objects.filter(pk=o.pk).update(
                status=status, closed_date=days_ago(closed) if closed is not None else None
            )
            return o

        self.o1 = obstacle("باز یک", "referred", 40, jobs_at_risk=10, amount=Decimal(10**9))
        self.o2 = obstacle("باز دو", "in_progress", 40, jobs_at_risk=5, escalation_level=ScopeLevel.PROVINCE)
        obstacle("رفع یک", "resolved", 30, 10)  # 20 days
        obstacle("رفع دو", "resolved", 50, 0, grp=other_group)  # 50 days
        obstacle("رفع سه", "resolved", 10, 0)  # 10 days
        obstacle("رفع‌نشدنی", "unresolvable", 60, 5, grp=other_group)
        self.group, self.other_group = group, other_group

        def referral(obstacle_, agency, referred, due, answered=None, status="pending"):
            settled = status in ("done", "rejected")
            return Referral.objects.create(
                obstacle=obstacle_,
                agency=agency,
                referred_date=days_ago(referred),
                due_date=days_ago(due),
                first_response_due=days_ago(referred - 3),
                first_response_date=days_ago(answered) if answered is not None else None,
                first_response_days=referred - answered if answered is not None else None,
                responded_at=timezone.make_aware(datetime.datetime.combine(days_ago(answered), datetime.time(10)))
                if settled
                else None,
                status=status,
            )

        referral(self.o1, self.agency_x, 20, 5)  # overdue, unanswered
        referral(self.o2, self.agency_x, 12, -3, answered=10, status="in_progress")  # answered in 2 days, on time
        referral(self.o1, self.agency_y, 30, 20, answered=15, status="done")  # answered in 15 days, late

        series = MeetingSeries.objects.create(county=self.county, kind=MeetingKind.WORKING_GROUP, title="کارگروه آزمون")
        meeting = Meeting.objects.create(series=series, date=max(year_start, days_ago(3)))

        def resolution(status, agency, failure=""):
            r = Resolution.objects.create(meeting=meeting, text="مصوبه", agency=agency, deadline=days_ago(1))
            Resolution.objects.filter(pk=r.pk).update(status=status, failure_party=failure)

        resolution("executed", self.agency_x)
        resolution("pending", self.agency_x)
        resolution("not_executed", self.agency_y, failure="agency")
        resolution("cancelled", self.agency_y)


@pytest.fixture
def fx(world):
    return Fixture(world)


def test_units_by_status_and_zone(fx):
    units = figures.unit_figures(fx.area, fx.user)
    by = {s["value"]: s for s in units["statuses"]}
    assert (by["active"]["inside"], by["active"]["outside"]) == (1, 1)
    assert by["semi_active"]["total"] == 1 and by["inactive"]["inside"] == 1 and by["closed"]["total"] == 0
    assert (units["total"], units["inside"], units["outside"]) == (4, 2, 2)
    assert units["stopped_share"] == 50.0


def test_reactivations_this_year_and_month(fx):
    year = figures.Period.year(jalali_today().year)
    month = figures.Period.month(jalali_today().year, jalali_today().month)
    counts = figures.reactivations(fx.area, fx.user, {"year": year, "month": month})
    assert counts["year"] == 2
    assert counts["month"] == fx.reactivated_this_month


def test_the_status_trend_ends_at_todays_counts_and_starts_from_the_history(fx):
    trend = figures.status_trend(fx.area, fx.user)
    assert len(trend) == 12
    assert {k: trend[-1][k] for k in ("active", "semi_active", "inactive")} == {
        "active": 2,
        "semi_active": 1,
        "inactive": 1,
    }
    # 300 days ago U2 stopped; before that every unit was active.
    assert trend[0]["active"] + trend[0]["semi_active"] + trend[0]["inactive"] == 4


def test_obstacle_figures(fx):
    o = figures.obstacle_figures(fx.area, fx.user)
    assert (o["open"], o["resolved"], o["unresolvable"], o["escalated"]) == (2, 3, 1, 1)
    assert (o["jobs_at_risk"], o["rials_at_stake"]) == (15, Decimal(10**9))
    assert o["median_days"] == pytest.approx(20)
    assert o["p90_days"] == pytest.approx(44)  # 20 + 0.8 × (50 − 20), as PostgreSQL's percentile_cont
    assert o["overdue_referrals"] == 1
    assert o["resolved_share"] == 75.0


def test_obstacles_by_domain(fx):
    rows = {r["id"]: r for r in figures.obstacles_by(fx.area, fx.user, "group__domain", "group__domain__name")}
    first, second = rows[fx.group.domain_id], rows[fx.other_group.domain_id]
    assert (first["open"], first["resolved"], first["unresolvable"]) == (2, 2, 0)
    assert (second["open"], second["resolved"], second["unresolvable"]) == (0, 1, 1)


def test_resolution_execution(fx):
    r = figures.resolution_figures(fx.area, fx.user, figures.Period.year(jalali_today().year))
    assert (r["total"], r["executed"], r["following"], r["not_executed"]) == (3, 1, 1, 1)
    assert r["rate"] == pytest.approx(33.3)


def test_agency_scorecard(fx):
    rows = {r["name"]: r for r in figures.agency_scorecard(fx.area, fx.user)}
    x, y = rows["اداره ایکس"], rows["اداره ایگرگ"]
    assert (x["received"], x["answered"], x["overdue_now"]) == (2, 1, 1)
    assert x["on_time_share"] == 0.0  # nothing done yet, one past due
    assert x["first_on_time_share"] == 50.0  # one answered within its target, one not answered past it
    assert x["first_days"] == 2.0
    assert (x["resolutions"], x["executed"], x["executed_share"], x["failures"]) == (2, 1, 50.0, 0)
    assert (y["received"], y["on_time_share"], y["first_on_time_share"], y["first_days"]) == (1, 0.0, 0.0, 15.0)
    assert (y["resolutions"], y["failures"]) == (1, 1), "the cancelled resolution does not count"


def test_figures_are_bounded_in_queries(fx, client_as, django_assert_max_num_queries):
    from django.test import Client

    client = Client()
    client.force_login(fx.user)
    # Each scorecard source (resolutions, attendance, producers' reviews, impact) is one grouped query, the
    # referrals three (counts, the overdue, the median), the agencies' names one, and the units by ISIC division.
    with django_assert_max_num_queries(46):
        response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="figure-status-active-value">۲<' in page
    assert 'data-testid="figure-obstacles-open-value">۲<' in page


def test_queries_do_not_grow_with_the_data(fx, django_assert_max_num_queries):
    """The same number of queries for four units as for forty: nothing loops over rows."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(fx.user)
    client.get(reverse("reports:dashboard"))  # the person's cache entry (core/person.py) is filled on the first
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reports:dashboard"))
    for index in range(36):
        IndustrialUnit.objects.create(name=f"واحد افزوده {index}", county=fx.county, status=UnitStatus.INACTIVE)
        Obstacle.objects.create(unit=fx.u3, group=fx.group, title=f"مانع {index}")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("reports:dashboard"))
    assert len(large) == len(small)


def test_another_scope_cannot_ask_for_this_area(fx, client_as):
    response = client_as("secretariat").get(reverse("reports:dashboard") + f"?county={fx.county.pk}")
    assert response.status_code == 404
    response = client_as("secretariat").get(reverse("reports:dashboard") + f"?province={fx.province.pk}")
    assert response.status_code == 404


def test_a_county_user_cannot_pass_a_county_off_as_its_province(world, client_as):
    response = client_as("secretariat").get(reverse("reports:dashboard") + f"?province={world.province_a.pk}")
    assert response.status_code == 404, "county A alone is not province A"
    assert (
        client_as("province_secretariat")
        .get(reverse("reports:dashboard") + f"?province={world.province_a.pk}")
        .status_code
        == 200
    )


def test_figures_link_to_lists_with_the_same_totals(fx):
    from django.test import Client

    client = Client()
    client.force_login(fx.user)
    context = client.get(reverse("reports:dashboard")).context
    checks = [
        (context["units"]["url"], context["units"]["total"]),
        (next(s for s in context["units"]["statuses"] if s["value"] == "active")["url"], 2),
        (context["obstacle_urls"]["open"], 2),
        (context["obstacle_urls"]["resolved"], 3),
        (context["obstacle_urls"]["escalated"], 1),
        (context["obstacle_urls"]["overdue"], 1),
        (context["resolution_urls"]["executed"], 1),
        (context["resolution_urls"]["following"], 1),
        (context["resolution_urls"]["not_executed"], 1),
        (context["reactivation_urls"]["year"], 2),
    ]
    for url, expected in checks:
        page = client.get(url).content.decode()
        from tashil.core.persian import to_persian_digits

        assert f'data-testid="result-count">{to_persian_digits(expected)} مورد' in page, url


def test_the_scorecard_sorts_and_exports(fx):
    from django.test import Client

    client = Client()
    client.force_login(fx.user)
    page = client.get(reverse("reports:scorecard") + "?sort=-failures").content.decode()
    assert page.index("اداره ایگرگ") < page.index("اداره ایکس")
    response = client.get(reverse("reports:scorecard") + "?export=xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.values)
    assert rows[0][0] == "دستگاه" and {r[0] for r in rows[1:]} == {"اداره ایکس", "اداره ایگرگ"}


def test_the_scorecard_shows_a_page_at_a_time_searches_names_and_exports_them_all(fx, monkeypatch):
    from django.test import Client

    from tashil.reports.views import ScorecardView

    monkeypatch.setattr(ScorecardView, "PER_PAGE", 1)
    client = Client()
    client.force_login(fx.user)
    url = reverse("reports:scorecard")

    def body(page):
        return page.split('data-testid="scorecard"')[1]

    first = client.get(url + "?sort=-failures").content.decode()
    second = client.get(url + "?sort=-failures&page=2").content.decode()
    assert "اداره ایگرگ" in body(first) and "اداره ایکس" not in body(first)
    assert "اداره ایکس" in body(second) and "اداره ایگرگ" not in body(second)
    assert "۲ دستگاه" in first and "ردیف ۱ تا ۱" in first and "صفحه ۱ از ۲" in first
    assert "sort=-failures&amp;page=2" in first, "the pager keeps the sort"
    # The search folds Arabic letters and matches part of a name; the export takes every row it leaves.
    searched = client.get(url + "?q=ايگرگ").content.decode()
    assert "اداره ایگرگ" in body(searched) and "اداره ایکس" not in body(searched) and "۱ دستگاه" in searched
    response = client.get(url + "?q=ایکس&page=1&export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "اداره ایکس" in text and "اداره ایگرگ" not in text
    everything = b"".join(client.get(url + "?page=2&export=csv").streaming_content).decode("utf-8-sig")
    assert "اداره ایکس" in everything and "اداره ایگرگ" in everything, "the export is not one page"
    missing = client.get(url + "?q=ناموجود").content.decode()
    assert "دستگاهی با نام «ناموجود» در این محدوده کارنامه‌ای ندارد." in missing


def test_the_period_report_per_county_with_totals(fx, client_as):
    from django.test import Client

    now = jalali_today()
    client = Client()
    client.force_login(fx.user)
    response = client.get(reverse("reports:period") + f"?period=year&year={now.year}&export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = [line.split(",") for line in text.strip().splitlines()]
    county_row = next(line for line in lines if line[0] == "شهرستان آزمون")
    header = lines[0]
    row = dict(zip(header, county_row, strict=True))
    assert row["واحدها"] == "4" and row["بازگشت به فعالیت"] == "2"
    assert row["مصوبات"] == "3" and row["مصوبات اجراشده"] == "1"
    admin_page = client_as("admin").get(reverse("reports:period") + f"?period=season&year={now.year}&season=1")
    assert admin_page.status_code == 200


def test_a_bad_period_is_a_404_not_a_crash(fx):
    from django.test import Client

    client = Client()
    client.force_login(fx.user)
    assert client.get(reverse("reports:period") + "?period=month&month=13").status_code == 404
    assert client.get(reverse("reports:period") + "?period=year&year=abc").status_code == 404


def test_the_weekly_report_pdf_and_xlsx(fx, tmp_path):
    from django.test import Client

    client = Client()
    client.force_login(fx.user)
    response = client.get(reverse("reports:weekly_pdf"))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "weekly.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("گزارش هفتگی", "شهرستان آزمون", "اداره ایکس", "مصوبات گذشته از مهلت"):
        assert all(word in text for word in words.split()), words
    assert format_jalali(today()).split("/")[0] in text
    assert "۱" in text.split("صفحه")[-1] and "1" not in text.split("صفحه")[-1], "the page footer in Persian digits"
    response = client.get(reverse("reports:weekly_xlsx"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    overdue = list(book.worksheets[1].values)
    assert len(overdue) == 1 + 1, "the header, and the one open resolution past its deadline (the pending one)"
    assert overdue[1][0] == "اداره ایکس"


def test_map_points_and_values(fx, client_as):
    from django.test import Client

    IndustrialUnit.objects.filter(pk=fx.u1.pk).update(latitude=Decimal("35.5"), longitude=Decimal("51.5"))
    client = Client()
    client.force_login(fx.user)
    points = client.get(reverse("reports:map_points") + f"?county={fx.county.pk}").json()["points"]
    assert [p["name"] for p in points] == ["واحد یک"]
    values = client_as("admin").get(reverse("reports:map_values") + "?measure=inactive_share").json()
    assert values["values"]["استان آزمون"]["value"] == 25.0
    assert client_as("admin").get(reverse("reports:map_values") + "?measure=bogus").status_code == 404


def test_a_countys_cached_figures_follow_every_change(fx, settings, django_capture_on_commit_callbacks):
    """A unit registered (the units' event, as the pages, the API and the import do it) refreshes its county's
    figures; the write paths' equivalence is tested in units/tests/test_write_paths.py."""
    from django.core.cache import cache
    from django.test import Client

    from tashil.units.services import create_unit

    settings.TASHIL_REPORT_CACHE = True
    cache.clear()
    client = Client()
    client.force_login(fx.user)
    first = client.get(reverse("reports:dashboard")).context["units"]["total"]
    with django_capture_on_commit_callbacks(execute=True):
        create_unit(IndustrialUnit(name="واحد تازه", county=fx.county, status=UnitStatus.ACTIVE))
    assert client.get(reverse("reports:dashboard")).context["units"]["total"] == first + 1
    cache.clear()


def test_a_provinces_figures_are_kept_for_a_while_and_can_be_refreshed(
    fx, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.test import Client

    from tashil.units.services import create_unit

    settings.TASHIL_REPORT_CACHE = True
    cache.clear()
    user = UserFactory(username="modir.azmoon")
    MembershipFactory(user=user, role=Role.MANAGER, level=ScopeLevel.PROVINCE, province=fx.province)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("reports:dashboard"))
    assert page.context["area"].level == "province" and 'data-testid="computed-at"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        create_unit(IndustrialUnit(name="واحد تازه", county=fx.county, status=UnitStatus.ACTIVE))
    assert client.get(reverse("reports:dashboard")).context["units"]["total"] == 4, "kept"
    assert client.get(reverse("reports:dashboard") + "?refresh=1").context["units"]["total"] == 5
    cache.clear()


def test_stale_figures_are_recomputed_by_one_request_while_the_others_see_the_older_ones(db, settings):
    from django.core.cache import cache

    from tashil.geo.areas import Area
    from tashil.geo.cache import PREFIX, cached, scope_signature

    settings.TASHIL_REPORT_CACHE = True
    settings.TASHIL_REPORT_CACHE_SECONDS = 300
    cache.clear()
    user, nation = UserFactory(username="modir.keshvar"), Area(ScopeLevel.NATION)
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert cached("sample", nation, user, compute)[0] == 1
    assert cached("sample", nation, user, compute)[0] == 1, "fresh: kept"
    settings.TASHIL_REPORT_CACHE_SECONDS = 0  # from now on they are stale
    computing = f"{PREFIX}:sample:nation:{scope_signature(user)}:computing"
    cache.add(computing, 1)  # another worker is recomputing them
    assert cached("sample", nation, user, compute)[0] == 1 and len(computed) == 1, "the older figures meanwhile"
    cache.delete(computing)
    assert cached("sample", nation, user, compute)[0] == 2, "the first request to find them stale recomputes"
    assert cache.get(computing) is None

    def fail():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        cached("sample", nation, user, fail)
    assert cache.get(computing) is None, "a failed recomputation lets the next request try"
    settings.TASHIL_REPORT_CACHE_SECONDS = 300
    assert cached("sample", nation, user, compute)[0] == 2, "and the figures it had are still there"
    cache.clear()


def test_a_users_own_area_is_the_widest_they_work_in(world):
    """The nation for the nation's staff; the province for a province's; the county for a county's (in two
    queries); the province for someone given each of its counties; the nation for a patchwork."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tashil.accounts.models import Membership, User
    from tashil.geo.areas import default_area

    def area_of(user):
        return default_area(User.objects.get(pk=user.pk))

    assert area_of(world.users["nation_manager"]).level == ScopeLevel.NATION
    province = area_of(world.users["province_secretariat"])
    assert (province.level, province.province) == (ScopeLevel.PROVINCE, world.province_a)
    fresh = User.objects.get(pk=world.users["secretariat"].pk)
    with CaptureQueriesContext(connection) as queries:
        county = default_area(fresh)
    assert (county.level, county.county) == (ScopeLevel.COUNTY, world.county_a) and len(queries) <= 3, [
        q["sql"] for q in queries
    ]
    user = world.users["secretariat"]
    Membership.objects.create(user=user, role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county=world.county_a2)
    whole = area_of(user)
    assert (whole.level, whole.province) == (ScopeLevel.PROVINCE, world.province_a)
    Membership.objects.create(user=user, role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county=world.county_b)
    assert area_of(user).level == ScopeLevel.NATION


def test_the_scorecard_of_another_scope_is_not_found_in_any_form(fx, client_as):
    """The scorecard's area goes through the scope (area_from): another county's, searched, paged or
    exported, answers 404 like the dashboard."""
    client = client_as("secretariat")
    url = reverse("reports:scorecard")
    for query in ("", "&q=اداره&page=2", "&sort=-failures", "&export=csv", "&export=xlsx"):
        assert client.get(f"{url}?county={fx.county.pk}{query}").status_code == 404, query
        assert client.get(f"{url}?province={fx.province.pk}{query}").status_code == 404, query
