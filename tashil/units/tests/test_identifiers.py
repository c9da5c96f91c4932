"""The agencies' identifiers on a unit (issue 26 §2): validated in any digit script, searchable, importable,
shown to the agency they belong to and never on the public site."""

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from tashil.core.testing.pages import form, link
from tashil.core.validators import DigitsValidator, validate_postal_code
from tashil.units.importer import Importer
from tashil.units.models import IndustrialUnit

IDENTIFIERS = {
    "economic_code": "411114111111",
    "workshop_code": "1234567",
    "postal_code": "3391813579",
    "electricity_subscription": "41257896",
}


@pytest.mark.parametrize("value", ["3391813579", "۳۳۹۱۸-۱۳۵۷۹", "٣٣٩١٨ ١٣٥٧٩"])
def test_a_postal_code_in_any_digit_script_is_accepted(value):
    validate_postal_code(value)


@pytest.mark.parametrize(
    ("value", "words"),
    [("339181357", "باید ۱۰ رقم باشد"), ("3301813579", "رقم ۰ و ۲ نمی‌آید"), ("33a1813579", "باید ۱۰ رقم")],
)
def test_a_bad_postal_code_is_refused_naming_it(value, words):
    with pytest.raises(ValidationError) as refused:
        validate_postal_code(value)
    assert words in refused.value.messages[0]


def test_an_identifier_of_the_wrong_length_is_refused_with_its_name_and_lengths():
    validator = DigitsValidator("کد اقتصادی", (10, 11, 12))
    validator("۱۲۳۴۵۶۷۸۹۰۱")
    with pytest.raises(ValidationError) as refused:
        validator("12345")
    assert refused.value.messages == ["کد اقتصادی «12345» معتبر نیست؛ باید ۱۰ یا ۱۱ یا ۱۲ رقم باشد."]


def test_the_unit_form_stores_them_folded_and_refuses_a_bad_one_keeping_what_was_typed(world, client_as):
    client = client_as("secretariat")
    page = client.get(world.unit_a.get_absolute_url())
    edit = form(client.get(link(page, testid="edit-button")), testid="object-form")
    refused = edit.submit(client, postal_code="۳۳۹۱۸-۱۳۵۷۹", economic_code="۴۱۱۱۱۴۱۱۱۱۱۱", workshop_code="12")
    assert refused.status_code == 400, refused.status_code
    assert refused.context["form"].errors == {
        "workshop_code": ["کد کارگاه «12» معتبر نیست؛ باید ۷ یا ۸ یا ۹ یا ۱۰ رقم باشد."]
    }
    assert "کد کارگاه «" in refused.content.decode()
    assert "۳۳۹۱۸-۱۳۵۷۹" in refused.content.decode()  # what was typed is still there
    assert edit.submit(client, workshop_code="1234567").status_code == 302
    world.unit_a.refresh_from_db()
    assert (world.unit_a.postal_code, world.unit_a.economic_code) == ("3391813579", "411114111111")


def test_the_unit_list_finds_a_unit_by_any_identifier_typed_in_persian_digits(world, client_as):
    IndustrialUnit.objects.filter(pk=world.unit_a.pk).update(**IDENTIFIERS)
    client = client_as("secretariat")
    for value in ("۴۱۱۱۱۴۱۱۱۱۱۱", "3391813579", "۴۱۲۵۷۸۹۶"):
        units = list(client.get("/registry/units/", {"q": value}).context["table"].data)
        assert [u.pk for u in units] == [world.unit_a.pk], value
    api = client.get("/api/units/units/", {"q": "۱۲۳۴۵۶۷"}).json()
    assert [row["id"] for row in api["results"]] == [world.unit_a.pk]


def test_they_are_imported_and_a_bad_one_is_named_by_row_and_column(world, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["نام واحد", "شماره پروانه", "شهرستان", "وضعیت", "کد پستی", "کد اقتصادی", "کد کارگاه", "اشتراک برق"])
    sheet.append(
        ["صنایع شناسه‌دار", "پ-۹۰۱", "شهرستان الف", "فعال", "۳۳۹۱۸۱۳۵۷۹", "411114111111", "1234567", "41257896"]
    )
    sheet.append(["صنایع کدپستی بد", "پ-۹۰۲", "شهرستان الف", "فعال", "3301813579", "", "", ""])
    path = tmp_path / "units.xlsx"
    book.save(path)
    result = Importer(user=world.users["secretariat"]).run(str(path), path.name)
    assert not result.written
    assert [(e.row, e.column) for e in result.errors] == [(3, "کد پستی")]
    result = Importer(user=world.users["secretariat"], partial=True).run(str(path), path.name)
    unit = IndustrialUnit.objects.get(name="صنایع شناسه‌دار")
    assert {name: getattr(unit, name) for name in IDENTIFIERS} == IDENTIFIERS


def test_the_agency_sees_its_own_identifier_on_its_referral_and_the_headquarters_see_all(world, client_as):
    IndustrialUnit.objects.filter(pk=world.unit_a.pk).update(**IDENTIFIERS)
    # The tax office's officer, on the referral to it: the economic code and the postal code, nothing else.
    page = client_as("agency_officer").get(world.referral_a.get_absolute_url()).content.decode()
    assert "۴۱۱۱۱۴۱۱۱۱۱۱" in page and "۳۳۹۱۸۱۳۵۷۹" in page
    assert "۱۲۳۴۵۶۷" not in page and "۴۱۲۵۷۸۹۶" not in page
    unit_page = client_as("secretariat").get(world.unit_a.get_absolute_url()).content.decode()
    assert all(digits in unit_page for digits in ("۴۱۱۱۱۴۱۱۱۱۱۱", "۱۲۳۴۵۶۷", "۳۳۹۱۸۱۳۵۷۹", "۴۱۲۵۷۸۹۶"))
