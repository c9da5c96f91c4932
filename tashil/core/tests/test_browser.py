"""The foundation as a person meets it, in Debian's Chromium."""

import pytest

from tashil.core.models import Holiday

pytestmark = pytest.mark.browser

MENU_EXPECTATIONS = {
    # role: (menu entries that must show, entries that must not)
    "admin": (["استان‌ها", "دستگاه‌های اجرایی", "کاربران", "تاریخچه تغییرات"], []),
    "secretariat": (["شهرک‌ها و نواحی صنعتی", "دستگاه‌های اجرایی", "کاربران"], ["تاریخچه تغییرات"]),
    "manager": (["شهرک‌ها و نواحی صنعتی", "کاربران"], ["تاریخچه تغییرات"]),
    "agency_officer": (["دستگاه‌های اجرایی", "تقویم کاری و تعطیلات"], ["کاربران", "تاریخچه تغییرات"]),
    "clinic_expert": (["دستگاه‌های اجرایی"], ["کاربران", "تاریخچه تغییرات"]),
}


def test_login_page_is_persian_and_right_to_left(page):
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "Vazirmatn" in page.evaluate("getComputedStyle(document.body).fontFamily")


def test_a_wrong_password_is_refused_in_persian(page, world, login):
    login("secretariat", "not-the-password")
    assert page.get_by_test_id("login-error").is_visible()
    assert "نام کاربری یا گذرواژه درست نیست" in page.get_by_test_id("login-error").inner_text()


@pytest.mark.parametrize("role", list(MENU_EXPECTATIONS))
def test_each_role_signs_in_and_sees_its_menu(page, world, login, role):
    login(world.users[role].username)
    menu = page.get_by_test_id("side-menu")
    menu.wait_for()
    text = menu.inner_text()
    shown, hidden = MENU_EXPECTATIONS[role]
    for entry in shown:
        assert entry in text, f"{role} should see {entry}"
    for entry in hidden:
        assert entry not in text, f"{role} should not see {entry}"
    memberships = page.get_by_test_id("memberships").inner_text()
    assert str(world.users[role].memberships.get()) in memberships


def test_a_jalali_date_round_trips_through_a_form(page, world, login):
    login("admin")
    page.goto("/core/holidays/add/")
    page.fill("input[name=date]", "۱۴۰۵/۱۲/۲۰")
    page.keyboard.press("Escape")
    page.fill("input[name=title]", "تعطیل آزمایشی")
    page.get_by_test_id("save").click()
    page.wait_for_url("**/core/holidays/")
    holiday = Holiday.objects.get(title="تعطیل آزمایشی")
    assert holiday.date.isoformat() == "2027-03-11"
    page.goto(f"/core/holidays/{holiday.pk}/edit/")
    assert page.input_value("input[name=date]") == "۱۴۰۵/۱۲/۲۰"


def test_an_impossible_date_is_refused_and_the_typing_kept(page, world, login):
    login("admin")
    page.goto("/core/holidays/add/")
    page.fill("input[name=date]", "1404/12/30")
    page.keyboard.press("Escape")
    page.fill("input[name=title]", "روز ناموجود")
    page.get_by_test_id("save").click()
    error = page.get_by_test_id("field-error-date")
    assert "۲۹ روز دارد" in error.inner_text()
    assert page.input_value("input[name=date]") == "1404/12/30"
    assert page.input_value("input[name=title]") == "روز ناموجود"
    assert not Holiday.objects.filter(title="روز ناموجود").exists()


def test_the_layout_works_on_a_phone(browser, live_server, world):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR", base_url=live_server.url)
    phone = context.new_page()
    phone.goto("/accounts/login/")
    phone.fill("input[name=username]", "secretariat")
    phone.fill("input[name=password]", "Tashil-1405")
    phone.click("[data-testid=login-submit]")
    phone.wait_for_load_state("domcontentloaded")
    menu = phone.get_by_test_id("side-menu")
    assert not menu.is_visible()
    phone.get_by_label("منو").click()
    menu.wait_for(state="visible")
    assert "شهرک‌ها و نواحی صنعتی" in menu.inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling on a phone"
    context.close()


def test_pages_run_under_the_content_security_policy_without_a_violation(page, world, login):
    """No inline script anywhere: the dashboard's charts and map, live search, the date picker and the API
    docs all work with script-src 'self', and the browser reports no refused resource."""
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    login("admin")
    for path in ("/", "/registry/units/", f"/registry/units/{world.unit_a.pk}/", "/core/holidays/add/", "/api/docs/"):
        response = page.goto(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.goto("/registry/units/")
    page.fill("input[name=q]", "صنایع")
    page.wait_for_load_state("networkidle")
    page.goto(f"/directory/units/{world.unit_a.pk}/")
    page.wait_for_load_state("networkidle")
    assert not refused, refused
    assert page.locator(".leaflet-container").count() == 1, "the booth's map drew under the policy"
