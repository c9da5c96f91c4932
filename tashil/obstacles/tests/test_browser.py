"""An obstacle's life as the people involved walk through it, in Chromium."""

import pytest

from tashil.core.testing.browser import sign_in
from tashil.obstacles.choices import ObstacleStatus
from tashil.obstacles.models import Obstacle

pytestmark = pytest.mark.browser


def sign_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/")


def test_unit_page_new_obstacle_two_referrals_answer_and_resolution(page, world):
    sign_in(page, "secretariat")
    page.goto(world.unit_a.get_absolute_url() + "?tab=obstacles")
    page.get_by_test_id("add-obstacle").click()
    page.select_option("select[name=group]", str(world.group_finance.pk))
    page.fill("input[name=title]", "کمبود نقدینگی برای خرید مواد اولیه")
    page.fill("textarea[name=description]", "سرمایه در گردش برای یک دوره تولید کافی نیست.")
    page.select_option("select[name=severity]", "3")
    page.fill("input[name=jobs_at_risk]", "۲۵")
    page.get_by_test_id("save").click()
    obstacle = Obstacle.objects.get(title="کمبود نقدینگی برای خرید مواد اولیه")
    page.wait_for_url(f"**/registry/units/{world.unit_a.pk}/?tab=obstacles")
    assert "کمبود نقدینگی برای خرید مواد اولیه" in page.get_by_test_id("tab-body-obstacles").inner_text()

    page.goto(obstacle.get_absolute_url())
    page.get_by_test_id("refer").click()
    page.check(f"input[name=agencies][value='{world.agency_a.pk}']")
    page.check(f"input[name=agencies][value='{world.agency_a2.pk}']")
    page.fill("input[name=days]", "۷")
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**/obstacles/{obstacle.pk}/")
    assert page.get_by_test_id("obstacle-status").inner_text() == "ارجاع‌شده"
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "اداره مالیات الف" in timeline and "اداره برق الف" in timeline and "۷ روز کاری" in timeline
    sign_out(page)

    sign_in(page, "agency.officer")
    page.goto("/obstacles/inbox/")
    row = page.locator("#results tbody tr", has_text="کمبود نقدینگی برای خرید مواد اولیه")
    row.get_by_role("link", name="پاسخ").click()
    page.get_by_label("انجام‌شده").check()
    page.fill("textarea[name=response]", "تسهیلات سرمایه در گردش در کمیته اعتباری تصویب شد.")
    page.get_by_test_id("send-response").click()
    page.wait_for_url("**/obstacles/inbox/")
    assert "پاسخ «اداره مالیات الف» ثبت شد" in page.get_by_test_id("message").inner_text()
    sign_out(page)

    sign_in(page, "secretariat")
    page.goto(obstacle.get_absolute_url())
    assert page.get_by_test_id("obstacle-status").inner_text() == "در دست اقدام"
    assert "تسهیلات سرمایه در گردش" in page.get_by_test_id("timeline").inner_text()
    page.get_by_test_id("close").click()
    page.get_by_label("رفع در سطح اداری").check()
    page.fill("textarea[name=note]", "واحد تسهیلات را دریافت کرد.")
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**/obstacles/{obstacle.pk}/")
    assert page.get_by_test_id("obstacle-status").inner_text() == "رفع‌شده"
    assert page.get_by_test_id("refer").count() == 0
    obstacle.refresh_from_db()
    assert obstacle.status == ObstacleStatus.RESOLVED and obstacle.outcome == "resolved"
    assert obstacle.referrals.count() == 2


def test_two_people_edit_one_obstacle_and_the_second_is_told(browser, live_server, world):
    """Two real sessions in two browser contexts: the second save is refused with what changed, and kept."""
    from tashil.core.testing.browser import sign_in

    def person(username):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR", base_url=live_server.url)
        context.set_default_timeout(15000)
        page = context.new_page()
        sign_in(page, username)
        page.goto(f"/obstacles/{world.obstacle_a.pk}/edit/")
        return context, page

    (first_context, first), (second_context, second) = person("secretariat"), person("province.secretariat")
    first.fill("textarea[name=description]", "شرح نوشته‌شده نفر نخست")
    first.get_by_test_id("save").click()
    first.wait_for_url(f"**/obstacles/{world.obstacle_a.pk}/")
    second.fill("textarea[name=description]", "شرح نوشته‌شده نفر دوم")
    second.get_by_test_id("save").click()
    errors = second.get_by_test_id("form-errors").inner_text()
    assert "پس از باز شدن این فرم تغییر کرده است" in errors and "شرح" in errors
    assert second.input_value("textarea[name=description]") == "شرح نوشته‌شده نفر دوم"
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.description == "شرح نوشته‌شده نفر نخست"
    first_context.close()
    second_context.close()
