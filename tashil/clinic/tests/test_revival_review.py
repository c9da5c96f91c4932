"""A revival an expert proposes waits for the secretariat (or an approved report showing activity) before the
unit's status and the dashboards' clinic figure change; page and API go through the same service."""

from decimal import Decimal

from tashil.clinic.choices import CaseOutcome, CaseReason, CaseStatus
from tashil.clinic.models import ClinicCase
from tashil.core.jalali import jalali_today
from tashil.core.models import ChangeLogEntry
from tashil.units.choices import ReportStatus, StatusChangeSource, UnitStatus
from tashil.units.models import IndustrialUnit, PeriodicReport


def inactive_case(world):
    unit = IndustrialUnit.objects.create(
        name="کارخانه خاموش الف", national_id="10860001233", county=world.county_a, status=UnitStatus.INACTIVE
    )
    return ClinicCase.objects.create(unit=unit, centre=world.centre_a, reason=CaseReason.INACTIVE)


def act(client, case, action, **data):
    return client.post(f"/clinic/cases/{case.pk}/do/{action}/", data, follow=True)


def propose(client_as, case):
    return act(client_as("clinic_expert"), case, "close", outcome=CaseOutcome.REVIVED, note="تولید از سر گرفته شد")


def test_an_experts_revival_waits_for_the_secretariat(world, client_as):
    case = inactive_case(world)
    page = propose(client_as, case).content.decode()
    assert "برای تأیید به دبیرخانه فرستاده شد" in page
    case.refresh_from_db()
    case.unit.refresh_from_db()
    assert case.status == CaseStatus.AWAITING and case.outcome == CaseOutcome.REVIVED
    assert case.unit.status == UnitStatus.INACTIVE
    assert not ClinicCase.objects.revived().filter(pk=case.pk).exists()
    # While it waits, the expert neither closes it otherwise nor moves it on.
    act(client_as("clinic_expert"), case, "close", outcome=CaseOutcome.WITHDRAWN)
    act(client_as("clinic_expert"), case, "advance")
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING
    home = client_as("secretariat").get("/").context["secretariat"]
    assert {"count": 1, "label": "احیای واحد در انتظار تأیید", "url": "/clinic/cases/?status=awaiting"} in home
    secretariat_page = client_as("secretariat").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="review-revival"' in secretariat_page and "در انتظار تأیید دبیرخانه" in secretariat_page
    expert_page = client_as("clinic_expert").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="review-revival"' not in expert_page


def test_the_secretariat_confirms_and_the_unit_becomes_active_with_the_credit(world, client_as):
    case = inactive_case(world)
    propose(client_as, case)
    assert act(client_as("clinic_expert"), case, "review", decision="confirm").status_code == 403
    page = act(client_as("secretariat"), case, "review", decision="confirm").content.decode()
    assert "احیای واحد تأیید و پرونده بسته شد" in page
    case.refresh_from_db()
    case.unit.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == CaseOutcome.REVIVED
    assert case.unit.status == UnitStatus.ACTIVE and case.revival.source == StatusChangeSource.CLINIC
    assert ClinicCase.objects.revived().filter(pk=case.pk).exists()


def test_the_secretariat_returns_it_with_a_reason_to_the_step_it_was_at(world, client_as):
    case = inactive_case(world)
    propose(client_as, case)
    secretariat = client_as("secretariat")
    assert "دلیل برگشت" in act(secretariat, case, "review", decision="return").content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING
    act(secretariat, case, "review", decision="return", reason="پیشرفت برنامه ۱۸٪ است")
    case.refresh_from_db()
    case.unit.refresh_from_db()
    assert (case.status, case.outcome, case.unit.status) == (CaseStatus.INTAKE, "", UnitStatus.INACTIVE)
    assert ChangeLogEntry.objects.filter(object_id=case.pk, message__contains="پیشرفت برنامه ۱۸٪ است").exists()


def test_an_approved_report_showing_activity_is_evidence_enough(world, client_as):
    case = inactive_case(world)
    now = jalali_today()
    PeriodicReport.objects.create(
        unit=case.unit, year=now.year, month=now.month, production=Decimal(40), status=ReportStatus.APPROVED
    )
    propose(client_as, case)
    case.refresh_from_db()
    case.unit.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.unit.status == UnitStatus.ACTIVE


def test_the_api_goes_the_same_way(world, api_as):
    case = inactive_case(world)
    url = f"/api/clinic/cases/{case.pk}/"
    response = api_as("clinic_expert").post(url + "close/", {"outcome": CaseOutcome.REVIVED}, format="json")
    assert response.status_code == 200 and response.json()["status"] == CaseStatus.AWAITING
    case.unit.refresh_from_db()
    assert case.unit.status == UnitStatus.INACTIVE
    assert api_as("clinic_expert").post(url + "review/", {"decision": "confirm"}, format="json").status_code == 403
    response = api_as("secretariat").post(url + "review/", {"decision": "confirm"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == CaseStatus.CLOSED
    case.unit.refresh_from_db()
    assert case.unit.status == UnitStatus.ACTIVE
