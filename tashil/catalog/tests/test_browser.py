"""A visitor on the public site, in Chromium: finds a product typed with Arabic letters, opens the unit's
booth and sends it a message, which reaches the unit's representative."""

import pytest
from playwright.sync_api import expect

from tashil.catalog.models import ContactMessage
from tashil.core.testing.browser import screenshot
from tashil.notifications.models import Notification

pytestmark = pytest.mark.browser


def test_a_visitor_finds_a_product_opens_the_booth_and_sends_a_message(page, world):
    page.goto("/directory/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_test_id("hero-search").locator("input[name=q]").fill("محصول آزمايشي")  # Arabic ي
    page.get_by_role("button", name="جستجوی محصولات").click()
    page.wait_for_url("**/directory/products/**")
    card = page.get_by_test_id("product-card")
    assert card.count() == 1 and "محصول آزمایشی الف" in card.inner_text()
    card.get_by_role("link", name="صنایع آزمایشی الف").click()
    page.wait_for_url(f"**/directory/units/{world.unit_a.pk}/")
    assert page.get_by_test_id("booth-title").inner_text() == "صنایع آزمایشی الف"
    assert "محصول آزمایشی الف" in page.get_by_test_id("booth-products").inner_text()
    assert page.locator('meta[property="og:title"]').get_attribute("content") == "صنایع آزمایشی الف"

    form = page.get_by_test_id("contact-form")
    form.locator("input[name=sender_name]").fill("فروشگاه نمونه")
    form.locator("input[name=subject]").fill("خرید عمده محصول")
    form.locator("textarea[name=body]").fill("ماهانه ده تن می‌خواهیم؛ قیمت را بفرستید.")
    form.get_by_test_id("contact-send").click()
    page.wait_for_load_state("domcontentloaded")
    # No e-mail or phone: refused in Persian, and the text is still there.
    assert "رایانامه یا تلفنی بنویسید" in page.get_by_test_id("form-errors").inner_text()
    assert page.locator("textarea[name=body]").input_value() == "ماهانه ده تن می‌خواهیم؛ قیمت را بفرستید."
    page.locator("input[name=sender_phone]").fill("۰۹۱۲۳۳۳۴۴۵۵")
    page.get_by_test_id("contact-send").click()
    page.wait_for_url(f"**/directory/units/{world.unit_a.pk}/#contact")
    assert "پیام شما برای «صنایع آزمایشی الف» فرستاده شد" in page.locator(".alert-success").inner_text()
    screenshot(page, "public-booth", full_page=True)

    message = ContactMessage.objects.get(subject="خرید عمده محصول")
    assert message.unit == world.unit_a and message.sender_phone == "09123334455"
    assert Notification.objects.filter(recipient=world.users["unit_rep"], kind="contact").exists()


def test_the_directory_filters_live_and_narrows_the_counties(page, world):
    page.goto("/directory/units/")
    page.fill("input[name=q]", "صنايع آزمايشي")
    expect(page.locator("[data-testid=unit-card]")).to_have_count(2)
    page.select_option("select[name=province]", str(world.province_a.pk))
    expect(page.locator("[data-testid=unit-card]")).to_have_count(1)
    counties = page.locator("select[name=county] option").all_inner_texts()
    assert "شهرستان الف" in counties and "شهرستان ب" not in counties
    assert "صنایع آزمایشی الف" in page.get_by_test_id("unit-card").inner_text()


@pytest.mark.parametrize("path", ["/directory/", "/directory/units/?q=صنایع", "/directory/units/{unit}/"])
def test_the_public_site_fits_a_phone(browser, live_server, world, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR", base_url=live_server.url)
    phone = context.new_page()
    phone.goto(path.format(unit=world.unit_a.pk))
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    context.close()


def test_an_investor_reads_the_public_site_in_english_left_to_right(page, world):
    """«English» on the public site: the same page in English, left to right, with the LTR stylesheet, Latin digits
    drawn as Latin digits, and the counties and provinces in their English names; «فارسی» brings Persian back."""
    page.goto("/directory/")
    page.get_by_test_id("language-en").click()
    page.wait_for_url("**/directory/")
    assert page.locator("html").get_attribute("lang") == "en" and page.locator("html").get_attribute("dir") == "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert page.evaluate("getComputedStyle(document.body).fontFeatureSettings") == "normal"
    expect(page.get_by_role("link", name="Industrial units")).to_be_visible()
    page.get_by_role("link", name="Industrial units").click()
    page.wait_for_url("**/directory/units/")
    page.select_option("select[name=province]", str(world.province_a.pk))
    expect(page.locator("[data-testid=unit-card]")).to_have_count(1)
    counties = page.locator("select[name=county] option").all_inner_texts()
    assert world.county_a.name_en in counties and world.county_b.name_en not in counties
    assert f"{world.county_a.name_en}, {world.province_a.name_en}" in page.get_by_test_id("unit-card").inner_text()
    page.get_by_test_id("language-fa").click()  # back to the same page, the province chosen live kept
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "/directory/units/" in page.url and f"province={world.province_a.pk}" in page.url
    expect(page.locator("[data-testid=unit-card]")).to_have_count(1)
