"""A unit's representative registers two people for a workshop, in Chromium; the second lands on the
waiting list because one seat was left."""

import pytest

from tashil.core.testing.browser import screenshot, sign_in
from tashil.workshops.models import Registration

from .world import make_workshop

pytestmark = pytest.mark.browser


def register(page, workshop, name, mobile):
    page.goto(workshop.get_absolute_url())
    page.get_by_test_id("register-button").click()
    page.fill("input[name=full_name]", name)
    page.fill("input[name=mobile]", mobile)
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**{workshop.get_absolute_url()}")


def test_a_representative_registers_two_people(page, world):
    workshop = make_workshop(world.county_a, title="کارگاه بازاریابی دیجیتال", capacity=2)
    Registration.objects.create(workshop=workshop, full_name="نفر دیگر", mobile="09120000000")
    sign_in(page, "unit.rep")
    page.goto("/workshops/")
    page.get_by_role("link", name="کارگاه بازاریابی دیجیتال").click()
    assert "۱ از ۲ جا" in page.get_by_test_id("seats").inner_text()

    register(page, workshop, "مریم کارشناس فروش", "۰۹۱۲۱۱۱۲۲۳۳")
    register(page, workshop, "علی سرپرست تولید", "09124445566")
    assert "فهرست انتظار (نفر ۱)" in page.locator(".alert-warning").inner_text()
    rows = page.get_by_test_id("registrations").inner_text()
    assert "مریم کارشناس فروش" in rows and "علی سرپرست تولید" in rows
    screenshot(page, "workshop", full_page=True)

    mine = Registration.objects.filter(workshop=workshop, unit=world.unit_a).order_by("pk")
    assert [(r.full_name, r.status, r.mobile) for r in mine] == [
        ("مریم کارشناس فروش", "registered", "09121112233"),
        ("علی سرپرست تولید", "waitlisted", "09124445566"),
    ]
    assert all(r.registered_by == world.users["unit_rep"] for r in mine)
