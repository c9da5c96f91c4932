"""The dashboard's «by ISIC division» breakdown (issue 26 §3): units of the area by division, each row linked to the
unit list filtered by that division."""

import pytest
from django.urls import reverse

from tashil.core.testing.pages import link
from tashil.geo.areas import area_from
from tashil.reports import figures
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def classified(world):
    IndustrialUnit.objects.filter(pk=world.unit_a.pk).update(isic_class_id="1071", isic_code="1071")
    IndustrialUnit.objects.filter(pk=world.unit_a2.pk).update(isic_class_id="1050", isic_code="1050")
    IndustrialUnit.objects.create(name="پلاستیک‌سازی الف", county=world.county_a, isic_class_id="2220")
    IndustrialUnit.objects.filter(pk=world.unit_b.pk).update(isic_class_id="1071", isic_code="1071")
    return world


def test_units_by_division_count_the_area_only(classified, rf):
    request = rf.get(reverse("reports:dashboard"))
    request.user = classified.users["secretariat"]
    rows = figures.units_by_division(area_from(request), request.user)
    # Unit A active and its neighbour semi-active in 10, the plastics unit in 22; county B's bakery not counted.
    assert [(r["code"], r["name"], r["total"], r["active"], r["stopped"]) for r in rows] == [
        ("10", "ساخت محصولات غذایی", 2, 1, 1),
        ("22", "ساخت فرآورده‌های لاستیکی و پلاستیکی", 1, 1, 0),
    ]


def test_the_dashboard_shows_units_by_division_and_links_each_to_its_units(classified, client_as):
    client = client_as("secretariat")
    page = client.get(reverse("reports:dashboard"))
    text = page.content.decode()
    assert 'data-testid="units-by-division"' in text and "۱۰ — ساخت محصولات غذایی" in text
    listed = client.get(link(page, text="ساخت محصولات غذایی")).content.decode()
    assert "صنایع آزمایشی الف" in listed and "کارخانه همسایه الف" in listed and "پلاستیک‌سازی الف" not in listed


def test_units_without_a_class_are_counted_apart(world, rf):
    request = rf.get(reverse("reports:dashboard"))
    request.user = world.users["secretariat"]
    rows = figures.units_by_division(area_from(request), request.user)
    assert [(r["code"], r["name"], r["total"]) for r in rows] == [("", "بدون رده آیسیک", 2)]


def test_the_dashboard_api_gives_the_same_breakdown(classified, api_as):
    answer = api_as("secretariat").get(reverse("api:report-dashboard")).json()
    rows = answer["units"]["by_isic_division"]
    assert [(r["code"], r["total"], r["active"], r["stopped"]) for r in rows] == [("10", 2, 1, 1), ("22", 1, 1, 0)]
