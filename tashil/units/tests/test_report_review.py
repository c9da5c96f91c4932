"""Monthly statistics: the form's month, the approved month refused, the year's digits, and the secretariat's
review of many reports at once from the list (one service function for the page, the list and the API)."""

from decimal import Decimal

from tashil.core.changelog import history_for
from tashil.core.jalali import jalali_today
from tashil.core.models import ChangeLogEntry
from tashil.core.persian import to_persian_digits
from tashil.core.testing.pages import form
from tashil.units.choices import ReportStatus
from tashil.units.models import PeriodicReport

BULK = "/registry/reports/bulk/"


def last_month():
    now = jalali_today()
    return (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)


def test_the_form_opens_after_the_month_already_approved(world, client_as):
    year, month = last_month()
    PeriodicReport.objects.create(unit=world.unit_a, year=year, month=month, status=ReportStatus.APPROVED)
    form = client_as("unit_rep").get("/registry/reports/add/").context["form"]
    now = jalali_today()
    assert (int(form["year"].value()), int(form["month"].value())) == (now.year, now.month)
    assert form["unit"].value() == world.unit_a.pk


def test_a_unit_without_reports_this_year_opens_on_last_month(world, client_as):
    form = client_as("secretariat").get(f"/registry/reports/add/?unit={world.unit_a2.pk}").context["form"]
    assert (int(form["year"].value()), int(form["month"].value())) == last_month()


def test_a_month_already_approved_is_refused_by_name(world, client_as):
    world.report_a.status = ReportStatus.APPROVED
    world.report_a.save()
    response = client_as("unit_rep").post(
        "/registry/reports/add/",
        {"unit": world.unit_a.pk, "year": "1404", "month": "6", "production_unit": "ton"},
    )
    assert response.status_code == 400
    assert f"آمار «شهریور {to_persian_digits(1404)}» این واحد پیش‌تر تأیید شده است" in response.content.decode()


def test_the_detail_page_prints_the_year_without_a_separator(world, client_as):
    page = client_as("secretariat").get(world.report_a.get_absolute_url()).content.decode()
    assert "۱۴۰۴" in page and "۱٬۴۰۴" not in page


def reports(world, count, **fields):
    return [
        PeriodicReport.objects.create(unit=world.unit_a2, year=1403, month=month, production=Decimal(5), **fields)
        for month in range(1, count + 1)
    ]


def selection(action, objects, **extra):
    return {"action": action, "select": [obj.pk for obj in objects], **extra}


def test_the_list_offers_the_selection_to_the_secretariat_only(world, client_as):
    page = client_as("secretariat").get("/registry/reports/").content.decode()
    assert 'data-testid="bulk-approve"' in page and f'name="select" value="{world.report_a.pk}"' in page
    page = client_as("unit_rep").get("/registry/reports/").content.decode()
    assert 'name="select"' not in page and "bulk-form" not in page


def test_bulk_approve_confirms_then_approves_each_with_its_own_log_entry(world, client_as):
    chosen = [world.report_a, *reports(world, 2)]
    client = client_as("secretariat")
    confirm = client.post(BULK, selection("approve", chosen))
    assert confirm.status_code == 200
    assert all(str(report) in confirm.content.decode() for report in chosen)
    assert set(PeriodicReport.objects.filter(pk__in=[r.pk for r in chosen]).values_list("status", flat=True)) == {
        ReportStatus.SUBMITTED
    }
    logged = {report.pk: history_for(report).count() for report in chosen}
    response = client.post(BULK, selection("approve", chosen, confirmed="1"))
    assert response.status_code == 302
    for report in chosen:
        report.refresh_from_db()
        assert report.status == ReportStatus.APPROVED and report.reviewed_by == world.users["secretariat"]
        assert history_for(report).count() == logged[report.pk] + 1


def test_bulk_is_all_or_nothing(world, client_as):
    fresh, done = reports(world, 2)
    done.status = ReportStatus.APPROVED
    done.save()
    client = client_as("secretariat")
    confirm = client.post(BULK, selection("return", [fresh, done])).content.decode()
    assert "پیش‌تر تأیید شده است" in confirm and 'data-testid="bulk-confirm-button"' not in confirm
    response = client.post(BULK, selection("return", [fresh, done], confirmed="1", note="ناخوانا"))
    assert response.status_code == 400
    fresh.refresh_from_db()
    assert fresh.status == ReportStatus.SUBMITTED and fresh.review_note == ""


class Injected(Exception):
    """A failure injected into saving the second report of a batch."""


def test_a_batch_that_fails_on_its_second_report_returns_none_and_says_which(world, client_as, monkeypatch):
    chosen = reports(world, 3)
    client = client_as("secretariat")
    preview = client.post(BULK, selection("return", chosen))
    logged = ChangeLogEntry.objects.count()
    real_save, saved = PeriodicReport.save, []

    def save_then_fail(report, *args, **kwargs):
        saved.append(report.pk)
        if len(saved) == 2:
            raise Injected
        real_save(report, *args, **kwargs)

    monkeypatch.setattr(PeriodicReport, "save", save_then_fail)
    failed = form(preview, button_testid="bulk-confirm-button").submit(client, note="فروش ناهمخوان")
    first, second = (PeriodicReport.objects.get(pk=pk) for pk in saved)
    # The first report was saved and logged before the second failed; both are rolled back.
    assert (first.status, first.review_note, first.reviewed_by) == (ReportStatus.SUBMITTED, "", None)
    assert ChangeLogEntry.objects.count() == logged
    assert set(PeriodicReport.objects.filter(pk__in=[r.pk for r in chosen]).values_list("status", flat=True)) == {
        ReportStatus.SUBMITTED
    }
    assert failed.status_code == 400
    page = " ".join(failed.content.decode().split())
    assert f"کار بر «{second}» با خطایی در سامانه روبه‌رو شد" in page and "هیچ ردیفی تغییر نکرد" in page
    assert 'data-testid="bulk-failed-row"' in page
    # The selection and the reason typed are kept: sent again as it stands, once the failure is gone, it is done.
    again = form(failed, button_testid="bulk-confirm-button")
    assert sorted(again.data["select"]) == sorted(str(r.pk) for r in chosen)
    assert again.data["note"] == ["فروش ناهمخوان"]
    monkeypatch.setattr(PeriodicReport, "save", real_save)
    assert again.submit(client).status_code == 302
    assert PeriodicReport.objects.filter(pk__in=[r.pk for r in chosen], status=ReportStatus.RETURNED).count() == 3


def test_a_database_lost_midway_is_the_unavailable_page_and_approves_none(world, client_as, monkeypatch):
    from django.db import OperationalError

    chosen = reports(world, 2)
    client = client_as("secretariat")
    preview = client.post(BULK, selection("approve", chosen))
    real_save, saved = PeriodicReport.save, []

    def save_then_lose_the_database(report, *args, **kwargs):
        saved.append(report.pk)
        if len(saved) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        real_save(report, *args, **kwargs)

    monkeypatch.setattr(PeriodicReport, "save", save_then_lose_the_database)
    client.raise_request_exception = False
    response = form(preview, button_testid="bulk-confirm-button").submit(client)
    assert response.status_code == 503 and "سامانه لحظه‌ای در دسترس نیست" in response.content.decode()
    assert not PeriodicReport.objects.filter(pk__in=[r.pk for r in chosen], status=ReportStatus.APPROVED).exists()


def test_bulk_return_needs_a_reason_and_sends_it_with_each(world, client_as):
    chosen = reports(world, 2)
    client = client_as("secretariat")
    assert client.post(BULK, selection("return", chosen, confirmed="1")).status_code == 400
    assert not PeriodicReport.objects.filter(pk__in=[r.pk for r in chosen], status=ReportStatus.RETURNED).exists()
    assert client.post(BULK, selection("return", chosen, confirmed="1", note="فروش ناهمخوان")).status_code == 302
    for report in chosen:
        report.refresh_from_db()
        assert report.status == ReportStatus.RETURNED and report.review_note == "فروش ناهمخوان"


def test_bulk_is_scope_checked(world, client_as):
    other = PeriodicReport.objects.create(unit=world.unit_b, year=1404, month=1)
    mine = reports(world, 1)
    client = client_as("secretariat")
    assert client.post(BULK, selection("approve", [*mine, other], confirmed="1")).status_code == 404
    assert client_as("unit_rep").post(BULK, selection("approve", mine, confirmed="1")).status_code == 403
    assert PeriodicReport.objects.filter(pk__in=[mine[0].pk, other.pk], status=ReportStatus.SUBMITTED).count() == 2


def test_the_single_review_and_the_api_refuse_an_approved_report_alike(world, client_as, api_as):
    report = world.report_a
    report.status = ReportStatus.APPROVED
    report.save()
    response = api_as("secretariat").post(
        f"/api/units/reports/{report.pk}/review/", {"decision": "return", "note": "x"}, format="json"
    )
    assert response.status_code == 400 and "پیش‌تر تأیید شده است" in response.json()["non_field_errors"][0]
    client = client_as("secretariat")
    page = client.post(f"/registry/reports/{report.pk}/review/", {"decision": "return", "note": "x"}, follow=True)
    assert "پیش‌تر تأیید شده است" in page.content.decode()
