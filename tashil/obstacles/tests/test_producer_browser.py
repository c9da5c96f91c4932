"""The producer closes the loop in Chromium: from the home page, confirm one agency's «done» and reopen another."""

import pytest

from tashil.core.testing.browser import sign_in
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import ObstacleStatus, ReferralStatus, ReviewState
from tashil.obstacles.models import Obstacle

pytestmark = pytest.mark.browser


def done_by_agency(world, title):
    obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title=title)
    referral = obstacle_services.refer(obstacle, [world.agency_a], user=world.users["secretariat"])[0]
    obstacle_services.answer(referral, ReferralStatus.DONE, "اقدام انجام شد.", user=world.users["agency_officer"])
    return referral.reviews.get()


def open_from_home(page, title):
    page.goto("/")
    item = page.get_by_test_id("desk-reviews").locator("li", has_text=title)
    item.get_by_test_id("answer-review").click()
    page.wait_for_url("**/obstacles/reviews/*/")


def test_the_representative_confirms_one_done_and_reopens_another(page, world):
    confirmed = done_by_agency(world, "بدهی بیمه تقسیط شد")
    reopened = done_by_agency(world, "انشعاب گاز هنوز وصل نشده")
    sign_in(page, "unit.rep")

    open_from_home(page, "بدهی بیمه تقسیط شد")
    confirm = page.get_by_test_id("confirm-form")
    confirm.get_by_label("نتیجه کار چقدر مشکل را برطرف کرد؟").select_option("5")
    confirm.get_by_label("رفتار و پاسخ‌گویی دستگاه").select_option("4")
    confirm.get_by_test_id("confirm").click()
    page.wait_for_url(f"**{confirmed.get_absolute_url()}")
    assert "تأیید شما ثبت شد" in page.get_by_test_id("message").inner_text()
    assert page.get_by_test_id("review-state").inner_text() == "تأییدشده"

    open_from_home(page, "انشعاب گاز هنوز وصل نشده")
    reopen = page.get_by_test_id("reopen-form")
    reopen.get_by_label("نتیجه کار چقدر مشکل را برطرف کرد؟").select_option("1")
    reopen.get_by_label("رفتار و پاسخ‌گویی دستگاه").select_option("2")
    reopen.get_by_test_id("reopen").click()
    assert "بنویسید چرا کار دستگاه مانع را برطرف نکرده است" in page.content()
    page.get_by_label("چرا مانع برطرف نشده است؟").fill("کنتور نصب شد ولی گاز وصل نیست.")
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**{reopened.get_absolute_url()}")
    assert "مانع بازگشایی شد" in page.get_by_test_id("message").inner_text()
    assert page.get_by_test_id("review-state").inner_text() == "بازگشایی‌شده"
    page.goto("/")
    waiting = page.get_by_test_id("desk-reviews").inner_text()
    assert "انشعاب گاز هنوز وصل نشده" not in waiting and "بدهی بیمه تقسیط شد" not in waiting

    confirmed.refresh_from_db()
    reopened.refresh_from_db()
    assert (confirmed.state, confirmed.outcome_rating, confirmed.conduct_rating) == (ReviewState.CONFIRMED, 5, 4)
    assert reopened.state == ReviewState.REOPENED and reopened.reason == "کنتور نصب شد ولی گاز وصل نیست."
    obstacle = reopened.referral.obstacle
    obstacle.refresh_from_db()
    assert obstacle.status == ObstacleStatus.IN_PROGRESS and obstacle.reopen_count == 1

    page.goto(obstacle.get_absolute_url())
    assert page.get_by_test_id("reopened-badge").is_visible()
    assert "کنتور نصب شد ولی گاز وصل نیست." in page.get_by_test_id("timeline").inner_text()
