"""The secretariat issues a referral letter from an obstacle's page, as it does it, in Chromium."""

import pytest

from tashil.core.persian import to_persian_digits
from tashil.core.testing.browser import screenshot, sign_in
from tashil.letters.models import Letter

pytestmark = pytest.mark.browser


def test_issue_a_referral_letter_from_the_obstacles_page_and_check_it_on_the_public_page(page, world):
    sign_in(page, "secretariat")
    page.goto(world.obstacle_a.get_absolute_url())
    page.get_by_test_id(f"letter-referral-{world.referral_a.pk}").click()
    page.wait_for_load_state("domcontentloaded")
    assert "برگ تشخیص مالیات الف" in page.input_value("input[name=subject]")
    assert page.locator(f"input[name=referrals][value='{world.referral_a.pk}']").is_checked()
    page.locator(f"input[name=copies][value='{world.agency_a2.pk}']").check()
    page.fill("input[name=recipient_name]", "مریم کاظمی")
    page.get_by_test_id("save").click()
    page.wait_for_load_state("domcontentloaded")
    letter = Letter.objects.get(recipient_name="مریم کاظمی")
    assert page.get_by_test_id("letter-status").inner_text() == "پیش‌نویس"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("issue").click()
    page.wait_for_load_state("domcontentloaded")
    letter.refresh_from_db()
    assert letter.is_issued and letter.number.endswith(f"/ت/{to_persian_digits(1)}")
    assert letter.number in page.get_by_test_id("letter-number").inner_text()
    assert page.get_by_test_id("edit-button").count() == 0, "an issued letter is not edited"
    screenshot(page, "letter-issued")

    page.get_by_test_id("verify-link").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("verify-title").inner_text().endswith("نامه معتبر است")
    assert page.get_by_test_id("verify-number").inner_text() == letter.number
    assert page.get_by_test_id("verify-hash").inner_text() == letter.pdf_sha256

    page.goto(world.obstacle_a.get_absolute_url() + "?tab=letters")
    assert letter.number in page.get_by_test_id("tab-body-letters").inner_text()
