"""The registry's list widgets as a person uses them, in Chromium: the live search, and the links it must carry
along (the export, the page sizes); the status dropdown of checkboxes, and the export it must carry along."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tashil.core.persian import to_persian_digits
from tashil.core.testing.browser import (
    download,
    live_search,
    pick_date,
    pick_suggestion,
    settle,
    sign_in,
    suggest,
    tick,
    xlsx_rows,
)
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.browser


def query_of(href):
    return parse_qs(urlsplit(href).query)


def test_a_live_search_brings_its_rows_its_export_and_its_page_sizes(page, world):
    found = [f"ریخته‌گری نمونه {to_persian_digits(n)}" for n in range(1, 31)]
    for name in found:
        IndustrialUnit.objects.create(name=name, county=world.county_a, status=UnitStatus.ACTIVE)
    IndustrialUnit.objects.create(name="ریخته‌گری نمونه دیگر", county=world.county_b, status=UnitStatus.ACTIVE)
    sign_in(page, "secretariat")
    page.goto("/registry/units/")
    rows = page.locator("#results tbody tr")

    searches = []
    page.on("request", lambda request: searches.append(request.url) if request.headers.get("hx-request") else None)
    live_search(page, "ريخته گري نمونه")  # Arabic letters, a space for the ZWNJ
    expect(rows).to_have_count(25)
    assert len(searches) == 1
    # Leaving the search box for the export menu sends no second search: its answer redrew the menu under the
    # person's click, closing it again.
    page.get_by_test_id("export-menu").click()
    page.evaluate("() => document.activeElement && document.activeElement.tagName")  # a round trip to the page
    assert len(searches) == 1, searches
    assert page.get_by_test_id("result-count").inner_text() == "۳۰ مورد"
    assert query_of(page.url)["q"] == ["ريخته گري نمونه"], "the address follows the search (back, reload, share)"
    xlsx = page.get_by_test_id("export-xlsx")
    assert query_of(xlsx.get_attribute("href"))["q"] == ["ريخته گري نمونه"]
    content, name = download(page, xlsx)
    assert name.endswith(".xlsx")
    assert sorted(row[0] for row in xlsx_rows(content)) == sorted(found), "the export holds the search's 30 rows"
    csv_href = page.get_by_test_id("export-csv").get_attribute("href")
    assert query_of(csv_href)["q"] == ["ريخته گري نمونه"] and query_of(csv_href)["export"] == ["csv"]

    sizes = page.get_by_test_id("page-sizes")
    sizes.get_by_role("link", name="۵۰").click()
    expect(page).to_have_url(re.compile(r"[?&]per_page=50(&|$)"))
    expect(rows).to_have_count(30)
    assert query_of(page.url)["q"] == ["ريخته گري نمونه"]
    assert sorted(text.split("\t")[0].strip() for text in rows.all_inner_texts()) == sorted(found)


def test_ticking_two_statuses_lists_exactly_their_units_and_exports_them(page, world):
    IndustrialUnit.objects.create(name="واحد خاموش الف", county=world.county_a, status=UnitStatus.INACTIVE)
    IndustrialUnit.objects.create(
        name="واحد در حال احداث الف", county=world.county_a, status=UnitStatus.UNDER_CONSTRUCTION
    )
    chosen = (UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE)
    expected = sorted(
        IndustrialUnit.objects.for_user(world.users["secretariat"], "view")
        .filter(status__in=chosen)
        .values_list("name", flat=True)
    )
    assert len(expected) >= 2
    sign_in(page, "secretariat")
    page.goto("/registry/units/")
    dropdown = tick(page, "status", [str(status.label) for status in chosen])
    assert dropdown.locator("button").inner_text().strip() == "۲ مورد"
    assert sorted(query_of(page.url)["status"]) == sorted(chosen)
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(len(expected))
    xlsx = page.get_by_test_id("export-xlsx")
    assert sorted(query_of(xlsx.get_attribute("href"))["status"]) == sorted(chosen)
    content, _name = download(page, xlsx)
    assert sorted(row[0] for row in xlsx_rows(content)) == expected


def test_a_unit_chosen_and_a_date_picked_in_the_filter_bar_list_and_export_its_changes(page, world):
    """The status changes' bar: the unit through its autocomplete, «از تاریخ» through the Jalali calendar."""
    import datetime

    from tashil.core.jalali import today
    from tashil.units.models import UnitStatusChange

    unit = world.unit_a2
    old = UnitStatusChange.objects.create(
        unit=unit, to_status=UnitStatus.SEMI_ACTIVE, date=today() - datetime.timedelta(days=40), reason="کمبود برق"
    )
    recent = UnitStatusChange.objects.create(
        unit=unit, from_status=UnitStatus.SEMI_ACTIVE, to_status=UnitStatus.ACTIVE, date=today(), reason="برق وصل شد"
    )
    sign_in(page, "secretariat")
    page.goto("/registry/status-changes/")
    rows = page.locator("#results tbody tr")

    settle(page, lambda: suggest(page, "unit", "همسایه"))
    expect(rows).to_have_count(2)
    assert query_of(page.url)["unit"] == [str(unit.pk)]

    bar = page.get_by_test_id("filter-form")
    if not page.locator("input[name=date_after]").is_visible():
        bar.get_by_test_id("more-filters").click()
    settle(page, lambda: pick_date(page, "date_after", 1))  # the first day of this month: after the old change
    expect(rows).to_have_count(1)
    assert recent.reason in rows.first.inner_text() and old.reason not in page.locator("#results").inner_text()
    xlsx = page.get_by_test_id("export-xlsx")
    exported = query_of(xlsx.get_attribute("href"))
    assert exported["unit"] == [str(unit.pk)] and exported["date_after"] == query_of(page.url)["date_after"]
    content, _name = download(page, xlsx)
    assert [row[4] for row in xlsx_rows(content)] == [recent.reason]


def test_an_isic_class_found_by_its_title_in_arabic_letters_is_picked_and_saved(page, world):
    """The unit form's ISIC picker: a title typed with Arabic ي/ك and no ZWNJ lists the classes that hold it; the
    person goes down to the one meant and saves; the unit's page then shows the class."""
    from tashil.units.models import IsicCode

    sign_in(page, "secretariat")
    page.goto(f"/registry/units/{world.unit_a.pk}/edit/")
    bakery = str(IsicCode.objects.get(code="1071"))
    pick_suggestion(page, "isic_class", "نان و فرآوردههاي نانوايي", bakery)
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**/registry/units/{world.unit_a.pk}/")
    world.unit_a.refresh_from_db()
    assert (world.unit_a.isic_class_id, world.unit_a.isic_code) == ("1071", "1071")
    expect(page.get_by_test_id("unit-isic")).to_contain_text(bakery)
