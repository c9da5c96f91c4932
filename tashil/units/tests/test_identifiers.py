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


# ---------------------------------------------------------------- who reads which identifier, everywhere

ALL_SEVEN = {
    "economic_code": "411114111111",
    "workshop_code": "1234567",
    "postal_code": "3391813579",
    "production_id": "9876543",
    "electricity_subscription": "41257896",
    "gas_subscription": "78654123",
    "water_subscription": "55512345",
}
# What each kind of officer of the world reads of a unit: its agency's own numbers and the postal code.
READ_BY = {
    "agency_officer": {"economic_code", "postal_code"},
    "social_security_officer": {"workshop_code", "postal_code"},
    "secretariat": set(ALL_SEVEN),
    "unit_rep": set(ALL_SEVEN),
}


def social_security_officer(world):
    """An officer of county A's social-security office (the world's officer is the tax office's)."""
    from tashil.core.choices import Role, ScopeLevel
    from tashil.site.testing.factories import AgencyFactory, MembershipFactory, UserFactory

    if "social_security_officer" not in world.users:
        agency = AgencyFactory(county=world.county_a, name="تأمین اجتماعی الف", type="social_security")
        user = UserFactory(username="social.security.officer")
        MembershipFactory(
            user=user, role=Role.AGENCY_OFFICER, level=ScopeLevel.COUNTY, county=world.county_a, agency=agency
        )
        world.users["social_security_officer"] = user
    return world.users["social_security_officer"]


def with_identifiers(*units):
    IndustrialUnit.objects.filter(pk__in=[unit.pk for unit in units]).update(**ALL_SEVEN)


@pytest.mark.parametrize("role", list(READ_BY))
def test_the_api_gives_each_reader_only_the_identifiers_they_may_read(world, api_as, role):
    social_security_officer(world)
    with_identifiers(world.unit_a, world.unit_a2)
    client = api_as(role)
    detail = client.get(f"/api/units/units/{world.unit_a.pk}/").json()
    shown = {name for name in ALL_SEVEN if name in detail}
    assert shown == READ_BY[role], detail
    assert all(detail[name] == ALL_SEVEN[name] for name in shown)
    rows = client.get("/api/units/units/").json()["results"]
    assert rows, role
    for row in rows:
        assert {name for name in ALL_SEVEN if name in row} == READ_BY[role], (role, row["name"])


def test_an_officer_cannot_write_a_unit_through_the_api_at_all(world, api_as):
    """Officers read units and write none: not another agency's number, not their own."""
    with_identifiers(world.unit_a)
    client = api_as("agency_officer")
    for field, value in (("workshop_code", "7654321"), ("economic_code", "411114111112")):
        response = client.patch(f"/api/units/units/{world.unit_a.pk}/", {field: value}, format="json")
        assert response.status_code == 403, response.content
    world.unit_a.refresh_from_db()
    assert (world.unit_a.workshop_code, world.unit_a.economic_code) == ("1234567", "411114111111")


def officer_and_secretariat_elsewhere(world):
    """The tax office's officer of county A who is also the secretariat of county A2: the units of A2 are his
    as the headquarters' (every identifier), those of A only as the tax office's."""
    from tashil.core.choices import Role, ScopeLevel
    from tashil.site.testing.factories import MembershipFactory

    user = world.users["agency_officer"]
    MembershipFactory(user=user, role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county=world.county_a2)
    return user


def test_a_person_with_both_kinds_of_role_reads_per_unit_and_the_list_costs_no_query_per_unit(world, api_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer_and_secretariat_elsewhere(world)
    client = api_as("agency_officer")
    elsewhere = IndustrialUnit.objects.create(name="واحد الف دو", county=world.county_a2, status="active")
    with_identifiers(world.unit_a, elsewhere)
    rows = {row["id"]: row for row in client.get("/api/units/units/", {"page_size": 50}).json()["results"]}
    assert {name for name in ALL_SEVEN if name in rows[world.unit_a.pk]} == READ_BY["agency_officer"]
    assert {name for name in ALL_SEVEN if name in rows[elsewhere.pk]} == set(ALL_SEVEN)
    assert "workshop_code" not in client.get(f"/api/units/units/{world.unit_a.pk}/").json()
    assert client.get(f"/api/units/units/{elsewhere.pk}/").json()["workshop_code"] == "1234567"

    def cost():
        client.get("/api/units/units/")  # the person's entry, as on any later request
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/units/units/").status_code == 200
        return len(queries)

    few = cost()
    IndustrialUnit.objects.bulk_create(
        IndustrialUnit(name=f"واحد شمارش {i}", county=world.county_a if i % 2 else world.county_a2, status="active")
        for i in range(30)
    )
    assert cost() == few, "a page of 25 units costs what a page of 4 does"


@pytest.mark.parametrize("role", ["agency_officer", "secretariat"])
def test_a_list_of_25_units_costs_what_a_list_of_3_does(world, api_as, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as(role)

    def cost():
        client.get("/api/units/units/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/units/units/").status_code == 200
        return len(queries)

    few = cost()
    IndustrialUnit.objects.bulk_create(
        IndustrialUnit(name=f"واحد شمارش {i}", county=world.county_a, status="active", **ALL_SEVEN) for i in range(30)
    )
    assert cost() == few


def found(client, value):
    page = client.get("/registry/units/", {"q": value})
    api = client.get("/api/units/units/", {"q": value}).json()["results"]
    export = b"".join(client.get("/registry/units/", {"q": value, "export": "csv"}).streaming_content).decode()
    names = {unit.name for unit in page.context["table"].data}
    assert names == {row["name"] for row in api}, value
    assert names == {name for name in IndustrialUnit.objects.values_list("name", flat=True) if name in export}, value
    return names


def test_the_search_finds_a_unit_by_an_identifier_only_for_who_may_read_it(world, client_as):
    with_identifiers(world.unit_a)
    officer = client_as("agency_officer")
    assert found(officer, "۱۲۳۴۵۶۷") == set(), "the workshop code is the social-security office's"
    assert found(officer, "۷۸۶۵۴۱۲۳") == set(), "the gas subscription is the gas company's"
    assert found(officer, "۴۱۱۱۱۴۱۱۱۱۱۱") == {world.unit_a.name}, "the economic code is the tax office's own"
    assert found(officer, "3391813579") == {world.unit_a.name}, "the postal code is every agency's"
    social_security_officer(world)
    assert found(client_as("social_security_officer"), "1234567") == {world.unit_a.name}
    assert found(client_as("secretariat"), "78654123") == {world.unit_a.name}


def test_a_person_with_both_kinds_of_role_finds_by_every_identifier_only_where_he_is_the_headquarters(world, client_as):
    officer_and_secretariat_elsewhere(world)
    elsewhere = IndustrialUnit.objects.create(name="واحد الف دو", county=world.county_a2, status="active")
    with_identifiers(world.unit_a, elsewhere)
    client = client_as("agency_officer")
    assert found(client, "1234567") == {elsewhere.name}
    assert found(client, "411114111111") == {elsewhere.name, world.unit_a.name}


def test_the_units_history_shows_an_officer_only_the_identifiers_he_may_read(world, client_as):
    """A change of the unit's numbers by the secretariat enters its history; the tax office's officer reads
    there the change of the economic code, not of the workshop code."""
    secretariat = client_as("secretariat")
    edit = form(
        secretariat.get(link(secretariat.get(world.unit_a.get_absolute_url()), testid="edit-button")),
        testid="object-form",
    )
    assert edit.submit(secretariat, economic_code="411114111111", workshop_code="1234567").status_code == 302
    history = client_as("secretariat").get(world.unit_a.get_absolute_url(), {"tab": "history"}).content.decode()
    assert "۱۲۳۴۵۶۷" in history and "۴۱۱۱۱۴۱۱۱۱۱۱" in history
    history = client_as("agency_officer").get(world.unit_a.get_absolute_url(), {"tab": "history"}).content.decode()
    assert "۴۱۱۱۱۴۱۱۱۱۱۱" in history
    assert "۱۲۳۴۵۶۷" not in history and "1234567" not in history
