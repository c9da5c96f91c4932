"""Numbers typed as text: «۱» and «1» are one booth number (page and API), and booths sort as numbers."""

import re

from tashil.catalog.models import Booth
from tashil.core.persian import to_persian_digits
from tashil.units.models import IndustrialUnit


def more_units(world, count):
    return [
        IndustrialUnit.objects.create(name=f"واحد غرفه {i}", national_id="", county=world.county_a)
        for i in range(count)
    ]


def test_a_booth_number_in_persian_digits_is_the_same_number(world, client_as):
    (unit,) = more_units(world, 1)
    response = client_as("secretariat").post(
        "/catalog/booths/add/",
        {"exhibition": world.exhibition_a.pk, "unit": unit.pk, "number": "۱۲", "hall": "سالن ۲"},
    )
    assert response.status_code == 400
    assert "این شماره غرفه در این نمایشگاه به واحد دیگری داده شده است" in response.content.decode()
    assert not Booth.objects.filter(unit=unit).exists()


def test_the_api_refuses_it_too_and_stores_latin_digits(world, api_as):
    first, second = more_units(world, 2)
    client = api_as("secretariat")
    payload = {"exhibition": world.exhibition_a.pk, "unit": first.pk, "number": "١٢", "hall": "سالن ۲"}
    assert client.post("/api/catalog/booths/", payload, format="json").status_code == 400
    payload.update(unit=second.pk, number="۷")
    assert client.post("/api/catalog/booths/", payload, format="json").status_code == 201
    assert Booth.objects.get(unit=second).number == "7"
    assert Booth.objects.filter(number="۷").count() == 1  # looked up as typed, too


def test_booths_sort_as_numbers(world, client_as):
    world.booth_a.hall = ""
    world.booth_a.save()
    for unit, number in zip(more_units(world, 4), ("2", "۱۰", "1", "11"), strict=True):
        Booth.objects.create(exhibition=world.exhibition_a, unit=unit, number=number)
    assert [b.number for b in world.exhibition_a.booths.all()] == ["1", "2", "10", "11", "12"]
    page = client_as("secretariat").get(f"{world.exhibition_a.get_absolute_url()}?tab=booths").content.decode()
    shown = re.findall(r'data-testid="booth-row"><td>[^<]*</td><td>([^<]*)</td>', page)
    assert shown == [to_persian_digits(n) for n in ("1", "2", "10", "11", "12")]


def test_a_phone_and_a_licence_number_are_stored_in_one_kind_of_digit(world):
    unit = world.unit_a
    unit.phone, unit.licence_number = "۰۲۱-۸۸۰۰", "پ/١٢٣"
    unit.save()
    unit.refresh_from_db()
    assert (unit.phone, unit.licence_number) == ("021-8800", "پ/123")
