"""Approved minutes are locked; the secretariat changes them by following the meeting page's amendment button."""

import pytest

from tashil.core.testing.browser import sign_in
from tashil.meetings import services as meeting_services


@pytest.fixture
def approved(world):
    meeting_services.hold(world.meeting_a)
    meeting_services.approve(world.meeting_a, world.users["manager"])
    return world.meeting_a


def amend_url(meeting):
    return f"/meetings/{meeting.pk}/do/amend/"


def test_only_the_secretariat_is_offered_the_amendment_of_approved_minutes(world, client_as, approved):
    page = client_as("secretariat").get(approved.get_absolute_url()).content.decode()
    assert 'data-testid="amend"' in page and f'href="{amend_url(approved)}"' in page
    assert 'data-testid="amend"' not in client_as("manager").get(approved.get_absolute_url()).content.decode()
    held = world.meeting_b
    meeting_services.hold(held)
    assert 'data-testid="amend"' not in client_as("admin").get(held.get_absolute_url()).content.decode()


def test_a_refused_amendment_says_why_and_keeps_what_was_typed(client_as, approved):
    response = client_as("secretariat").post(amend_url(approved), {"text": "", "reason": "نام دستگاه اشتباه بود"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="نام دستگاه اشتباه بود"' in page and "این مقدار لازم است" in page
    assert not approved.amendments.exists()


@pytest.mark.browser
def test_the_secretariat_amends_approved_minutes_from_the_meeting_page(page, world, approved):
    sign_in(page, "secretariat")
    page.goto(approved.get_absolute_url())
    page.get_by_test_id("amend").click()
    page.fill("textarea[name=text]", "در ردیف ۲ حاضران، نام دستگاه «اداره برق الف» است.")
    page.fill("input[name=reason]", "اشتباه تایپی")
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**{approved.get_absolute_url()}")
    shown = page.get_by_test_id("amendments").inner_text()
    assert "اداره برق الف" in shown and "اشتباه تایپی" in shown
    amendment = approved.amendments.get()
    assert amendment.author == world.users["secretariat"]
    page.get_by_test_id("tab-history").click()
    assert "اصلاحیه صورتجلسه ثبت شد: اشتباه تایپی" in page.get_by_test_id("tab-body-history").inner_text()
