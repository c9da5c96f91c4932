"""The official holidays come from the ``holidays`` library's Iran calendar, per Jalali year; the lunar ones wait
for the national secretariat's confirmation, which may move one by a day."""

import datetime

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tashil.core.choices import Role, ScopeLevel
from tashil.core.jalali import format_jalali, to_gregorian, year_bounds
from tashil.core.models import ChangeLogEntry, Holiday
from tashil.core.testing import pages
from tashil.site.testing.factories import MembershipFactory, UserFactory


def test_load_reference_loads_1404_to_1406_with_the_lunar_holidays_to_confirm(db):
    call_command("load_reference", verbosity=0)
    for year in (1404, 1405, 1406):
        holidays = Holiday.objects.filter(date__range=year_bounds(year))
        nowruz = holidays.get(date=to_gregorian(year, 1, 1))
        assert (nowruz.lunar, nowruz.confirmed) == (False, True)
        lunar = holidays.filter(lunar=True)
        assert lunar.count() >= 12, year  # Tasua, Ashura, Arbaeen, the two Eids, Ghadir… (and more)
        assert not lunar.filter(confirmed=True).exists(), "a lunar holiday is an estimate until confirmed"
        assert lunar.filter(title__contains="عاشورا").count() == 1
        assert not holidays.filter(title__regex=r"[0-9]").exists(), "titles in Persian digits"
    # 1405's Ashura by the library's estimate: 1405/04/04 (25 June 2026).
    assert Holiday.objects.get(title__contains="عاشورا", date__range=year_bounds(1405)).date == datetime.date(
        2026, 6, 25
    )
    count = Holiday.objects.count()
    call_command("load_holidays", "1405", verbosity=0)
    assert Holiday.objects.count() == count, "loading a year again adds nothing"


def test_the_national_secretariat_confirms_a_lunar_holiday_a_day_off_its_estimate(world, client_as):
    call_command("load_holidays", "1405", verbosity=0)
    nation = UserFactory(username="dabir.meli")
    MembershipFactory(user=nation, role=Role.SECRETARIAT, level=ScopeLevel.NATION)
    client = Client()
    client.force_login(nation)
    listing = client.get(reverse("core:holiday_list") + "?lunar=true&confirmed=false&year=1405")
    assert 'data-testid="to-confirm"' in listing.content.decode()
    first = Holiday.objects.filter(lunar=True, confirmed=False).order_by("date").first()
    confirm_url = pages.link(listing, testid="confirm-holiday", href_contains=f"/holidays/{first.pk}/confirm/")
    holiday = Holiday.objects.get(pk=int(confirm_url.rstrip("/").split("/")[-2]))
    estimate = holiday.date

    too_far = pages.form(client.get(confirm_url), testid="object-form").fill(
        date=format_jalali(estimate + datetime.timedelta(days=2))
    )
    refused = too_far.submit(client)
    assert refused.status_code == 400 and "برآورد" in refused.content.decode()

    moved = estimate + datetime.timedelta(days=1)
    if Holiday.objects.filter(date=moved).exists():
        moved = estimate - datetime.timedelta(days=1)
    assert (
        pages.form(client.get(confirm_url), testid="object-form")
        .fill(date=format_jalali(moved))
        .submit(client)
        .status_code
        == 302
    )
    holiday.refresh_from_db()
    assert (holiday.date, holiday.confirmed) == (moved, True)
    assert ChangeLogEntry.objects.filter(
        content_type__model="holiday", object_id=holiday.pk, message__contains="تأیید شد"
    ).exists()

    # A county's secretariat reads the calendar but confirms nothing.
    county = client_as("secretariat")
    other = Holiday.objects.filter(confirmed=False).first()
    page = county.get(reverse("core:holiday_list") + "?confirmed=false&year=1405").content.decode()
    assert 'data-testid="to-confirm"' in page and 'data-testid="confirm-holiday"' not in page
    assert county.get(reverse("core:holiday_confirm", args=[other.pk])).status_code == 403
