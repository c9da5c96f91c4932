"""A manager clicks a figure on the dashboard and lands on the list it counts, with the same total."""

import pytest

from tashil.core.testing.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "figure",
    ["figure-status-active", "figure-obstacles-open", "figure-referrals-overdue", "figure-resolutions-following"],
)
def test_a_figure_leads_to_the_list_it_counts(page, world, figure):
    sign_in(page, "manager")
    page.goto("/")
    shown = page.get_by_test_id(f"{figure}-value").inner_text()
    page.get_by_test_id(figure).click()
    page.wait_for_load_state("domcontentloaded")
    count = page.get_by_test_id("result-count").inner_text()
    assert count.split()[0] == shown, f"{figure}: the dashboard says {shown}, the list {count}"


def test_drilling_down_from_the_nation_to_a_county(page, world):
    sign_in(page, "nation.manager")
    page.goto("/")
    assert "کل کشور" in page.get_by_test_id("area-bar").inner_text()
    page.get_by_test_id("children").get_by_role("link", name="استان الف").click()
    page.wait_for_url("**/reports/?province=*")
    assert "استان الف" in page.get_by_test_id("area-bar").inner_text()
    page.get_by_test_id("children").get_by_role("link", name="شهرستان الف", exact=True).click()
    page.wait_for_url("**/reports/?county=*")
    page.wait_for_selector("[data-testid=map][data-ready='1']")
    assert page.locator("[data-testid=map] path.leaflet-interactive").count() >= 1, "the county's units on the map"
