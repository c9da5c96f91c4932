"""Asking stale units' representatives to confirm their data, in Chromium: the secretariat filters the unit list
to the stale units, selects rows, chooses the bulk action, reads the confirmation page and confirms; the
representative confirms from the unit's page. Any console error fails the test (the ``page`` fixture)."""

import re

import pytest
from playwright.sync_api import expect

from tashil.core.jalali import today
from tashil.core.testing.browser import settle
from tashil.units import services
from tashil.units.choices import DataCheckStatus
from tashil.units.models import DataCheckRequest, IndustrialUnit

pytestmark = pytest.mark.browser


def test_the_secretariat_asks_the_stale_units_representatives_from_the_list(page, world, login):
    login("secretariat")
    page.goto("/registry/units/")
    bar = page.get_by_test_id("filter-form")
    if not bar.locator("select[name=stale]").is_visible():
        bar.get_by_test_id("more-filters").click()
    settle(page, lambda: bar.locator("select[name=stale]").select_option("true"))
    for unit in (world.unit_a, world.unit_a2):
        page.locator(f"#results input[name=select][value='{unit.pk}']").check()
    page.get_by_test_id("bulk-data_check").click()

    rows = page.get_by_test_id("bulk-rows").inner_text()
    assert world.unit_a.name in rows and world.unit_a2.name in rows
    assert not DataCheckRequest.objects.exists(), "the confirmation page sends nothing"
    page.get_by_test_id("bulk-confirm-button").click()
    page.wait_for_url(re.compile(r"/registry/units/\?.*stale=true"))
    expect(page.get_by_test_id("message")).to_contain_text("از نماینده ۲ واحد تأیید اطلاعات خواسته شد")
    assert set(DataCheckRequest.objects.values_list("unit", flat=True)) == {world.unit_a.pk, world.unit_a2.pk}

    page.get_by_role("link", name=world.unit_a.name, exact=True).click()
    page.wait_for_url(f"**/registry/units/{world.unit_a.pk}/")
    expect(page.get_by_test_id("data-check-pending")).to_be_visible()
    expect(page.get_by_test_id("data-checks")).to_contain_text("در انتظار تأیید نماینده")


def test_the_representative_confirms_their_units_data(page, world, login):
    services.request_data_check(world.unit_a, user=world.users["secretariat"])
    login("unit.rep")
    page.goto(world.unit_a.get_absolute_url())
    expect(page.get_by_test_id("data-check-pending")).to_be_visible()
    page.get_by_test_id("confirm-data").click()
    page.wait_for_url(f"**/registry/units/{world.unit_a.pk}/")
    expect(page.get_by_test_id("message")).to_contain_text("امروز تأیید شد")
    expect(page.get_by_test_id("data-check-pending")).to_have_count(0)
    assert IndustrialUnit.objects.get(pk=world.unit_a.pk).last_verified == today()
    assert DataCheckRequest.objects.get(unit=world.unit_a).status == DataCheckStatus.CONFIRMED
