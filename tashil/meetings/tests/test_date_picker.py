"""The Jalali date picker as a person uses it: click the field, pick a day, save; or type the date instead."""

import pytest

from tashil.core.jalali import jalali_today, to_gregorian
from tashil.core.testing.browser import pick_date, screenshot, sign_in
from tashil.core.workdays import is_working_day
from tashil.meetings.models import Meeting

pytestmark = pytest.mark.browser


def a_working_day_this_month():
    """A day of today's Jalali month that is neither a weekend nor a holiday (so no warning gets in the way)."""
    now = jalali_today()
    year, month = now.year, now.month
    day = next(d for d in range(10, 29) if is_working_day(to_gregorian(year, month, d)))
    return year, month, day


def test_the_calendar_opens_on_this_month_and_a_picked_day_is_saved(page, world):
    year, month, day = a_working_day_this_month()
    sign_in(page, "secretariat")
    page.goto("/meetings/add/")
    page.select_option("select[name=series]", str(world.series_a.pk))
    assert pick_date(page, "date", day) == (year, month)
    assert page.input_value("input[name=date]") == f"{year:04d}/{month:02d}/{day:02d}".translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    page.fill("input[name=chair_name]", "حسن عباسی")
    page.get_by_test_id("save").click()
    page.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get(chair_name="حسن عباسی")
    assert meeting.date == to_gregorian(year, month, day)


def test_the_calendar_opens_on_the_month_already_in_the_field(page, world):
    sign_in(page, "secretariat")
    page.goto("/meetings/add/")
    page.fill("input[name=date]", "۱۴۰۴/۳/۵")
    page.keyboard.press("Escape")
    page.locator("input[name=chair_name]").click()
    page.locator("input[name=date]").click()
    page.locator("jdp-container").wait_for(state="visible")
    screenshot(page, "date-picker")
    assert pick_date(page, "date", 20) == (1404, 3)
    assert page.input_value("input[name=date]") == "۱۴۰۴/۰۳/۲۰"


@pytest.mark.parametrize("typed", ["۱۴۰۵/۰۲/۱۵", "1405/2/15"])
def test_a_typed_date_in_either_digits_is_saved(page, world, typed):
    sign_in(page, "secretariat")
    page.goto("/meetings/add/")
    page.select_option("select[name=series]", str(world.series_a.pk))
    page.fill("input[name=date]", typed)
    page.keyboard.press("Escape")
    page.fill("input[name=chair_name]", "مریم کاظمی")
    page.get_by_test_id("save").click()
    page.wait_for_url("**/meetings/*/")
    assert Meeting.objects.get(chair_name="مریم کاظمی").date == to_gregorian(1405, 2, 15)
