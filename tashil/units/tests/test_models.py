import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tashil.core.jalali import today
from tashil.units import services as unit_services
from tashil.units.choices import SizeClass, StatusChangeSource, UnitStatus
from tashil.units.models import IndustrialUnit, Product


@pytest.mark.parametrize(
    ("employees", "size"),
    [
        (None, ""),
        (0, SizeClass.MICRO),
        (9, SizeClass.MICRO),
        (10, SizeClass.SMALL),
        (49, SizeClass.SMALL),
        (50, SizeClass.MEDIUM),
        (99, SizeClass.MEDIUM),
        (100, SizeClass.LARGE),
        (5000, SizeClass.LARGE),
    ],
)
def test_size_class_follows_employees(world, employees, size):
    unit = world.unit_a
    unit.employees = employees
    unit.save()
    assert IndustrialUnit.objects.get(pk=unit.pk).size_class == size


def test_status_change_is_recorded_with_reason_date_and_author(world):
    unit, user = world.unit_a, world.users["secretariat"]
    day = today() - datetime.timedelta(days=3)
    change = unit_services.change_status(unit, UnitStatus.SEMI_ACTIVE, "کمبود نقدینگی", user=user, date=day)
    unit.refresh_from_db()
    assert unit.status == UnitStatus.SEMI_ACTIVE and unit.status_date == day
    assert (change.from_status, change.to_status, change.user, change.date) == (
        UnitStatus.ACTIVE,
        UnitStatus.SEMI_ACTIVE,
        user,
        day,
    )
    assert change.source == StatusChangeSource.MANUAL


@pytest.mark.parametrize(
    ("status", "reason", "date", "message"),
    [
        (UnitStatus.ACTIVE, "بی‌دلیل", None, "هم‌اکنون"),
        (UnitStatus.INACTIVE, "  ", None, "دلیل"),
        (UnitStatus.INACTIVE, "تعطیلی", today() + datetime.timedelta(days=2), "آینده"),
        ("bogus", "x", None, "شناخته نیست"),
    ],
)
def test_status_changes_that_make_no_sense_are_refused(world, status, reason, date, message):
    with pytest.raises(ValidationError) as error:
        unit_services.change_status(world.unit_a, status, reason, date=date)
    assert message in " ".join(error.value.messages)
    assert world.unit_a.status_changes.count() == 1  # only the world's registration entry


def test_reactivation_is_recognised(world):
    unit_services.change_status(world.unit_a2, UnitStatus.ACTIVE, "دریافت تسهیلات")
    assert world.unit_a2.status_changes.latest("pk").is_reactivation


def test_a_national_id_is_unique_with_a_persian_message(world):
    duplicate = IndustrialUnit(name="تکراری", national_id="۱۰۳۸۰۲۸۴۷۹۰", county=world.county_a)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "همین شناسه ملی" in str(error.value)


def test_two_units_without_a_national_id_are_fine(world):
    for name in ("بی‌شناسه یک", "بی‌شناسه دو"):
        unit = IndustrialUnit(name=name, county=world.county_a)
        unit.full_clean()
        unit.save()


def test_the_zone_must_lie_in_the_county(world):
    unit = IndustrialUnit(name="ناسازگار", county=world.county_a, zone=world.zone_b)
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "در شهرستان" in str(error.value)


def test_coordinates_outside_iran_are_refused(world):
    unit = IndustrialUnit(name="جای دور", county=world.county_a, latitude=51.5, longitude=35.7)
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "در ایران نیست" in str(error.value)


def test_search_finds_a_unit_by_any_spelling_and_by_its_products(world):
    tile = unit_services.save_product(Product(unit=world.unit_a, name="کاشی كف"))
    assert world.unit_a in IndustrialUnit.objects.search("صنايع آزمايشي")
    assert world.unit_a in IndustrialUnit.objects.search("۱۰۳۸۰۲۸۴۷۹۰")
    assert world.unit_a in IndustrialUnit.objects.search("کاشیکف")
    unit_services.delete_product(tile)
    assert world.unit_a not in IndustrialUnit.objects.search("کاشی")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_the_list_search_can_read_the_trigram_index_instead_of_every_unit(world):
    """On PostgreSQL the search of the unit list (words in any order, or run together) is answered from
    unit_search_trgm_idx: the whole nation's units are not read for a search (PostgreSQL would choose the
    index on its own at that size; with a handful of rows it is told to)."""
    from django.test import RequestFactory

    from tashil.units.filtersets import IndustrialUnitFilterSet

    request = RequestFactory().get("/")
    request.user = world.users["admin"]
    searched = IndustrialUnitFilterSet(
        {"q": "صنايع آزمايشي"}, queryset=IndustrialUnit.objects.all(), request=request
    ).qs.order_by("name")[:25]
    assert world.unit_a in searched
    sql, params = searched.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # and not along another index, filtering as it goes
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "unit_search_trgm_idx" in plan, plan


def test_stale_means_not_verified_for_the_configured_months(world, settings):
    settings.TASHIL_STALE_MONTHS = 6
    unit = world.unit_a
    unit.last_verified = today() - datetime.timedelta(days=200)
    unit.save()
    assert unit in IndustrialUnit.objects.stale() and unit.is_stale
    unit_services.mark_verified(unit)
    assert unit not in IndustrialUnit.objects.stale() and not unit.is_stale
    assert world.unit_b in IndustrialUnit.objects.stale()  # never verified
