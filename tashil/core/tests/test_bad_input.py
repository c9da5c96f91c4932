"""Bad input, of every kind a person or a file can bring: refused with a Persian message naming it, never a
crash, never a half-written change, and text that looks like code stays text on every page, export and PDF."""

import csv
import datetime
import io
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tashil.core.jalali import parse_jalali
from tashil.core.validators import validate_mobile, validate_national_id, validate_person_code
from tashil.units.importer import COLUMNS, Importer, ImportFileError
from tashil.units.models import IndustrialUnit

# Property tests: whatever is typed, the parser answers with a value or a Persian ValidationError.

TYPED = st.text(alphabet=st.sampled_from(list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩/-. abcتیر+")), max_size=14)


@given(TYPED)
def test_jalali_parsing_answers_a_date_or_a_persian_error(text):
    try:
        value = parse_jalali(text)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
    else:
        assert value is None or isinstance(value, datetime.date)


@given(TYPED)
@pytest.mark.parametrize("validate", [validate_mobile, validate_national_id, validate_person_code])
def test_identifier_validators_refuse_in_persian_and_never_crash(validate, text):
    try:
        validate(text)
    except ValidationError as error:
        message = error.messages[0]
        assert any("\u0600" <= ch <= "\u06ff" for ch in message), message


CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["فعال", "نیمه فعال", "بله", "خیر", "=HYPERLINK(1)", "۱۴۰۳/۱۳/۰۱", "1403-07-23", "تهران"]),
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=len(COLUMNS) + 2), min_size=1, max_size=6))
def test_the_importer_reports_mangled_rows_and_never_crashes(world, rows):
    header = [label for label, _aliases in COLUMNS.values()]
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    before = IndustrialUnit.objects.count()
    result = Importer(user=world.users["secretariat"], dry_run=True).run(
        io.BytesIO(handle.getvalue().encode()), "x.csv"
    )
    assert IndustrialUnit.objects.count() == before, "a check writes nothing"
    for error in result.errors:
        assert error.row >= 2 and error.column and error.message.strip()


def test_a_nul_byte_in_any_cell_is_a_row_error_not_a_crash(world):
    """Found by the test above on PostgreSQL, which refuses NUL even in a lookup (a national ID of "\\x00")."""
    header = [label for label, _aliases in COLUMNS.values()]
    for column in COLUMNS:
        handle = io.StringIO()
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(["\x00" if key == column else "" for key in COLUMNS])
        result = Importer(user=world.users["secretariat"], dry_run=True).run(
            io.BytesIO(handle.getvalue().encode()), "x.csv"
        )
        assert result.errors and all(error.row == 2 and error.message.strip() for error in result.errors), column


# Files that are not what they claim to be.


def test_a_broken_xlsx_is_named_in_persian(world):
    with pytest.raises(ImportFileError, match="فایل اکسل خوانا نیست"):
        Importer(user=world.users["secretariat"]).run(io.BytesIO(b"PK\x03\x04 broken zip"), "units.xlsx")


def test_a_csv_in_another_encoding_is_named_in_persian(world):
    data = "نام واحد,شهرستان\nکارخانه,شهرستان الف\n".encode("cp1256")
    with pytest.raises(ImportFileError, match="UTF-8"):
        Importer(user=world.users["secretariat"]).run(io.BytesIO(data), "units.csv")


@pytest.mark.django_db
def test_an_oversized_or_wrongly_typed_upload_is_refused(world, client_as, settings):
    from tashil.units.forms import ImportForm

    client = client_as("secretariat")
    url = reverse("units:industrialunit_import")
    response = client.post(url, {"file": SimpleUploadedFile("units.exe", b"MZ...", "application/octet-stream")})
    assert response.status_code == 400 and "XLSX" in response.content.decode()
    big = SimpleUploadedFile("units.csv", b"x" * (ImportForm.MAX_BYTES + 1), "text/csv")
    response = client.post(url, {"file": big})
    assert response.status_code == 400 and "مگابایت" in response.content.decode()


@pytest.mark.django_db
def test_a_photo_of_the_wrong_type_or_too_large_is_refused_naming_it(world, client_as, settings):
    import io as bytes_io

    from PIL import Image

    def image(name, fmt, size=(8, 8)):
        buffer = bytes_io.BytesIO()
        Image.new("RGB", size, (200, 10, 10)).save(buffer, format=fmt)
        return SimpleUploadedFile(name, buffer.getvalue(), f"image/{fmt.lower()}")

    product = world.product_a
    original = product.photo.name
    url = reverse("units:product_edit", kwargs={"pk": product.pk})
    client = client_as("secretariat")
    form = {
        "unit": product.unit_id,
        "name": product.name,
        "annual_capacity": "",
        "capacity_unit": product.capacity_unit,
        "description": "",
    }
    response = client.post(url, {**form, "photo": image("label.bmp", "BMP")})
    assert response.status_code == 400 and "نوع تصویر «label.bmp» پذیرفته نیست" in response.content.decode()
    settings.TASHIL_IMAGE_MAX_MB = 0
    response = client.post(url, {**form, "photo": image("big.png", "PNG", (64, 64))})
    assert "تصویر «big.png» بزرگ‌تر از ۰ مگابایت است" in response.content.decode() or (
        "تصویر «big.png» بزرگ‌تر از 0 مگابایت است" in response.content.decode()
    )
    product.refresh_from_db()
    assert product.photo.name == original, "nothing stored"
    settings.TASHIL_IMAGE_MAX_MB = 5
    response = client.post(url, {**form, "photo": image("label.png", "PNG")})
    assert response.status_code == 302, response.context["form"].errors
    product.refresh_from_db()
    assert product.photo.name != original and product.photo.name.endswith(".png")


# Text that looks like code.

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_markup_typed_into_a_field_stays_text_on_pages_and_the_api(world, client_as, api_as):
    unit = world.unit_a
    unit.name = f"واحد {SCRIPT}"
    unit.activity = SCRIPT
    unit.save()
    for path in (unit.get_absolute_url(), "/registry/units/", f"/directory/units/{unit.pk}/", "/directory/units/"):
        page = client_as("secretariat").get(path).content.decode()
        assert "<script>alert" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", ""), path
        assert "&lt;script&gt;" in page, path
    data = api_as("secretariat").get(reverse("api:industrialunit-detail", kwargs={"pk": unit.pk})).json()
    assert data["name"] == f"واحد {SCRIPT}", "the API returns the text as typed (JSON, not HTML)"


@pytest.mark.django_db
def test_formulas_typed_into_a_field_are_inert_in_exports(world, client_as):
    unit = world.unit_a
    unit.name = '=HYPERLINK("http://evil.example","click")'
    unit.save()
    response = client_as("secretariat").get("/registry/units/?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


@pytest.mark.django_db
def test_markup_is_printed_as_text_in_the_minutes_pdf(world, tmp_path):
    from tashil.meetings.minutes import render_minutes

    agenda = world.agenda_a
    agenda.title = f"بند {SCRIPT}"
    agenda.save()
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(render_minutes(world.meeting_a))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # In a right-to-left line the viewer mirrors < and > (bidi mirroring): compare with both folded to <.
    assert '<script<alert("x")</script' in text.replace(">", "<"), "the PDF prints the characters typed as text"
