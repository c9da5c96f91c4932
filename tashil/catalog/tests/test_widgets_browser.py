"""The directory's dependent place selects as a visitor uses them, in Chromium: a province narrows the counties,
a county the zones, and the list shows exactly the units of the place chosen."""

import pytest
from playwright.sync_api import expect

from tashil.catalog import public
from tashil.catalog.models import PublicProfile
from tashil.core.testing.browser import settle
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.browser


def offered(page, name):
    return [text.strip() for text in page.locator(f"select[name={name}] option").all_inner_texts()]


def test_a_province_narrows_the_counties_a_county_the_zones_and_the_list_follows(page, world):
    neighbour = IndustrialUnit.objects.create(
        name="صنایع آزمایشی الف دو", county=world.county_a2, status=UnitStatus.ACTIVE
    )
    PublicProfile.objects.create(unit=neighbour, introduction="معرفی واحد الف دو")
    page.goto("/directory/units/")
    cards = page.get_by_test_id("unit-card")

    settle(page, lambda: page.select_option("select[name=province]", str(world.province_a.pk)))
    counties = offered(page, "county")
    assert world.county_a.name in counties and world.county_a2.name in counties
    assert world.county_b.name not in counties
    in_province = public.public_units().filter(county__province=world.province_a)
    expect(cards).to_have_count(in_province.count())

    settle(page, lambda: page.select_option("select[name=county]", str(world.county_a.pk)))
    assert page.locator("select[name=province]").input_value() == str(world.province_a.pk)
    zones = offered(page, "zone")
    assert world.zone_a.name in zones and world.zone_b.name not in zones
    in_county = public.public_units().filter(county=world.county_a)
    expect(cards).to_have_count(in_county.count())
    assert in_province.count() > in_county.count() > 0
    assert neighbour.name not in page.locator("#results").inner_text()

    settle(page, lambda: page.select_option("select[name=zone]", str(world.zone_a.pk)))
    in_zone = public.public_units().filter(zone=world.zone_a)
    expect(cards).to_have_count(in_zone.count())
    assert sorted(cards.locator("h2").all_inner_texts()) == sorted(u.name for u in in_zone)


def test_another_province_after_a_county_lists_that_province(page, world):
    page.goto("/directory/units/")
    cards = page.get_by_test_id("unit-card")
    settle(page, lambda: page.select_option("select[name=province]", str(world.province_a.pk)))
    settle(page, lambda: page.select_option("select[name=county]", str(world.county_a.pk)))
    settle(page, lambda: page.select_option("select[name=province]", str(world.province_b.pk)))
    counties = offered(page, "county")
    assert world.county_b.name in counties and world.county_a.name not in counties
    in_province = public.public_units().filter(county__province=world.province_b)
    assert in_province.count() > 0
    expect(cards).to_have_count(in_province.count())
    assert sorted(cards.locator("h2").all_inner_texts()) == sorted(u.name for u in in_province)
