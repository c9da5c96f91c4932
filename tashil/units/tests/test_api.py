from tashil.core.persian import to_persian_digits
from tashil.core.validators import national_id_check_digit
from tashil.units.choices import ReportStatus, UnitStatus
from tashil.units.models import IndustrialUnit

FRESH_ID = "1051234599" + str(national_id_check_digit("1051234599"))


def test_lists_use_the_same_filters_and_scope(world, api_as):
    names = [
        u["name"] for u in api_as("secretariat").get("/api/units/units/", {"status": "semi_active"}).json()["results"]
    ]
    assert names == ["کارخانه همسایه الف"]
    names = [
        u["name"] for u in api_as("nation_manager").get("/api/units/units/", {"q": "صنايع آزمايشي"}).json()["results"]
    ]
    assert sorted(names) == ["صنایع آزمایشی الف", "صنایع آزمایشی ب"]
    assert api_as("secretariat_b").get("/api/units/units/").json()["count"] == 1


def test_a_representative_gets_404_on_another_unit(world, api_as):
    rep = api_as("unit_rep")
    assert rep.get(f"/api/units/units/{world.unit_a.pk}/").status_code == 200
    assert rep.get(f"/api/units/units/{world.unit_a2.pk}/").status_code == 404
    assert rep.patch(f"/api/units/units/{world.unit_a2.pk}/", {"employees": 5}, format="json").status_code == 404
    assert [u["id"] for u in rep.get("/api/units/units/").json()["results"]] == [world.unit_a.pk]


def test_a_representative_changes_the_profile_only(world, api_as):
    rep = api_as("unit_rep")
    url = f"/api/units/units/{world.unit_a.pk}/"
    assert rep.patch(url, {"employees": 41, "manager_name": "مدیر تازه"}, format="json").status_code == 200
    response = rep.patch(url, {"national_id": FRESH_ID}, format="json")
    assert response.status_code == 400
    assert "نماینده واحد" in response.json()["national_id"][0]
    world.unit_a.refresh_from_db()
    assert world.unit_a.employees == 41 and world.unit_a.national_id == "10380284790"


def test_the_api_refuses_what_the_form_refuses_with_the_same_message(world, api_as):
    response = api_as("secretariat").post(
        "/api/units/units/",
        {"name": "نادرست", "national_id": "10380284791", "county": world.county_a.pk, "status": "active"},
        format="json",
    )
    assert response.status_code == 400
    assert "رقم کنترل آن درست نیست" in response.json()["national_id"][0]
    response = api_as("secretariat").post(
        "/api/units/units/",
        {"name": "تکراری", "national_id": "۱۰۳۸۰۲۸۴۷۹۰", "county": world.county_a.pk, "status": "active"},
        format="json",
    )
    assert response.status_code == 400 and "همین شناسه ملی" in response.content.decode()


def test_create_through_the_api_normalises_and_records_history(world, api_as):
    response = api_as("secretariat").post(
        "/api/units/units/",
        {
            "name": "شركت API",
            "national_id": to_persian_digits(FRESH_ID),
            "county": world.county_a.pk,
            "status": "semi_active",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    unit = IndustrialUnit.objects.get(pk=response.json()["id"])
    assert unit.national_id == FRESH_ID
    assert unit.status_changes.get().to_status == UnitStatus.SEMI_ACTIVE


def test_outside_the_scope_is_refused_on_create(world, api_as):
    response = api_as("secretariat").post(
        "/api/units/units/", {"name": "بیرونی", "county": world.county_b.pk, "status": "active"}, format="json"
    )
    assert response.status_code == 400
    assert not IndustrialUnit.objects.filter(name="بیرونی").exists()


def test_status_change_through_the_api(world, api_as):
    url = f"/api/units/units/{world.unit_a.pk}/status/"
    assert api_as("unit_rep").post(url, {"to_status": "inactive", "reason": "x"}, format="json").status_code == 403
    assert api_as("manager").post(url, {"to_status": "inactive", "reason": "x"}, format="json").status_code == 403
    missing = api_as("secretariat").post(url, {"to_status": "inactive", "reason": "  "}, format="json")
    assert missing.status_code == 400
    response = api_as("secretariat").post(url, {"to_status": "inactive", "reason": "قطع برق"}, format="json")
    assert response.status_code == 201 and response.json()["from_status"] == "active"
    world.unit_a.refresh_from_db()
    assert world.unit_a.status == UnitStatus.INACTIVE
    plain = api_as("secretariat").patch(f"/api/units/units/{world.unit_a.pk}/", {"status": "active"}, format="json")
    assert plain.status_code == 400, "a status change needs the status endpoint and a reason"


def test_report_review_through_the_api(world, api_as):
    url = f"/api/units/reports/{world.report_a.pk}/review/"
    assert api_as("unit_rep").post(url, {"decision": "approve"}, format="json").status_code == 403
    response = api_as("secretariat").post(url, {"decision": "return", "note": ""}, format="json")
    assert response.status_code == 400 and "دلیل برگشت" in response.content.decode()
    assert api_as("secretariat").post(url, {"decision": "approve"}, format="json").status_code == 200
    world.report_a.refresh_from_db()
    assert world.report_a.status == ReportStatus.APPROVED


def test_a_representative_files_a_report_for_their_unit_only(world, api_as):
    rep = api_as("unit_rep")
    data = {"unit": world.unit_a.pk, "year": 1404, "month": 8, "production": "12.5", "production_unit": "ton"}
    created = rep.post("/api/units/reports/", data, format="json")
    assert created.status_code == 201 and created.json()["status"] == ReportStatus.SUBMITTED
    data["unit"] = world.unit_a2.pk
    assert rep.post("/api/units/reports/", data, format="json").status_code == 400
