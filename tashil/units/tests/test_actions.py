"""The units' workflow actions declared once (``units/actions.py``): a unit's data verified and a monthly report
reviewed end the same through the page's own button or form and through the API; a refusal is shown on the
action's page (400) with the Persian reason and what was typed kept, and the API refuses with the same words.
(The status change, page, API and import alike, is ``test_write_paths.py``'s.)"""

import datetime

from tashil.core.jalali import format_jalali, today
from tashil.core.models import ChangeLogEntry
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.units.choices import DataCheckStatus, ReportStatus
from tashil.units.models import DataCheckRequest, IndustrialUnit, PeriodicReport

LOG = ((ChangeLogEntry, ("content_type__model", "object_id", "action", "message", "changes", "user_id")),)


def test_verifying_a_units_data(world, client_as, api_as):
    unit = world.unit_a
    DataCheckRequest.objects.create(unit=unit, requested_by=world.users["secretariat"], sent_to="نماینده")

    def state():
        checks = DataCheckRequest.objects.filter(unit=unit).values("status", "confirmed_by_id")
        return {"unit": list(IndustrialUnit.objects.filter(pk=unit.pk).values("last_verified")), "checks": list(checks)}

    outcome = same_both_ways(
        LOG,
        by_page(client_as("secretariat"), unit.get_absolute_url(), action="/verify/"),
        by_api(api_as("secretariat"), f"/api/units/units/{unit.pk}/verify/"),
        state,
    )
    assert outcome["state"]["unit"] == [{"last_verified": today()}]
    assert outcome["state"]["checks"] == [
        {"status": DataCheckStatus.CONFIRMED, "confirmed_by_id": world.users["secretariat"].pk}
    ]
    # The unit's verification, and the pending data check it answers (one entry per row the bulk write changed).
    assert sorted(e["content_type__model"] for e in outcome["core.ChangeLogEntry"]) == [
        "datacheckrequest",
        "industrialunit",
    ]


def report_state(report):
    def state():
        return list(PeriodicReport.objects.filter(pk=report.pk).values("status", "review_note", "reviewed_by_id"))

    return state


def test_returning_a_monthly_report(world, client_as, api_as):
    report = world.report_a
    typed = {"decision": "return", "note": "فروش با تولید نمی‌خواند"}
    outcome = same_both_ways(
        LOG,
        by_page(client_as("secretariat"), report.get_absolute_url(), testid="review-form", **typed),
        by_api(api_as("secretariat"), f"/api/units/reports/{report.pk}/review/", typed),
        report_state(report),
    )
    assert outcome["state"] == [
        {
            "status": ReportStatus.RETURNED,
            "review_note": "فروش با تولید نمی‌خواند",
            "reviewed_by_id": world.users["secretariat"].pk,
        }
    ]
    assert [e["action"] for e in outcome["core.ChangeLogEntry"]] == ["update"]


def test_approving_a_monthly_report(world, client_as, api_as):
    report = world.report_a
    outcome = same_both_ways(
        LOG,
        by_page(client_as("secretariat"), report.get_absolute_url(), testid="review-form", decision="approve"),
        by_api(api_as("secretariat"), f"/api/units/reports/{report.pk}/review/", {"decision": "approve"}),
        report_state(report),
    )
    assert outcome["state"][0]["status"] == ReportStatus.APPROVED


def test_a_return_without_a_reason_is_refused_on_the_review_page(world, client_as, api_as):
    report = world.report_a
    response = client_as("secretariat").post(
        f"/registry/reports/{report.pk}/review/", {"decision": "return", "note": "  "}
    )
    assert response.status_code == 400
    assert "دلیل برگشت آمار" in response.content.decode()
    assert response.context["form"]["decision"].value() == "return"
    api = api_as("secretariat").post(f"/api/units/reports/{report.pk}/review/", {"decision": "return"}, format="json")
    assert api.status_code == 400 and "دلیل برگشت آمار" in api.json()["note"][0]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_second_review_keeps_the_reason_typed(world, client_as):
    report = world.report_a
    report.status = ReportStatus.APPROVED
    report.save()
    response = client_as("secretariat").post(
        f"/registry/reports/{report.pk}/review/", {"decision": "return", "note": "سطر فروش خالی است"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "پیش‌تر تأیید شده است" in page and 'value="سطر فروش خالی است"' in page


def test_a_status_dated_in_the_future_is_refused_with_what_was_typed(world, client_as, api_as):
    unit = world.unit_a
    tomorrow = format_jalali(today() + datetime.timedelta(days=1))
    typed = {"to_status": "inactive", "date": tomorrow, "reason": "قطع برق صنعتی"}
    response = client_as("secretariat").post(f"/registry/units/{unit.pk}/status/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "نمی‌تواند در آینده باشد" in page and "قطع برق صنعتی</textarea>" in page
    api = api_as("secretariat").post(
        f"/api/units/units/{unit.pk}/status/",
        {"to_status": "inactive", "reason": "قطع برق صنعتی", "date": str(today() + datetime.timedelta(days=1))},
        format="json",
    )
    assert api.status_code == 400 and "نمی‌تواند در آینده باشد" in api.json()["date"][0]
    unit.refresh_from_db()
    assert unit.status != "inactive" and unit.status_changes.count() == 1
