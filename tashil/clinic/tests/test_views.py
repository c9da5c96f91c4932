"""The clinic's pages: lists, forms, the case page's steps and tabs, the centre board."""

import datetime

from tashil.clinic import services as clinic_services
from tashil.clinic.choices import CaseOutcome, CaseStatus, Dimension
from tashil.clinic.models import ActionItem, Centre, ClinicCase, DiagnosisScore, WeeklyUpdate
from tashil.core.jalali import format_jalali, today
from tashil.core.testing.views import DeleteTests, ExportTests, ModelViewTests
from tashil.obstacles.models import Obstacle
from tashil.units import services as unit_services
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit


def quiet_unit(world):
    return IndustrialUnit.objects.create(
        name="کارخانه خاموش الف", national_id="10860001233", county=world.county_a, status=UnitStatus.INACTIVE
    )


class TestClinicCaseViews(ModelViewTests, ExportTests, DeleteTests):
    model = ClinicCase
    changed_field = "reason"

    def label(self, obj):
        return obj.unit.name

    def make(self, world):
        return ClinicCase.objects.create(unit=quiet_unit(world), centre=world.centre_a, reason="inactive")

    def add_data(self, world):
        return {
            "unit": quiet_unit(world).pk,
            "centre": world.centre_a.pk,
            "reason": "inactive",
            "opened_date": "۱۴۰۵/۰۸/۲۰",
            "summary": "واحد دو سال است تعطیل است.",
        }

    def edit_data(self, world, obj):
        return {"unit": obj.unit_id, "centre": obj.centre_id, "reason": "at_risk", "opened_date": "1405/08/20"}

    def bad_data(self, world):
        data = self.add_data(world)
        data["opened_date"] = "۱۴۰۵/۱۴/۰۱"
        return data, "opened_date", "ماه ۱۴"


class TestCentreViews(ModelViewTests, ExportTests, DeleteTests):
    model = Centre
    changed_field = "yearly_capacity"

    def make(self, world):
        return Centre.objects.create(
            name="کانون فنی الف", host_type="private", host_name="مشاوران الف", county=world.county_a,
            province=world.province_a,
        )  # fmt: skip

    def add_data(self, world):
        return {
            "name": "کانون تازه الف",
            "host_type": "university",
            "host_name": "دانشگاه فنی الف",
            "level": "county",
            "county": world.county_a.pk,
            "specialties": ["finance", "market"],
            "yearly_capacity": "۱۵",
            "is_active": "on",
        }

    def edit_data(self, world, obj):
        data = self.add_data(world)
        data.update(name=obj.name, yearly_capacity="40")
        return data

    def bad_data(self, world):
        data = self.add_data(world)
        data["yearly_capacity"] = "بسیار"
        return data, "yearly_capacity", "عدد"


def test_the_add_form_offers_an_expert_only_their_centre(world, client_as):
    client = client_as("clinic_expert")
    offered = client.get("/clinic/cases/add/").context["form"].fields["centre"].queryset
    assert list(offered) == [world.centre_a]
    data = TestClinicCaseViews().add_data(world) | {"centre": world.centre_b.pk}
    response = client.post("/clinic/cases/add/", data)
    assert (
        response.status_code == 400
        and not ClinicCase.objects.filter(centre=world.centre_b).exclude(pk=world.case_b.pk).exists()
    )


def test_steps_are_taken_from_the_case_page_with_clear_messages(world, client_as):
    client = client_as("clinic_expert")
    case = ClinicCase.objects.create(unit=quiet_unit(world), centre=world.centre_a, reason="inactive")
    action = f"/clinic/cases/{case.pk}/do/advance/"
    page = client.post(action, follow=True).content.decode()
    assert "به مرحله «آسیب‌شناسی» رسید" in page
    page = client.post(action, follow=True).content.decode()
    assert "آسیب‌شناسی واحد را ثبت کنید" in page
    case.refresh_from_db()
    assert case.status == CaseStatus.DIAGNOSIS
    assert client.post(f"/clinic/cases/{case.pk}/do/destroy/").status_code == 403


def test_closing_from_the_page_as_revived_activates_the_unit(world, client_as):
    client = client_as("secretariat")
    page = client.post(f"/clinic/cases/{world.case_a.pk}/do/close/", {"note": "بدون نتیجه"}, follow=True)
    assert "نتیجه پرونده را برگزینید" in page.content.decode()
    response = client.post(
        f"/clinic/cases/{world.case_a.pk}/do/close/", {"outcome": CaseOutcome.REVIVED, "note": "تولید از سر گرفته شد"}
    )
    assert response.status_code == 302
    world.unit_a2.refresh_from_db()
    world.case_a.refresh_from_db()
    assert world.unit_a2.status == UnitStatus.ACTIVE and world.case_a.revival is not None
    page = client.get(world.case_a.get_absolute_url()).content.decode()
    assert 'data-testid="revival"' in page and 'data-testid="close-case"' not in page


def diagnosis_post(scores, summary="گره اصلی نقدینگی است"):
    data = {
        "summary": summary,
        "levers": ["working_capital", "marketing"],
        "date": "1405/09/01",
        "scores-TOTAL_FORMS": str(len(scores)),
        "scores-INITIAL_FORMS": "0",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "1000",
    }
    for index, (dimension, score, findings, needs_agency, group) in enumerate(scores):
        data.update(
            {
                f"scores-{index}-dimension": dimension,
                f"scores-{index}-score": str(score),
                f"scores-{index}-findings": findings,
                f"scores-{index}-group": str(group or ""),
            }
        )
        if needs_agency:
            data[f"scores-{index}-needs_agency"] = "on"
    return data


def test_the_diagnosis_page_scores_every_dimension_and_keeps_input_on_error(world, client_as):
    client = client_as("clinic_expert")
    case = ClinicCase.objects.create(unit=quiet_unit(world), centre=world.centre_a, reason="inactive")
    url = f"/clinic/cases/{case.pk}/diagnosis/"
    page = client.get(url).content.decode()
    assert page.count("data-dimension=") == len(Dimension.values)
    rows = [(code, 3, "", False, None) for code in Dimension.values]
    rows[1] = (Dimension.FINANCE, 1, "", True, world.group_finance.pk)  # needs an agency but says nothing
    response = client.post(url, diagnosis_post(rows, summary="شرحی که نباید گم شود"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "باید شرح داشته باشد" in page and "شرحی که نباید گم شود" in page
    assert not DiagnosisScore.objects.filter(diagnosis__case=case).exists()
    rows[1] = (Dimension.FINANCE, 1, "حساب‌های بانکی مسدود است", True, world.group_finance.pk)
    response = client.post(url, diagnosis_post(rows))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.diagnosis.scores.count() == len(Dimension.values)
    assert case.diagnosis.levers == ["working_capital", "marketing"]
    assert case.diagnosis.diagnosed_by == world.users["clinic_expert"]
    # One step turns the finding into an obstacle; the button then disappears.
    tab = client.get(case.get_absolute_url() + "?tab=diagnosis").content.decode()
    assert 'data-testid="findings-to-obstacles"' in tab
    client.post(f"/clinic/cases/{case.pk}/diagnosis/obstacles/")
    obstacle = Obstacle.objects.get(diagnosis_score__diagnosis__case=case)
    assert obstacle.title == "حساب‌های بانکی مسدود است"
    tab = client.get(case.get_absolute_url() + "?tab=diagnosis").content.decode()
    assert 'data-testid="findings-to-obstacles"' not in tab and obstacle.get_absolute_url() in tab


def test_a_weekly_update_from_the_case_page(world, client_as):
    client = client_as("clinic_expert")
    WeeklyUpdate.objects.all().delete()
    back = world.case_a.get_absolute_url() + "?tab=updates"
    page = client.get(back).content.decode()
    assert 'data-testid="update-form"' in page
    future = format_jalali(today() + datetime.timedelta(days=3))
    data = {"case": world.case_a.pk, "date": future, "done": "مذاکره با بانک", "return_url": back}
    response = client.post("/clinic/updates/add/", data)
    assert response.status_code == 400 and "روزهای آینده" in response.content.decode()
    assert "مذاکره با بانک" in response.content.decode()
    response = client.post("/clinic/updates/add/", data | {"date": format_jalali(today())})
    assert response.status_code == 302 and response.url == back
    update = WeeklyUpdate.objects.get(case=world.case_a)
    assert update.author == world.users["clinic_expert"] and update.done == "مذاکره با بانک"


def test_the_no_update_list(world, client_as):
    client = client_as("secretariat")
    case = ClinicCase.objects.create(unit=quiet_unit(world), centre=world.centre_a, reason="inactive")
    clinic_services.advance(case)
    page = client.get("/clinic/cases/no-update/").content.decode()
    assert case.unit.name in page and world.case_a.unit.name not in page
    assert client_as("secretariat_b").get("/clinic/cases/no-update/").content.decode().count(case.unit.name) == 0


def test_the_centre_board_shows_load_capacity_overdue_and_revived(world, client_as):
    ActionItem.objects.create(
        case=world.case_a, title="معوق", deadline=today() - datetime.timedelta(days=3), weight=1, progress=10
    )
    page = client_as("secretariat").get(world.centre_a.get_absolute_url()).content.decode()
    assert 'data-testid="centre-board"' in page
    assert 'data-testid="capacity">۱ / ۱۰<' in page
    assert 'data-testid="overdue-actions">۱<' in page
    unit_services.change_status(world.unit_a2, UnitStatus.ACTIVE, "احیا شد")
    page = client_as("secretariat").get(world.centre_a.get_absolute_url()).content.decode()
    assert 'data-testid="revived">۱<' in page
    listing = client_as("nation_manager").get("/clinic/centres/").content.decode()
    assert world.centre_a.name in listing and world.centre_b.name in listing


def test_the_unit_page_lists_its_clinic_cases(world, client_as):
    page = client_as("secretariat").get(world.unit_a2.get_absolute_url() + "?tab=clinic").content.decode()
    assert world.case_a.get_absolute_url() in page
    page = client_as("agency_officer").get(world.unit_a2.get_absolute_url()).content.decode()
    assert "?tab=clinic" not in page


def test_a_partial_diagnosis_offers_the_dimensions_still_to_score(world, client_as):
    page = client_as("clinic_expert").get(f"/clinic/cases/{world.case_a.pk}/diagnosis/").content.decode()
    assert page.count("data-dimension=") == len(Dimension.values)
    assert page.count('data-dimension="finance"') == 1
