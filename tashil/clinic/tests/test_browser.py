"""A unit through the industry clinic, as the secretariat and the clinic expert do it, in Chromium:
intake → diagnosis → plan → two weekly updates → the unit revived and the case credited."""

import datetime

import pytest

from tashil.clinic.models import ClinicCase
from tashil.core.jalali import format_jalali, today
from tashil.core.testing.browser import screenshot, sign_in
from tashil.obstacles.choices import Source
from tashil.obstacles.models import Obstacle
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.browser


def save_and_wait(page, url_glob):
    page.get_by_test_id("save").click()
    page.wait_for_url(url_glob)


def add_action(page, title, weight, days):
    page.get_by_test_id("add-action").click()
    page.fill("input[name=title]", title)
    page.fill("input[name=deadline]", format_jalali(today() + datetime.timedelta(days=days)))
    page.fill("input[name=weight]", str(weight))
    save_and_wait(page, "**tab=plan")


def weekly_update(page, day, done):
    page.goto(page.url.split("?")[0] + "?tab=updates")
    form = page.get_by_test_id("update-form")
    form.locator("input[name=date]").fill(format_jalali(day))
    form.locator("textarea[name=done]").fill(done)
    form.get_by_test_id("save-update").click()
    page.wait_for_url("**tab=updates")


def test_intake_diagnosis_plan_two_updates_and_revival(page, world):
    unit = IndustrialUnit.objects.create(
        name="ریسندگی خاموش الف", national_id="10860001233", county=world.county_a, status=UnitStatus.INACTIVE
    )
    # The secretariat admits the unit from its page.
    sign_in(page, "secretariat")
    page.goto(unit.get_absolute_url() + "?tab=clinic")
    page.get_by_test_id("admit-to-clinic").click()
    page.select_option("select[name=centre]", str(world.centre_a.pk))
    page.get_by_test_id("save").click()
    case = ClinicCase.objects.get(unit=unit)
    page.wait_for_url(f"**/clinic/cases/{case.pk}/**")
    assert case.reason == "inactive" and case.status == "intake"

    # The centre's expert takes it from there.
    sign_in(page, world.users["clinic_expert"].username)
    page.goto(case.get_absolute_url())
    page.get_by_test_id("advance").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("case-status").inner_text() == "آسیب‌شناسی"

    page.goto(case.get_absolute_url() + "?tab=diagnosis")
    page.get_by_test_id("edit-diagnosis").click()
    page.fill("textarea[name=summary]", "گره اصلی نقدینگی و بدهی بانکی است.")
    page.get_by_label("سرمایه در گردش").check()
    finance = page.locator("tr[data-dimension=finance]")
    finance.locator("select[name$='-score']").select_option("1")
    finance.locator("textarea").fill("حساب‌های بانکی به خاطر بدهی معوق مسدود است.")
    finance.locator("input[type=checkbox]").check()
    finance.locator("select[name$='-group']").select_option(str(world.group_finance.pk))
    save_and_wait(page, "**tab=diagnosis")
    page.get_by_test_id("findings-to-obstacles").click()
    page.wait_for_load_state("domcontentloaded")
    obstacle = Obstacle.objects.get(unit=unit, source=Source.CLINIC)
    assert obstacle.group == world.group_finance
    assert page.locator(f"a[href='{obstacle.get_absolute_url()}']").count() == 1

    page.get_by_test_id("advance").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("case-status").inner_text() == "برنامه احیا"
    page.goto(case.get_absolute_url() + "?tab=plan")
    add_action(page, "تقسیط بدهی بانکی و رفع مسدودی حساب", 3, 20)
    add_action(page, "بازگرداندن مشتری عمده", 1, 40)
    page.get_by_test_id("advance").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("case-status").inner_text() == "اجرا"

    weekly_update(page, today() - datetime.timedelta(days=7), "پرونده تقسیط در بانک ثبت شد.")
    weekly_update(page, today(), "مسدودی حساب رفع شد؛ خرید مواد اولیه آغاز شد.")
    assert page.get_by_test_id("updates").locator("li").count() == 2

    # The first action is done: the weighted progress is 3 × 100 / 4 = 75 %.
    page.goto(case.get_absolute_url() + "?tab=plan")
    page.locator("tr", has_text="تقسیط بدهی").get_by_role("link", name="به‌روزرسانی").click()
    page.fill("input[name=progress]", "100")
    save_and_wait(page, "**tab=plan")
    page.goto(case.get_absolute_url())
    assert page.get_by_test_id("plan-progress").inner_text() == "۷۵٪"

    close = page.get_by_test_id("close-case")
    close.locator("input[value=revived]").check()
    close.locator("textarea[name=note]").fill("تولید با ۶۰٪ ظرفیت از سر گرفته شد.")
    close.get_by_test_id("close-button").click()
    page.wait_for_load_state("domcontentloaded")
    # The expert's word alone does not change the unit: the secretariat confirms the revival.
    assert page.get_by_test_id("revival-awaiting").is_visible()
    unit.refresh_from_db()
    assert unit.status != UnitStatus.ACTIVE
    sign_in(page, "secretariat")
    page.goto(case.get_absolute_url())
    review = page.get_by_test_id("review-revival")
    review.locator("input[value=confirm]").check()
    review.get_by_test_id("review-revival-button").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("case-outcome").inner_text() == "احیا و فعال شد"
    assert page.get_by_test_id("revival").is_visible()
    screenshot(page, "clinic-case-revived")

    page.goto(unit.get_absolute_url() + "?tab=status")
    assert page.get_by_test_id("clinic-credit").is_visible()
    unit.refresh_from_db()
    case.refresh_from_db()
    assert unit.status == UnitStatus.ACTIVE and case.revival.unit == unit and case.updates.count() == 2
