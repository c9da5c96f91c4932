"""A unit's name is text on the maps, never markup: a representative who renames their unit to carry a link
(or an image with a script) gets neither into the tooltip of the dashboard's map or the public booth's."""

from decimal import Decimal

import pytest

from tashil.core.testing.browser import sign_in
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.browser

HOSTILE = '<a href="https://evil.example/login">x</a><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_unit(world):
    IndustrialUnit.objects.filter(pk=world.unit_a.pk).update(
        name=HOSTILE, latitude=Decimal("35.700000"), longitude=Decimal("51.400000")
    )
    return world.unit_a


def tooltip_of_marker(page):
    """Hover the point drawn last (the unit's, above the provinces) and answer its tooltip."""
    page.locator("[data-map] path.leaflet-interactive").last.hover()
    tooltip = page.locator(".leaflet-tooltip").last
    tooltip.wait_for()
    return tooltip


def assert_plain_text(page, tooltip):
    assert tooltip.locator("a, img").count() == 0, tooltip.inner_html()
    assert HOSTILE in tooltip.inner_text()
    assert page.locator("a[href='https://evil.example/login']").count() == 0


def test_the_public_booth_map_shows_the_name_as_text(page, hostile_unit):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"/directory/units/{hostile_unit.pk}/")
    page.wait_for_selector("[data-map] path.leaflet-interactive")
    assert_plain_text(page, tooltip_of_marker(page))
    assert not dialogs


def test_the_dashboard_map_shows_the_name_as_text(page, world, hostile_unit):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, "manager")
    page.goto("/")
    page.wait_for_selector("[data-testid=map][data-ready='1']")
    assert_plain_text(page, tooltip_of_marker(page))
    assert not dialogs
