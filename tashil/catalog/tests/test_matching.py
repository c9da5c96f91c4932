"""Complementary matching: who could supply a unit's inputs (nearest first), and who could buy its products."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tashil.catalog.models import PublicProfile, UnitInput
from tashil.catalog.public import buyers_of, producers_of
from tashil.catalog.views import matches_by_division, with_matches
from tashil.core.testing.pages import link
from tashil.site.testing.factories import CountyFactory
from tashil.units.models import IndustrialUnit, Product

pytestmark = pytest.mark.django_db


def producer(county, name, product, code="", listed=True, public=True):
    unit = IndustrialUnit.objects.create(name=name, county=county)
    if listed:
        PublicProfile.objects.create(unit=unit)
    Product.objects.create(unit=unit, name=product, code=code, is_public=public)
    return unit


@pytest.fixture
def places(world):
    """Producers of cartons in the buyer's county, elsewhere in its province, and in another province."""
    world.county_a3 = CountyFactory(province=world.province_a, name="شهرستان الف سه", code=20103)
    return {
        "far": producer(world.county_b, "کارتن‌سازی دور", "کارتن بسته‌بندی", "17021"),
        "province": producer(world.county_a3, "کارتن‌سازی استان", "کارتن سه‌لایه", "1702"),
        "county": producer(world.county_a, "کارتن‌سازی همسایه", "کارتن بسته‌بندی"),
        "hidden": producer(world.county_a, "کارتن‌سازی بی‌فهرست", "کارتن بسته‌بندی", "1702", listed=False),
        "private": producer(world.county_a, "کارتن‌سازی خصوصی", "کارتن بسته‌بندی", "1702", public=False),
    }


def test_producers_are_proposed_nearest_first(world, places):
    names = [p.unit.name for p in producers_of(world.input_a)]
    assert names == ["کارتن‌سازی همسایه", "کارتن‌سازی استان", "کارتن‌سازی دور"]


def test_a_producer_matches_by_code_class_or_by_name(world, places):
    by_code = UnitInput.objects.create(unit=world.unit_a, name="مقوا", code="۱۷۰۲۹")
    assert by_code.code == "17029" and by_code.code_prefix == "1702"
    assert {p.unit.name for p in producers_of(by_code)} == {"کارتن‌سازی دور", "کارتن‌سازی استان"}
    by_name = UnitInput.objects.create(unit=world.unit_a, name="كارتن بسته بندي")  # Arabic letters, no ZWNJ
    assert {p.unit.name for p in producers_of(by_name)} == {"کارتن‌سازی دور", "کارتن‌سازی همسایه"}


def test_unlisted_units_and_private_products_are_not_proposed(world, places):
    names = {p.unit.name for p in producers_of(world.input_a)}
    assert "کارتن‌سازی بی‌فهرست" not in names and "کارتن‌سازی خصوصی" not in names


def test_inactive_closed_and_unbuilt_factories_are_not_proposed_as_suppliers(world, places):
    for status, name in (("inactive", "کارتن‌سازی خاموش"), ("under_construction", "کارتن‌سازی نیمه‌ساز")):
        unit = producer(world.county_a, name, "کارتن بسته‌بندی", "1702")
        IndustrialUnit.objects.filter(pk=unit.pk).update(status=status)
    IndustrialUnit.objects.filter(pk=places["far"].pk).update(status="closed")
    IndustrialUnit.objects.filter(pk=places["province"].pk).update(status="semi_active")
    assert [p.unit.name for p in producers_of(world.input_a)] == ["کارتن‌سازی همسایه", "کارتن‌سازی استان"]
    match = with_matches(UnitInput.objects.filter(pk=world.input_a.pk)).get()
    assert match.producer_count == 2 and match.nearest_producer == "کارتن‌سازی همسایه"


def test_a_unit_is_never_its_own_supplier(world, places):
    Product.objects.create(unit=world.unit_a, name="کارتن بسته‌بندی", code="1702")
    assert world.unit_a not in [p.unit for p in producers_of(world.input_a)]


def test_buyers_of_a_product_nearest_first(world, places):
    far_buyer = IndustrialUnit.objects.create(name="خریدار دور", county=world.county_b)
    PublicProfile.objects.create(unit=far_buyer)
    UnitInput.objects.create(unit=far_buyer, name="کارتن", code="1702", yearly_quantity=Decimal(5))
    carton = places["county"].products.get()
    buyers = [i.unit.name for i in buyers_of(carton)]
    assert buyers == ["صنایع آزمایشی الف", "خریدار دور"]


def test_the_county_view_counts_producers_and_names_the_nearest_in_one_query(world, places, django_assert_num_queries):
    UnitInput.objects.create(unit=world.unit_a, name="ورق فولادی", code="2410")  # nobody makes it
    with django_assert_num_queries(1):
        rows = {i.name: i for i in with_matches(UnitInput.objects.filter(unit=world.unit_a))}
    assert rows["کارتن بسته‌بندی"].producer_count == 3
    assert rows["کارتن بسته‌بندی"].nearest_producer == "کارتن‌سازی همسایه"
    assert rows["کارتن بسته‌بندی"].nearest_county == "شهرستان الف"
    assert rows["ورق فولادی"].producer_count == 0 and rows["ورق فولادی"].nearest_producer is None


def test_the_matches_page_and_its_export(world, places, client_as):
    client = client_as("secretariat")
    page = client.get(reverse("catalog:matches")).content.decode()
    assert "کارتن‌سازی همسایه" in page
    response = client.get(reverse("catalog:matches") + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "کارتن بسته‌بندی" in text and "کارتن‌سازی همسایه" in text
    outsider = client_as("secretariat_b").get(reverse("catalog:matches")).content.decode()
    assert "کارتن بسته‌بندی" not in outsider


def test_the_unit_page_shows_suppliers_and_buyers(world, places, client_as):
    page = client_as("unit_rep").get(world.unit_a.get_absolute_url() + "?tab=public").content.decode()
    assert "کارتن‌سازی همسایه" in page
    assert 'data-testid="public-state"' in page and "در سایت عمومی دیده می‌شود" in page


def test_a_representatives_own_unit_is_already_chosen_on_their_inputs_form(world, client_as):
    page = client_as("unit_rep").get("/catalog/inputs/add/").content.decode()
    assert f'<option value="{world.unit_a.pk}" selected>' in page
    secretariat = client_as("secretariat").get("/catalog/inputs/add/").content.decode()
    units = secretariat.split('name="unit"')[1].split("</select>")[0]
    assert not re.search(r'<option value="\d+" selected>', units), "many units in scope: none is chosen for them"


def test_a_product_supplies_by_its_isic_class_and_the_page_counts_inputs_and_producers_by_division(
    world, places, client_as
):
    """A product with an ISIC class and no code typed supplies an input of that class; the matching page shows
    each ISIC division of its inputs with the nation's public products and producers in it, each a link to the
    inputs of that division."""
    baker = IndustrialUnit.objects.create(name="نانوایی دور", county=world.county_b)
    PublicProfile.objects.create(unit=baker)
    Product.objects.create(unit=baker, name="نان حجیم", isic_class_id="1071")
    dough = UnitInput.objects.create(unit=world.unit_a, name="خمیر نان", code="۱۰۷۱")
    assert [p.unit.name for p in producers_of(dough)] == ["نانوایی دور"]
    assert with_matches(UnitInput.objects.filter(pk=dough.pk)).get().producer_count == 1
    assert [i.name for i in buyers_of(baker.products.get())] == ["خمیر نان"]
    rows = matches_by_division(UnitInput.objects.filter(unit=world.unit_a))
    # 10: the bakery's product; 17: the cartons coded 17021 and 1702 (the neighbour's carton has no code and is
    # found by its name only; the unlisted unit's and the private product are not the public's).
    assert [(r["code"], r["title"], r["inputs"], r["products"], r["units"]) for r in rows] == [
        ("10", "ساخت محصولات غذایی", 1, 1, 1),
        ("17", "ساخت کاغذ و فرآورده‌های کاغذی", 1, 2, 2),
    ]
    client = client_as("secretariat")
    page = client.get(reverse("catalog:matches"))
    assert 'data-testid="matches-by-division"' in page.content.decode()
    food = client.get(link(page, text="ساخت محصولات غذایی")).content.decode()
    assert "خمیر نان" in food and "کارتن بسته‌بندی" not in food
    # Another county's secretariat sees none of county A's inputs, nor their divisions.
    assert (
        'data-testid="matches-by-division"'
        not in client_as("secretariat_b").get(reverse("catalog:matches")).content.decode()
    )
