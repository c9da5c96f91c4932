"""ISIC Rev.4 with Persian titles (issue 26 §3): the reference data, its search in any spelling, the picker, the
unit list's division and group filters, and a class required where a group or division is typed — on the unit and
product forms, the API and the import."""

import csv
import html
import re
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse

from tashil.core.testing.pages import form, link
from tashil.core.validators import national_id_check_digit
from tashil.units.choices import IsicLevel
from tashil.units.importer import Importer
from tashil.units.isic import isic_rows, load_isic
from tashil.units.models import IndustrialUnit, IsicCode, Product

pytestmark = pytest.mark.django_db


def valid_id(prefix):
    return prefix + str(national_id_check_digit(prefix))


def codes(entries):
    return [entry.code for entry in entries]


def empty_isic():
    """Every entry deleted, classes first (each level protects the one below it)."""
    for level in reversed(IsicLevel.values):
        IsicCode.objects.filter(level=level).delete()


# -------------------------------------------------------------------- the reference data


def test_the_file_holds_every_level_of_isic_rev4_with_a_persian_title():
    rows = list(isic_rows())
    levels = [row["level"] for row in rows]
    assert [levels.count(level) for level in IsicLevel.values] == [21, 88, 238, 419]
    assert all(row["title_fa"] and row["title_en"] for row in rows)
    by_code = {row["code"]: row for row in rows}
    for row in rows:  # each entry under the level above it, its code extending its parent's
        parent = by_code.get(row["parent_id"]) if row["parent_id"] else None
        if row["level"] == IsicLevel.SECTION:
            assert parent is None
        else:
            assert (
                parent is not None
                and IsicLevel.values.index(parent["level"]) == IsicLevel.values.index(row["level"]) - 1
            )
            if parent["level"] != IsicLevel.SECTION:
                assert row["code"].startswith(parent["code"])


def test_load_is_idempotent_counts_each_level_and_corrects_a_title_in_place():
    empty_isic()
    assert load_isic() == {"section": 21, "division": 88, "group": 238, "class": 419}
    assert IsicCode.objects.count() == 766
    assert IsicCode.objects.filter(level=IsicLevel.CLASS).count() == 419
    before = list(IsicCode.objects.values_list("code", "level", "parent", "title_fa", "title_en", "search_text"))
    assert load_isic() == {"section": 21, "division": 88, "group": 238, "class": 419}
    after = list(IsicCode.objects.values_list("code", "level", "parent", "title_fa", "title_en", "search_text"))
    assert after == before, "a second run changes nothing and adds nothing"
    IsicCode.objects.filter(code="1071").update(title_fa="عنوان اشتباه", search_text="")
    load_isic()
    bakery = IsicCode.objects.get(code="1071")
    assert bakery.title_fa.startswith("ساخت نان") and "1071" in bakery.search_text
    assert bakery.parent.code == "107" and bakery.parent.parent.code == "10" and bakery.parent.parent.parent.code == "C"


def test_load_reference_loads_it_and_says_how_many(capsys):
    empty_isic()
    call_command("load_reference")
    out = capsys.readouterr().out
    assert "21 sections, 88 divisions, 238 groups, 419 classes" in out
    assert IsicCode.objects.count() == 766


# -------------------------------------------------------------------- search in any spelling


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1071", ["1071"]),
        ("۱۰۷۱", ["1071"]),  # Persian digits
        ("١٠٧١", ["1071"]),  # Arabic-Indic digits
        ("۱۰۷", ["107", "1071", "1072", "1073", "1074", "1075", "1079"]),  # a group and its classes
        ("فرآورده‌های لبنی", ["105", "1050"]),  # as written, with ZWNJ
        ("فرآورده های لبنی", ["105", "1050"]),  # a space for the ZWNJ
        ("فرآوردههای لبنی", ["105", "1050"]),  # neither
        ("ساخت كاغذ و فرآورده‌هاي كاغذي", ["17", "170"]),  # Arabic ك and ي
        ("لبنی ساخت", ["105", "1050"]),  # the words in another order
        ("dairy", ["105", "1050"]),  # the English title
    ],
)
def test_search_finds_a_code_or_a_title_in_any_spelling(typed, expected):
    assert codes(IsicCode.objects.search(typed).order_by("code")) == expected


def test_the_picker_answers_classes_by_code_or_title_for_anyone_signed_in(world, client_as):
    url = reverse("units:isic_picker")
    for role in ("secretariat", "unit_rep", "agency_officer"):
        answer = client_as(role).get(url, {"q": "۱۰۷", "level": "class"}).json()["results"]
        assert [row["id"] for row in answer] == ["1071", "1072", "1073", "1074", "1075", "1079"]
    answer = client_as("secretariat").get(url, {"q": "نان و فرآورده‌هاي نانوايي", "level": "class"}).json()
    assert answer["results"] == [{"id": "1071", "text": str(IsicCode.objects.get(code="1071"))}]
    assert answer["results"][0]["text"].startswith("۱۰۷۱ — ")
    # Without a level the groups and divisions come too; never more than twenty.
    assert "10" in [row["id"] for row in client_as("secretariat").get(url, {"q": "10"}).json()["results"]]
    assert len(client_as("secretariat").get(url, {"q": "ساخت"}).json()["results"]) == 20


def test_the_picker_turns_away_a_visitor_who_has_not_signed_in(world, client_as):
    response = client_as("anonymous").get(reverse("units:isic_picker"), {"q": "1071"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


# -------------------------------------------------------------------- the unit list by division and group


@pytest.fixture
def classified(world):
    """Unit A a bakery (10 / 107), the neighbour a dairy (10 / 105), a plastics unit (22 / 222) in county A."""
    IndustrialUnit.objects.filter(pk=world.unit_a.pk).update(isic_class_id="1071", isic_code="1071")
    IndustrialUnit.objects.filter(pk=world.unit_a2.pk).update(isic_class_id="1050", isic_code="1050")
    plastics = IndustrialUnit.objects.create(name="پلاستیک‌سازی الف", county=world.county_a, isic_class_id="2220")
    return {"bakery": world.unit_a, "dairy": world.unit_a2, "plastics": plastics}


def names_on(page):
    text = page.content.decode()
    return {name for name in ("صنایع آزمایشی الف", "کارخانه همسایه الف", "پلاستیک‌سازی الف") if name in text}


def test_the_unit_list_filters_by_division_and_by_group(world, client_as, classified):
    client = client_as("secretariat")
    page = client.get(reverse("units:industrialunit_list"))
    text = page.content.decode()
    # The filter bar offers a searchable picker of divisions and one of groups (the page draws none of the 326):
    # what each asks for as one types lists its own level's entries by code and Persian title.
    for name, typed, code in (("isic_division", "۱۰", "10"), ("isic_group", "10", "107")):
        found = re.search(rf'data-autocomplete-url="([^"]+)">\s*<input[^>]*>\s*<select name="{name}"', text)
        assert found, name
        assert text.count("<option", found.end(), text.index("</select>", found.end())) == 1, "only «همه»"
        answers = client.get(f"{html.unescape(found.group(1))}&q={quote(typed)}").json()["results"]
        assert {"id": code, "text": str(IsicCode.objects.get(code=code))} in answers, (name, answers)
        assert {len(answer["id"]) for answer in answers} == {len(code)}, f"{name} offers its own level only"
    by_division = client.get(reverse("units:industrialunit_list"), {"isic_division": "10"})
    assert names_on(by_division) == {"صنایع آزمایشی الف", "کارخانه همسایه الف"}
    # The division chosen stays shown in its picker, by code and title.
    assert f'<option value="10" selected>{IsicCode.objects.get(code="10")}</option>' in by_division.content.decode()
    by_group = client.get(reverse("units:industrialunit_list"), {"isic_group": "107"})
    assert names_on(by_group) == {"صنایع آزمایشی الف"}
    plastics = client.get(reverse("units:industrialunit_list"), {"isic_division": "22"})
    assert names_on(plastics) == {"پلاستیک‌سازی الف"}
    # The API reads the same filter set.
    listed = client.get("/api/units/units/", {"isic_group": "105"}).json()["results"]
    assert [(row["name"], row["isic_class"], row["isic_code"]) for row in listed] == [
        ("کارخانه همسایه الف", "1050", "1050")
    ]


def test_a_units_class_links_to_the_units_of_that_class(world, client_as, classified):
    client = client_as("secretariat")
    page = client.get(world.unit_a.get_absolute_url())
    listed = client.get(link(page, text="ساخت نان"))
    assert names_on(listed) == {"صنایع آزمایشی الف"}


# -------------------------------------------------------------------- a class, not a group


def test_the_unit_form_refuses_a_group_where_a_class_is_required_and_takes_a_class_in_persian_digits(world, client_as):
    client = client_as("secretariat")
    edit = client.get(reverse("units:industrialunit_edit", kwargs={"pk": world.unit_a.pk}))
    assert "data-autocomplete-url" in edit.content.decode() and reverse("units:isic_picker") in edit.content.decode()
    refused = form(edit).submit(client, isic_class="107")
    assert refused.status_code == 400
    message = refused.content.decode()
    assert "«۱۰۷» کد یک گروه آیسیک است" in message and "نه یک رده" in message and "۱۰۷۱ — " in message
    world.unit_a.refresh_from_db()
    assert world.unit_a.isic_class_id is None
    unknown = form(edit).submit(client, isic_class="9998")
    assert "«۹۹۹۸» در طبقه‌بندی ISIC ویرایش ۴ نیست" in unknown.content.decode()
    saved = form(edit).submit(client, isic_class="۱۰۷۱")
    assert saved.status_code == 302
    world.unit_a.refresh_from_db()
    assert (world.unit_a.isic_class_id, world.unit_a.isic_code) == ("1071", "1071")
    # Taking the class away takes the code that followed it.
    edit = client.get(reverse("units:industrialunit_edit", kwargs={"pk": world.unit_a.pk}))
    assert form(edit).data["isic_class"] == ["1071"], "the chosen class is drawn with the form"
    assert form(edit).submit(client, isic_class="").status_code == 302
    world.unit_a.refresh_from_db()
    assert (world.unit_a.isic_class_id, world.unit_a.isic_code) == (None, "")


def test_a_longer_national_code_under_the_chosen_class_is_kept():
    unit = IndustrialUnit(name="نانوایی صنعتی", isic_code="107111")
    unit.isic_class_id = "1071"
    unit.derive(product_names=[])
    assert unit.isic_code == "107111"
    unit.isic_class_id = "1050"
    unit.derive(product_names=[])
    assert unit.isic_code == "1050"


def test_the_product_form_refuses_a_division(world, client_as):
    client = client_as("secretariat")
    add = client.get(reverse("units:product_add"))
    refused = form(add).submit(client, unit=world.unit_a.pk, name="کارتن", capacity_unit="ton", isic_class="17")
    assert "«۱۷» کد یک قسمت آیسیک است" in refused.content.decode()
    assert not Product.objects.filter(name="کارتن").exists()
    saved = form(add).submit(client, unit=world.unit_a.pk, name="کارتن", capacity_unit="ton", isic_class="1702")
    assert saved.status_code == 302
    assert Product.objects.get(name="کارتن").isic_class_id == "1702"


def test_the_api_refuses_a_group_and_takes_a_class_in_any_digits(world, api_as):
    client = api_as("secretariat")
    url = f"/api/units/units/{world.unit_a.pk}/"
    refused = client.patch(url, {"isic_class": "107"}, format="json")
    assert refused.status_code == 400
    assert "کد یک گروه آیسیک است" in refused.json()["isic_class"][0]
    taken = client.patch(url, {"isic_class": "۱۰۷۱"}, format="json")
    assert taken.status_code == 200
    assert (taken.json()["isic_class"], taken.json()["isic_code"]) == ("1071", "1071")
    assert taken.json()["isic_title"] == IsicCode.objects.get(code="1071").title_fa
    product = client.post(
        "/api/units/products/",
        {"unit": world.unit_a.pk, "name": "نان حجیم", "capacity_unit": "ton", "isic_class": "C"},
        format="json",
    )
    assert product.status_code == 400 and "کد یک بخش آیسیک است" in product.json()["isic_class"][0]


# -------------------------------------------------------------------- the import column


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["نام واحد", "شناسه ملی", "شهرستان", "رده آیسیک"])
        writer.writerows(rows)
    return path


def test_the_import_reads_a_class_and_refuses_a_group_naming_the_row_and_column(world, tmp_path):
    one, two = valid_id("1051234511"), valid_id("1051234512")
    bad = write_csv(
        tmp_path / "bad.csv", [["نانوایی یک", one, "شهرستان الف", "۱۰۷۱"], ["لبنیات دو", two, "شهرستان الف", "105"]]
    )
    result = Importer().run(str(bad), "bad.csv")
    assert [(e.row, e.column) for e in result.errors] == [(3, "کد آیسیک")]
    assert "«۱۰۵» کد یک گروه آیسیک است" in result.errors[0].message
    assert not IndustrialUnit.objects.filter(national_id__in=(one, two)).exists(), "all or nothing"
    good = write_csv(
        tmp_path / "good.csv", [["نانوایی یک", one, "شهرستان الف", "۱۰۷۱"], ["لبنیات دو", two, "شهرستان الف", "1050"]]
    )
    result = Importer().run(str(good), "good.csv")
    assert result.errors == [] and result.created == 2
    assert dict(IndustrialUnit.objects.filter(national_id__in=(one, two)).values_list("name", "isic_class")) == {
        "نانوایی یک": "1071",
        "لبنیات دو": "1050",
    }
    assert IndustrialUnit.objects.get(national_id=one).isic_code == "1071"
    again = Importer().run(str(good), "good.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2), "the same file changes nothing"
    changed = write_csv(tmp_path / "changed.csv", [["نانوایی یک", one, "شهرستان الف", "1079"]])
    result = Importer().run(str(changed), "changed.csv")
    assert result.updated == 1
    assert IndustrialUnit.objects.filter(national_id=one).values_list("isic_class", "isic_code").get() == (
        "1079",
        "1079",
    )
