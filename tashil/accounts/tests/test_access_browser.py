"""The ways in of issue 24, walked in Chromium from the links a person sees: an invitation to the first sign-in,
a forgotten password, signing in by a code to the mobile, and a unit representative's self-registration (the
unit's own mobile, and the secretariat's approval)."""

import re

import pytest
from django.core.cache import cache

from tashil.accounts.models import Membership, RegistrationRequest, RegistrationStatus, User
from tashil.core.choices import Role
from tashil.core.testing.browser import screenshot, sign_in

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Sabz-Kooh-1405!"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def last_sms(sms_outbox, to):
    return [m for m in sms_outbox if m.to == to][-1].text


def code_for(sms_outbox, to):
    return re.search(r"\b(\d{6})\b", last_sms(sms_outbox, to)).group(1)


def submit(page):
    with page.expect_navigation():
        page.get_by_test_id("flow-submit").click()


def test_invitation_to_first_sign_in(page, world, sms_outbox):
    sign_in(page, "secretariat")
    page.locator("[data-testid=side-menu] a", has_text="دعوت‌نامه‌ها").click()
    page.get_by_test_id("add-button").click()
    page.fill("input[name=first_name]", "زهرا")
    page.fill("input[name=last_name]", "کریمی")
    page.fill("input[name=mobile]", "۰۹۱۲۱۱۱۰۱۰۰")
    page.select_option("select[name=role]", Role.MANAGER)
    page.select_option("select[name=level]", "county")
    page.select_option("select[name=county]", str(world.county_a.pk))
    with page.expect_navigation():
        page.get_by_test_id("save").click()
    assert page.get_by_test_id("invitation-status").inner_text() == "در انتظار پذیرش"
    screenshot(page, "access-invitation")
    link = re.search(r"https?://\S+", last_sms(sms_outbox, "09121110100")).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.context.clear_cookies()
    page.goto(path)
    page.fill("input[name=username]", "zahra.karimi")
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    screenshot(page, "access-invitation-accept")
    submit(page)
    page.fill("input[name=username]", "zahra.karimi")
    page.fill("input[name=password]", NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_test_id("login-submit").click()
    assert page.get_by_test_id("side-menu").is_visible()
    assert User.objects.get(username="zahra.karimi").memberships.get().role == Role.MANAGER


def test_forgotten_password(page, world, sms_outbox):
    user = world.users["manager"]
    user.mobile = "09121110101"
    user.save()
    page.goto("/accounts/login/")
    page.get_by_test_id("recovery-link").click()
    page.fill("input[name=identifier]", "۰۹۱۲۱۱۱۰۱۰۱")
    submit(page)
    page.fill("input[name=code]", code_for(sms_outbox, "09121110101"))
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    screenshot(page, "access-password-recovery")
    submit(page)
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_test_id("login-submit").click()
    assert page.get_by_test_id("side-menu").is_visible()


def test_mobile_sign_in(page, world, sms_outbox):
    user = world.users["manager"]
    user.mobile = "09121110102"
    user.save()
    page.goto("/accounts/login/")
    screenshot(page, "access-login")
    page.get_by_test_id("code-sign-in-link").click()
    page.fill("input[name=mobile]", "0912 111 0102")
    submit(page)
    page.fill("input[name=code]", code_for(sms_outbox, "09121110102"))
    screenshot(page, "access-code-sign-in")
    submit(page)
    assert page.get_by_test_id("side-menu").is_visible()


def register(page, world, mobile):
    page.goto("/accounts/login/")
    page.get_by_test_id("registration-link").click()
    page.fill("input[name=first_name]", "حسین")
    page.fill("input[name=last_name]", "نادری")
    page.fill("input[name=national_code]", "۰۰۱۳۵۴۲۴۱۹")
    page.fill("input[name=mobile]", mobile)
    page.fill("input[name=unit_national_id]", world.unit_a.national_id)
    submit(page)
    assert page.get_by_test_id("registration-code").is_visible()


def test_self_registration_with_the_units_own_mobile(page, world, sms_outbox):
    type(world.unit_a).objects.filter(pk=world.unit_a.pk).update(mobile="09121110103")
    register(page, world, "09121110103")
    screenshot(page, "access-self-registration")
    page.fill("input[name=code]", code_for(sms_outbox, "09121110103"))
    submit(page)
    assert page.get_by_test_id("side-menu").is_visible()
    assert Membership.objects.filter(role=Role.UNIT_REP, unit=world.unit_a, user__mobile="09121110103").exists()


def test_self_registration_approved_by_the_secretariat(page, world, sms_outbox):
    register(page, world, "09121110104")
    request = RegistrationRequest.objects.get(mobile="09121110104")
    assert request.status == RegistrationStatus.PENDING
    sign_in(page, "secretariat")
    page.locator("[data-testid=side-menu] a", has_text="درخواست‌های نمایندگی واحد").click()
    page.locator(f"a[href='{request.get_absolute_url()}']").click()
    screenshot(page, "access-registration-queue")
    with page.expect_navigation():
        page.get_by_test_id("approve").click()
    assert page.get_by_test_id("registration-status").inner_text() == "پذیرفته"
    assert "پذیرفته شد" in last_sms(sms_outbox, "09121110104")
    request.refresh_from_db()
    assert Membership.objects.filter(user=request.user, role=Role.UNIT_REP, unit=world.unit_a).exists()
