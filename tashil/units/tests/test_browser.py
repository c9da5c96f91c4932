"""The registry as a secretariat walks through it, in Chromium."""

import pytest
from playwright.sync_api import expect

from tashil.core.testing.browser import goto_refused
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.browser


def test_list_to_unit_to_edit_to_status_change(page, world, login):
    login("secretariat")
    page.goto("/registry/units/")
    # Search with Arabic letters finds the Persian name, live (htmx) without a page load.
    page.fill("input[name=q]", "صنايع آزمايشي")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="صنایع آزمایشی الف").click()
    page.wait_for_url(f"**/registry/units/{world.unit_a.pk}/")
    assert page.get_by_test_id("unit-status").inner_text() == "فعال"

    page.get_by_test_id("edit-button").click()
    page.fill("input[name=employees]", "۱۴۰")
    page.fill("input[name=last_verified]", "۱۴۰۴/۰۸/۱۵")
    page.keyboard.press("Escape")
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**/registry/units/{world.unit_a.pk}/")
    assert "تغییرات «صنایع آزمایشی الف» ذخیره شد" in page.get_by_test_id("message").inner_text()
    assert "۱۴۰" in page.get_by_test_id("tab-body-profile").inner_text()
    assert "بزرگ" in page.get_by_test_id("tab-body-profile").inner_text()

    page.get_by_test_id("change-status").click()
    page.select_option("select[name=to_status]", "semi_active")
    page.get_by_test_id("save").click()
    assert "دلیل" in page.get_by_test_id("object-form").inner_text(), "a status change without a reason is refused"
    page.fill("textarea[name=reason]", "کمبود سرمایه در گردش")
    page.get_by_test_id("save").click()
    page.wait_for_url("**?tab=status")
    assert page.get_by_test_id("unit-status").inner_text() == "نیمه‌فعال"
    timeline = page.get_by_test_id("status-timeline").inner_text()
    assert "کمبود سرمایه در گردش" in timeline
    unit = IndustrialUnit.objects.get(pk=world.unit_a.pk)
    assert unit.status == UnitStatus.SEMI_ACTIVE and unit.employees == 140
    assert unit.last_verified.isoformat() == "2025-11-06"


def test_a_representative_sees_their_unit_but_not_the_status_action(page, world, login):
    login("unit.rep")
    page.goto("/registry/units/")
    rows = page.locator("#results tbody tr")
    assert rows.count() == 1 and "صنایع آزمایشی الف" in rows.first.inner_text()
    rows.first.get_by_role("link").first.click()
    assert page.get_by_test_id("change-status").count() == 0
    assert page.get_by_test_id("edit-button").is_visible()
    goto_refused(page, f"/registry/units/{world.unit_a2.pk}/", 404)


def test_the_secretariat_approves_several_reports_from_the_list(page, world, login):
    from decimal import Decimal

    from tashil.units.choices import ReportStatus
    from tashil.units.models import PeriodicReport

    second = PeriodicReport.objects.create(unit=world.unit_a2, year=1404, month=5, production=Decimal(7))
    login("secretariat")
    page.goto("/registry/reports/")
    for report in (world.report_a, second):
        page.locator(f"input[name=select][value='{report.pk}']").check()
    page.get_by_test_id("bulk-approve").click()
    rows = page.get_by_test_id("bulk-rows").inner_text()
    assert str(world.report_a) in rows and str(second) in rows
    page.get_by_test_id("bulk-confirm-button").click()
    page.wait_for_url("**/registry/reports/")
    assert "آمار ۲ گزارش تأیید شد" in page.get_by_test_id("message").inner_text()
    statuses = set(
        PeriodicReport.objects.filter(pk__in=[world.report_a.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == {ReportStatus.APPROVED}
