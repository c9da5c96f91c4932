import pytest

from tashil.core.persian import to_persian_digits
from tashil.core.testing.views import DeleteTests, ExportTests, ModelViewTests
from tashil.core.validators import national_id_check_digit
from tashil.geo.models import IndustrialZone
from tashil.units.choices import ReportStatus, UnitStatus
from tashil.units.models import IndustrialUnit, PeriodicReport, Product, Project, UnitStatusChange

NEW_ID = "1400390699" + str(national_id_check_digit("1400390699"))


class TestIndustrialUnitViews(ModelViewTests, ExportTests, DeleteTests):
    model = IndustrialUnit
    changed_field = "employees"

    def make(self, world):
        return IndustrialUnit.objects.create(name="کارخانه نمونه آزمون", county=world.county_a, employees=12)

    def add_data(self, world):
        return {
            "name": "صنایع تازه‌وارد",
            "national_id": to_persian_digits(NEW_ID),
            "county": world.county_a.pk,
            "zone": world.zone_a.pk,
            "status": UnitStatus.UNDER_CONSTRUCTION,
            "employees": "۲۵",
            "utilisation": "۴۰",
            "mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
            "licence_date": "۱۴۰۲/۰۵/۰۱",
        }

    def edit_data(self, world, obj):
        return {"name": obj.name, "county": obj.county_id, "employees": "۱۲۰"}

    def bad_data(self, world):
        data = self.add_data(world)
        data["national_id"] = "10380284791"
        return data, "national_id", "رقم کنترل"

    def test_add_creates_and_logs(self, world, client_as):
        super().test_add_creates_and_logs(world, client_as)
        unit = IndustrialUnit.objects.get(name="صنایع تازه‌وارد")
        assert unit.national_id == NEW_ID and unit.mobile == "09123456789"
        assert unit.employees == 25 and unit.size_class == "small"
        assert unit.status_changes.get().to_status == UnitStatus.UNDER_CONSTRUCTION


class TestProductViews(ModelViewTests, ExportTests, DeleteTests):
    model = Product
    changed_field = "annual_capacity"

    def make(self, world):
        return Product.objects.create(unit=world.unit_a, name="لوله پلی‌اتیلن آزمون")

    def add_data(self, world):
        return {"unit": world.unit_a.pk, "name": "ورق آزمون", "capacity_unit": "ton", "is_public": "on"}

    def edit_data(self, world, obj):
        return {"unit": obj.unit_id, "name": obj.name, "capacity_unit": "ton", "annual_capacity": "۱٬۵۰۰"}

    def bad_data(self, world):
        data = self.add_data(world)
        data["annual_capacity"] = "زیاد"
        return data, "annual_capacity", "عدد نیست"


class TestProjectViews(ModelViewTests, ExportTests, DeleteTests):
    model = Project
    changed_field = "progress"

    def make(self, world):
        return Project.objects.create(unit=world.unit_a, county=world.county_a, title="طرح آزمون توسعه")

    def add_data(self, world):
        return {"unit": world.unit_a.pk, "title": "طرح تازه", "progress": "۱۰"}

    def edit_data(self, world, obj):
        return {"unit": obj.unit_id, "title": obj.title, "progress": "۷۵"}

    def bad_data(self, world):
        data = self.add_data(world)
        data["progress"] = "۱۲۰"
        return data, "progress", "«۱۲۰» درصد پذیرفتنی نیست"


class TestPeriodicReportViews(ModelViewTests, ExportTests, DeleteTests):
    model = PeriodicReport
    changed_field = "production"

    def make(self, world):
        return PeriodicReport.objects.create(unit=world.unit_a, year=1404, month=2, production=10)

    def label(self, obj):
        return obj.period_label

    def add_data(self, world):
        return {"unit": world.unit_a.pk, "year": "۱۴۰۴", "month": "3", "production": "۵۰۰", "production_unit": "ton"}

    def edit_data(self, world, obj):
        return {"unit": obj.unit_id, "year": "1404", "month": "2", "production": "۷۵۰", "production_unit": "ton"}

    def bad_data(self, world):
        data = self.add_data(world)
        data["year"] = "1510"
        return data, "year", "سال «۱۵۱۰» پذیرفتنی نیست"


def test_the_list_counts_units_by_status_within_the_filter(world, client_as):
    page = client_as("secretariat").get("/registry/units/").content.decode()
    assert 'data-testid="status-counts"' in page
    assert "نیمه‌فعال" in page


def test_the_status_counts_are_the_lists_count_read_once(world, client_as):
    """The strip's counts by status add up to the list's count: the units are counted once (COUNT(*), which
    PostgreSQL reads from the status index), not again for the pages; the count and pages are right."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tashil.core.persian import to_persian_digits
    from tashil.units.models import IndustrialUnit

    IndustrialUnit.objects.bulk_create(
        IndustrialUnit(name=f"واحد شمارش {i}", county=world.county_a, status="inactive" if i % 3 else "active")
        for i in range(30)
    )
    in_scope = IndustrialUnit.objects.filter(county=world.county_a)
    client = client_as("secretariat")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/registry/units/").content.decode()
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and 'FROM "units_industrialunit"' in q["sql"]]
    assert len(counts) == 1 and "COUNT(*)" in counts[0] and "GROUP BY" in counts[0], counts
    total = in_scope.count()
    assert total > 25 and f'data-testid="result-count">{to_persian_digits(total)} مورد' in page
    assert "صفحه ۱ از ۲" in page
    second = client.get("/registry/units/", {"page": 2}).content.decode()
    assert second.count("<tr ") == total - 25  # the rest of the units (the header row is a bare <tr>)
    narrowed = client.get("/registry/units/", {"status": "inactive"}).content.decode()
    expected = in_scope.filter(status="inactive").count()
    assert f'data-testid="result-count">{to_persian_digits(expected)} مورد' in narrowed


def test_several_statuses_list_each_unit_once_without_select_distinct(world, client_as):
    """Statuses are the unit's own column: no row can repeat, so no DISTINCT over every column and its count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tashil.units.models import IndustrialUnit

    with CaptureQueriesContext(connection) as queries:
        response = client_as("admin").get("/registry/units/", {"status": ["active", "semi_active"]})
    names = [row.record.name for row in response.context["table"].rows]
    assert sorted(names) == sorted(
        IndustrialUnit.objects.filter(status__in=["active", "semi_active"]).values_list("name", flat=True)
    )
    assert len(names) == len(set(names)) >= 2
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"] and '"units_industrialunit"' in q["sql"]]


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"q": "آزمايشي"}, ["صنایع آزمایشی الف"], ["کارخانه همسایه الف"]),
        ({"status": "semi_active"}, ["کارخانه همسایه الف"], ["صنایع آزمایشی الف"]),
        ({"location": "inside"}, ["صنایع آزمایشی الف"], ["کارخانه همسایه الف"]),
        ({"location": "outside"}, ["کارخانه همسایه الف"], ["صنایع آزمایشی الف"]),
        ({"size_class": "small"}, ["صنایع آزمایشی الف"], ["کارخانه همسایه الف"]),
        ({"stale": "true"}, ["صنایع آزمایشی الف"], []),
    ],
)
def test_list_filters(world, client_as, query, expected, absent):
    page = client_as("secretariat").get("/registry/units/", query).content.decode()
    for name in expected:
        assert name in page
    for name in absent:
        assert name not in page


@pytest.mark.parametrize(
    ("role", "url", "provinces", "counties"),
    [
        ("secretariat", "/registry/units/", ["province_a"], ["county_a"]),
        ("province_secretariat", "/registry/units/", ["province_a"], ["county_a", "county_a2"]),
        ("secretariat", "/obstacles/", ["province_a"], ["county_a"]),
        ("agency_officer", "/obstacles/inbox/", ["province_a"], ["county_a"]),
        ("admin", "/registry/units/", ["province_a", "province_b"], ["county_a", "county_a2", "county_b"]),
    ],
)
def test_the_place_filters_offer_the_places_the_user_works_in(world, client_as, role, url, provinces, counties):
    page = client_as(role).get(url)
    form = page.context["filterset"].form
    html = page.content.decode()
    for field, offered in (("province", provinces), ("county", counties)):
        choices = {value for value, label in form.fields[field].choices if value != ""}
        assert {str(value) for value in choices} == {str(getattr(world, name).pk) for name in offered}
    if counties == ["county_a"]:
        # One county is all they work in: the bar does not offer a choice of one (the filters stay, hidden).
        assert '<select name="province"' not in html and '<select name="county"' not in html
        assert '<input type="hidden" name="county"' in html
        return
    province_select = html[html.index('<select name="province"') :].split("</select>")[0]
    assert (world.province_b.name in province_select) == ("province_b" in provinces)


def test_a_place_outside_the_users_scope_is_refused_by_name(world, client_as):
    page = client_as("secretariat").get("/registry/units/", {"province": world.province_b.pk})
    assert page.context["table"].paginator.count == 0
    [error] = page.context["filterset"].form.errors["province"]
    assert "گزینه" in error and f'invalid-feedback d-block">استان: {error}<' in page.content.decode()


def test_a_representative_edits_the_profile_but_not_identity_or_status(world, client_as):
    client = client_as("unit_rep")
    unit = world.unit_a
    page = client.get(f"/registry/units/{unit.pk}/edit/").content.decode()
    assert 'name="national_id"' not in page and 'name="county"' not in page and 'name="status"' not in page
    response = client.post(
        f"/registry/units/{unit.pk}/edit/",
        {
            "name": unit.name,
            "employees": "۳۳",
            "national_id": "14007650912",
            "county": world.county_b.pk,
            "version": unit.version,
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.employees == 33
    assert unit.national_id == "10380284790" and unit.county == world.county_a
    assert client.get(f"/registry/units/{unit.pk}/status/").status_code == 403


def test_a_representative_sees_only_their_unit(world, client_as):
    client = client_as("unit_rep")
    page = client.get("/registry/units/").content.decode()
    assert "صنایع آزمایشی الف" in page and "کارخانه همسایه الف" not in page
    assert client.get(world.unit_a2.get_absolute_url()).status_code == 404
    assert client.get(world.unit_b.get_absolute_url()).status_code == 404


def test_status_change_page_requires_a_reason_and_records_the_change(world, client_as):
    client = client_as("secretariat")
    url = f"/registry/units/{world.unit_a.pk}/status/"
    refused = client.post(url, {"to_status": "inactive", "date": "", "reason": ""})
    assert refused.status_code == 400
    assert world.unit_a.status_changes.count() == 1
    response = client.post(url, {"to_status": "inactive", "date": "۱۴۰۴/۰۱/۱۵", "reason": "قطع گاز"})
    assert response.status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.status == "inactive"
    change = UnitStatusChange.objects.filter(unit=world.unit_a).latest("pk")
    assert change.reason == "قطع گاز" and change.user == world.users["secretariat"]
    timeline = client.get(world.unit_a.get_absolute_url() + "?tab=status").content.decode()
    assert "قطع گاز" in timeline and "۱۴۰۴/۰۱/۱۵" in timeline
    history = client.get(world.unit_a.get_absolute_url() + "?tab=history").content.decode()
    assert "وضعیت از «فعال» به «غیرفعال» تغییر کرد" in history


def test_verifying_refreshes_the_data_date(world, client_as):
    response = client_as("secretariat").post(f"/registry/units/{world.unit_a.pk}/verify/")
    assert response.status_code == 302
    world.unit_a.refresh_from_db()
    from tashil.core.jalali import today

    assert world.unit_a.last_verified == today()


def test_report_review_approves_and_returns(world, client_as):
    report = world.report_a
    rep = client_as("unit_rep")
    assert rep.post(f"/registry/reports/{report.pk}/review/", {"decision": "approve"}).status_code == 403
    secretariat = client_as("secretariat")
    secretariat.post(f"/registry/reports/{report.pk}/review/", {"decision": "return", "note": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED  # a return needs a reason
    secretariat.post(f"/registry/reports/{report.pk}/review/", {"decision": "return", "note": "تولید ناخوانا"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.review_note == "تولید ناخوانا"
    # The representative corrects it; it goes back for review.
    response = rep.post(
        f"/registry/reports/{report.pk}/edit/",
        {"unit": world.unit_a.pk, "year": "1404", "month": "6", "production": "120", "production_unit": "ton"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    secretariat.post(f"/registry/reports/{report.pk}/review/", {"decision": "approve"})
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.reviewed_by == world.users["secretariat"]
    # Approved: the representative can no longer change it, and the unit page shows it.
    assert rep.get(f"/registry/reports/{report.pk}/edit/").status_code == 403
    assert report.period_label in secretariat.get(world.unit_a.get_absolute_url()).content.decode()


def test_a_report_for_a_future_month_is_refused(world, client_as):
    from tashil.core.jalali import jalali_today

    now = jalali_today()
    response = client_as("unit_rep").post(
        "/registry/reports/add/",
        {"unit": world.unit_a.pk, "year": str(now.year + 1), "month": "1", "production_unit": "ton"},
    )
    assert response.status_code == 400
    assert "هنوز نرسیده" in response.content.decode()


def test_the_unit_chooser_is_an_autocomplete_limited_to_scope(world, client_as):
    page = client_as("secretariat").get("/registry/products/add/").content.decode()
    assert "autocomplete" in page and "صنایع آزمایشی ب" not in page
    results = (
        client_as("secretariat").get("/core/autocomplete/", {"model": "units.industrialunit", "q": "صنایع"}).json()
    )
    names = [r["text"] for r in results["results"]]
    assert any("صنایع آزمایشی الف" in n for n in names) and not any("صنایع آزمایشی ب" in n for n in names)


def test_a_filter_with_many_choices_searches_them_and_counts_no_further_than_it_needs(world, client_as, monkeypatch):
    """Agencies are listed in the filter bar while few; past LONG_CHOICES they are searched instead, and the
    check counts at most LONG_CHOICES + 1 of them (not the nation's thousands) on every visit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tashil.core import filtersets

    def agency_filter(page):
        """The agency filter's markup, from the element that holds it to the end of its <select>."""
        before, after = page.split('name="agency"', 1)
        return before[before.rindex("<div") :] + after.split("</select>")[0]

    monkeypatch.setattr(filtersets, "LONG_CHOICES", 3)  # the world has three agencies
    listed = agency_filter(client_as("nation_manager").get("/obstacles/").content.decode())
    assert "autocomplete" not in listed and "اداره مالیات ب" in listed and "اداره برق الف" in listed

    monkeypatch.setattr(filtersets, "LONG_CHOICES", 2)
    with CaptureQueriesContext(connection) as queries:
        searched = agency_filter(client_as("nation_manager").get("/obstacles/").content.decode())
    assert "autocomplete" in searched and "اداره مالیات ب" not in searched
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and '"orgs_agency"' in q["sql"]]
    assert counts and all("LIMIT 3" in sql for sql in counts), counts


def test_the_page_size_is_a_choice_among_a_few_never_unbounded(world, client_as):
    from tashil.units.models import IndustrialUnit

    IndustrialUnit.objects.bulk_create(
        IndustrialUnit(name=f"واحد شماره {index}", county=world.county_a, status="active") for index in range(40)
    )
    client = client_as("secretariat")

    def rows(query):
        import re

        return len(re.findall(r'href="/registry/units/\d+/"', client.get("/registry/units/" + query).content.decode()))

    default, fifty, huge = rows(""), rows("?per_page=50"), rows("?per_page=999999")
    assert default == 25, "25 rows by default"
    assert fifty == 42, "all 42 of county A's units when 50 are asked for"
    assert huge == default, "an unknown size falls back to the default"


def test_a_new_monthly_report_opens_on_last_month_and_a_year_has_no_separator(world, client_as):
    """A month's statistics are sent once it has ended: the form opens on the previous Jalali month (Esfand of
    last year in Farvardin), its year written ۱۴۰۵ — not ۱٬۴۰۵, nor left empty as the new report's own blank
    values made it; editing shows the report's own period."""
    import re

    from tashil.core.jalali import jalali_today
    from tashil.core.persian import to_persian_digits

    now = jalali_today()
    year, month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    page = client_as("unit_rep").get("/registry/reports/add/", {"unit": world.unit_a.pk}).content.decode()
    assert f'name="year" value="{to_persian_digits(year)}"' in page
    assert re.search(rf'<option value="{month}" selected>', page)
    edit = client_as("secretariat").get(f"/registry/reports/{world.report_a.pk}/edit/").content.decode()
    assert 'name="year" value="۱۴۰۴"' in edit and re.search(r'<option value="6" selected>', edit)


def test_the_zone_filter_offers_the_zones_of_the_counties_one_works_in(world, client_as):
    """A county's staff are offered their county's zones (found by the county's id), a province's staff the
    zones of their province's counties; another county's zone is refused by name."""
    zones = client_as("secretariat").get("/registry/units/").context["filterset"].form.fields["zone"]
    assert list(zones.queryset) == [world.zone_a]
    province = client_as("province_secretariat").get("/registry/units/").context["filterset"].form.fields["zone"]
    assert world.zone_a in province.queryset
    assert set(province.queryset) <= set(IndustrialZone.objects.filter(county__province=world.county_a.province))
    refused = client_as("secretariat").get("/registry/units/", {"zone": world.zone_b.pk})
    assert refused.context["table"].paginator.count == 0
    assert "شهرک یا ناحیه" in refused.content.decode() and 'class="invalid-feedback' in refused.content.decode()


def test_a_one_county_user_is_not_offered_a_choice_of_one_place_nor_pays_to_count_it(world, client_as):
    """The province and county filters stay (a link may carry ?county=, still checked against the scope) but a
    county's staff are not shown a select of their one province and county, and the page does not count the
    counties in scope to decide how that select would look."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("secretariat")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/registry/units/")
    assert not [q["sql"] for q in queries if q["sql"].startswith('SELECT COUNT(*) FROM (SELECT "geo_county"')]
    assert '<select name="county"' not in page.content.decode()
    own = client.get("/registry/units/", {"county": world.county_a.pk})
    assert own.context["table"].paginator.count == IndustrialUnit.objects.filter(county=world.county_a).count()
    assert client.get("/registry/units/", {"county": world.county_b.pk}).context["table"].paginator.count == 0
    assert '<select name="county"' in client_as("province_secretariat").get("/registry/units/").content.decode()


def test_internal_notes_are_for_staff_on_the_page_the_history_and_the_api(world, client_as, api_as):
    from tashil.core.changelog import acting_as

    with acting_as(user=world.users["secretariat"], source="web"):
        world.unit_a.notes = "بدهی معوق به بانک ملی"
        world.unit_a.save()
    url = world.unit_a.get_absolute_url()
    for tab in ("profile", "history"):
        assert "بدهی معوق" in client_as("secretariat").get(url, {"tab": tab}).content.decode()
        assert "بدهی معوق" not in client_as("unit_rep").get(url, {"tab": tab}).content.decode()
    rep = api_as("unit_rep")
    assert all("notes" not in row for row in rep.get("/api/units/units/").json()["results"])
    assert "notes" not in rep.get(f"/api/units/units/{world.unit_a.pk}/").json()
    assert api_as("secretariat").get(f"/api/units/units/{world.unit_a.pk}/").json()["notes"] == "بدهی معوق به بانک ملی"
    refused = rep.patch(f"/api/units/units/{world.unit_a.pk}/", {"notes": "پاک شد"}, format="json")
    assert refused.status_code == 400 and "notes" in refused.json()
    # Any form of the unit leaves the field out for them, so their save keeps the notes they cannot see.
    from tashil.units.forms import UnitForm

    assert "notes" not in UnitForm(instance=world.unit_a, user=world.users["unit_rep"]).fields
    assert "notes" in UnitForm(instance=world.unit_a, user=world.users["secretariat"]).fields


def test_a_representative_who_is_staff_elsewhere_reads_notes_only_there(world, client_as):
    from tashil.core.choices import Role, ScopeLevel
    from tashil.site.testing.factories import MembershipFactory

    world.unit_a.notes = "یادداشت واحد الف"
    world.unit_a.save()
    world.unit_b.notes = "یادداشت واحد ب"
    world.unit_b.save()
    rep = world.users["unit_rep"]
    MembershipFactory(
        user=rep, role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county=world.county_b, province=world.province_b
    )
    client = client_as("unit_rep")
    assert "یادداشت واحد الف" not in client.get(world.unit_a.get_absolute_url()).content.decode()
    assert "یادداشت واحد ب" in client.get(world.unit_b.get_absolute_url()).content.decode()


def fields_made_on_the_filter_set_classes():
    """What a worker holds once the API schema has been built: drf-spectacular makes the form fields of the choice
    filters on each filter-set class (ba23f76); any other reader of a class's filters may make the rest. A filter
    keeps the field it made, so what a filter set sets on its filters after that is lost."""
    from drf_spectacular.generators import SchemaGenerator

    from tashil.catalog.filtersets import PublicUnitFilterSet
    from tashil.clinic.filtersets import ClinicCaseFilterSet
    from tashil.meetings.filtersets import ResolutionFilterSet
    from tashil.obstacles.filtersets import ObstacleFilterSet
    from tashil.units.filtersets import IndustrialUnitFilterSet

    SchemaGenerator().get_schema(request=None, public=True)
    for filterset in (
        IndustrialUnitFilterSet,
        ObstacleFilterSet,
        ResolutionFilterSet,
        ClinicCaseFilterSet,
        PublicUnitFilterSet,
    ):
        for declared in filterset.base_filters.values():
            assert declared.field is not None


def test_the_place_filters_stay_the_users_after_the_api_schema_is_built(world, client_as):
    """A county's staff are offered no choice of their one province and county, a province's staff their own
    counties and zones, however the worker came to hold the filters' fields (it was every province, county and
    zone until the worker restarted)."""
    fields_made_on_the_filter_set_classes()
    county = client_as("secretariat").get("/registry/units/")
    html = county.content.decode()
    assert '<select name="county"' not in html and '<input type="hidden" name="county"' in html
    assert list(county.context["filterset"].form.fields["zone"].queryset) == [world.zone_a]
    refused = client_as("secretariat").get("/registry/units/", {"province": world.province_b.pk})
    assert refused.context["table"].paginator.count == 0 and "province" in refused.context["filterset"].form.errors
    for url in ("/obstacles/", "/meetings/resolutions/", "/clinic/cases/"):
        form = client_as("province_secretariat").get(url).context["filterset"].form
        counties = {str(value) for value, label in form.fields["county"].choices if value != ""}
        assert counties == {str(world.county_a.pk), str(world.county_a2.pk)}, url
        provinces = {str(value) for value, label in form.fields["province"].choices if value != ""}
        assert provinces == {str(world.province_a.pk)}, url


def test_the_directory_narrows_its_counties_after_the_api_schema_is_built(world, client):
    fields_made_on_the_filter_set_classes()
    page = client.get("/directory/units/", {"province": world.province_a.pk})
    counties = {value for value, label in page.context["filterset"].form.fields["county"].choices if value != ""}
    assert {str(value) for value in counties} == {str(world.county_a.pk), str(world.county_a2.pk)}
    zones = client.get("/directory/units/", {"county": world.county_a.pk}).context["filterset"].form.fields["zone"]
    assert world.zone_b not in zones.queryset and world.zone_a in zones.queryset
