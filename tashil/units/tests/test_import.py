"""The spreadsheet import: header and value variants, every refusal, all-or-nothing, idempotence."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from tashil.core.models import ChangeLogEntry
from tashil.core.testing.tasks import run_queued_tasks
from tashil.core.validators import national_id_check_digit
from tashil.units.choices import StatusChangeSource, UnitStatus
from tashil.units.importer import Importer, ImportFileError
from tashil.units.models import IndustrialUnit, UnitStatusChange


def valid_id(prefix):
    return prefix + str(national_id_check_digit(prefix))


ID1, ID2, ID3 = valid_id("1051234501"), valid_id("1051234502"), valid_id("1051234503")
HEADER = [
    "نام واحد",
    "شناسه ملي",  # Arabic yeh
    "شماره پروانه بهره برداری",  # space instead of ZWNJ
    "تاریخ پروانه",
    "استان",
    "شهرستان",
    "شهرک یا ناحیه صنعتی",
    "كد آيسيك",  # Arabic kaf and yeh
    "فعالیت",
    "وضعیت",
    "تعداد کارکنان",
    "درصد بهره‌برداری از ظرفیت",
    "دانش‌بنیان",
    "مدیرعامل",
    "موبایل",
    "عرض جغرافیایی",
    "طول جغرافیایی",
    "تاریخ آخرین بروزرسانی",
    "ستون اضافی",
]


def rows(world):
    return [
        [
            "صنايع نمونه يك",
            ID1,
            "",
            "1400/7/3",
            "استان الف",
            "شهرستان الف",
            "شهرک صنعتی الف",
            "۱۰۷۱",
            "نان",
            "فعال",
            "۳۵",
            "۸۰",
            "بله",
            "مدیر یک",
            "۰۹۱۲۱۲۳۴۵۶۷",
            "35.5",
            "51.7",
            "۱۴۰۴/۰۱/۱۰",
            "هرچه",
        ],
        [
            "صنایع نمونه دو",
            ID2,
            "پ-۲۲",
            "۱۴۰۰/۰۷/۰۳",
            "",
            "شهرستان الف",
            "",
            "2220",
            "پلاستیک",
            "نیمه فعال",
            "12",
            "",
            "خیر",
            "مدیر دو",
            "+98 912 765 4321",
            "",
            "",
            "1400-07-03",
            "",
        ],
        [
            "صنایع نمونه سه",
            "",
            "پ-۳۳",
            "",
            "استان الف",
            "شهرستان الف دو",
            "",
            "",
            "",
            "غیر فعال",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]


def xlsx(tmp_path, header, data, name="units.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in data:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def csv_file(tmp_path, header, data, encoding="utf-8-sig", name="units.csv"):
    path = tmp_path / name
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(data)
    return path


def run(path, **options):
    return Importer(**options).run(str(path), str(path))


def test_variants_of_headers_digits_letters_statuses_and_dates_import(world, tmp_path):
    result = run(xlsx(tmp_path, HEADER, rows(world)))
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert result.unknown_columns == ["ستون اضافی"]
    one = IndustrialUnit.objects.get(national_id=ID1)
    assert one.name == "صنایع نمونه یک"  # letters folded to Persian
    assert one.isic_code == "1071" and one.employees == 35 and one.utilisation == 80 and one.knowledge_based
    assert one.zone == world.zone_a and one.county == world.county_a and one.mobile == "09121234567"
    assert one.licence_date.isoformat() == "2021-09-25"
    two = IndustrialUnit.objects.get(national_id=ID2)
    assert two.status == UnitStatus.SEMI_ACTIVE and two.zone is None and two.mobile == "09127654321"
    assert two.licence_date == one.licence_date == two.last_verified
    three = IndustrialUnit.objects.get(licence_number="پ-33")
    assert three.status == UnitStatus.INACTIVE and three.county == world.county_a2
    (change,) = UnitStatusChange.objects.filter(unit=three, source=StatusChangeSource.IMPORT)
    assert (change.from_status, change.to_status, change.reason) == (
        "",
        UnitStatus.INACTIVE,
        "ثبت واحد با ورود از فایل",
    )
    (entry,) = ChangeLogEntry.objects.filter(object_id=three.pk, content_type__model="industrialunit")
    assert (entry.action, entry.object_repr, entry.source, entry.changes) == ("create", three.name, "import", [])


def test_reimporting_the_same_file_changes_nothing(world, tmp_path):
    path = xlsx(tmp_path, HEADER, rows(world))
    run(path)
    logged, history = ChangeLogEntry.objects.count(), UnitStatusChange.objects.count()
    result = run(path)
    assert (result.created, result.updated, result.unchanged, result.error_rows) == (0, 0, 3, 0)
    assert ChangeLogEntry.objects.count() == logged and UnitStatusChange.objects.count() == history


def test_an_update_records_field_changes_and_a_status_change_from_import(world, tmp_path):
    header = ["نام واحد", "شناسه ملی", "وضعیت", "تعداد کارکنان"]
    result = run(xlsx(tmp_path, header, [[world.unit_a.name, world.unit_a.national_id, "نیمه‌فعال", "۴۴"]]))
    assert (result.created, result.updated) == (0, 1)
    world.unit_a.refresh_from_db()
    assert world.unit_a.status == UnitStatus.SEMI_ACTIVE and world.unit_a.employees == 44
    assert world.unit_a.zone == world.zone_a, "an absent column leaves the field as it was"
    change = world.unit_a.status_changes.latest("pk")
    assert change.reason == "ورود از فایل" and change.source == StatusChangeSource.IMPORT
    # As on the pages: the fields' update, then the status's update and its readable event.
    entries = ChangeLogEntry.objects.filter(object_id=world.unit_a.pk, content_type__model="industrialunit")
    fields, status, event = entries.order_by("-pk")[:3][::-1]
    assert {c["field"]: c["new"] for c in fields.changes}["employees"] == "۴۴"
    assert [c["field"] for c in status.changes] == ["status"] and status.action == "update"
    assert event.action == "event" and "ورود از فایل" in event.message


BAD_ROWS = [
    # (row values over a minimal header, column, fragment of the message)
    (["بد یک", "10380284791", "شهرستان الف", "", "فعال"], "شناسه ملی", "رقم کنترل"),
    (["بد دو", valid_id("1051234510"), "شهرستان ناموجود", "", "فعال"], "شهرستان", "شناخته نیست"),
    (["بد سه", valid_id("1051234511"), "شهرستان الف", "120", "فعال"], "درصد بهره‌برداری از ظرفیت", "بین ۰ و ۱۰۰"),
    (["بد چهار", valid_id("1051234512"), "شهرستان الف", "", "نیمه‌کاره"], "وضعیت", "وضعیت «نیمه‌کاره» شناخته نیست"),
    (["بد پنج", "", "شهرستان الف", "", "فعال"], "شناسه ملی", "نه شناسه ملی دارد نه شماره پروانه"),
]


@pytest.mark.parametrize(("values", "column", "fragment"), BAD_ROWS)
def test_each_bad_row_is_reported_by_row_column_and_message_and_nothing_is_written(
    world, tmp_path, values, column, fragment
):
    header = ["نام واحد", "شناسه ملی", "شهرستان", "درصد بهره‌برداری از ظرفیت", "وضعیت"]
    good = ["واحد درست", ID3, "شهرستان الف", "50", "فعال"]
    result = run(xlsx(tmp_path, header, [good, values]))
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert fragment in result.errors[0].message
    assert not result.written and result.created == 0
    assert not IndustrialUnit.objects.filter(national_id=ID3).exists(), "all or nothing"


def test_impossible_date_unknown_zone_bad_mobile_and_bad_boolean(world, tmp_path):
    header = ["نام واحد", "شناسه ملی", "شهرستان", "تاریخ پروانه", "شهرک صنعتی", "موبایل", "دانش بنیان"]
    data = [
        ["الف", valid_id("1051234520"), "شهرستان الف", "1403/12/31", "", "", ""],
        ["ب", valid_id("1051234521"), "شهرستان الف", "", "شهرک ناموجود", "", ""],
        ["پ", valid_id("1051234522"), "شهرستان الف", "", "", "۰۲۱۱۲۳", ""],
        ["ت", valid_id("1051234523"), "شهرستان الف", "", "", "", "شاید"],
    ]
    result = run(xlsx(tmp_path, header, data))
    by_row = {e.row: (e.column, e.message) for e in result.errors}
    assert by_row[2][0] == "تاریخ پروانه" and "۳۰ روز دارد" in by_row[2][1]
    assert by_row[3][0] == "شهرک یا ناحیه صنعتی" and "ثبت نشده" in by_row[3][1]
    assert by_row[4][0] == "موبایل" and "شماره همراه" in by_row[4][1]
    assert by_row[5][0] == "دانش‌بنیان" and "بله" in by_row[5][1]
    assert IndustrialUnit.objects.count() == 3


def test_each_row_is_cleaned_by_the_form_and_the_model(world, tmp_path):
    """A row goes through the unit form's public API (is_valid, then save(commit=False)): an over-long name,
    a bad e-mail and a count past any database's integer are refused, each in its own column. The model skips
    only the fields whose form field ran the same validators: a national ID's check digit, a utilisation's
    range, a status or a mobile are still the model's to check."""
    from tashil.units.importer import COLUMNS, ImportUnitForm

    repeated = ImportUnitForm.for_columns(set(COLUMNS)).repeated
    assert {"name", "email", "address"} <= repeated
    assert not repeated & {"national_id", "utilisation", "employees", "status", "mobile", "knowledge_based"}
    header = ["نام واحد", "شناسه ملی", "شهرستان", "رایانامه", "تعداد کارکنان"]
    data = [
        ["و" * 201, valid_id("1051234530"), "شهرستان الف", "", ""],
        ["واحد دو", valid_id("1051234531"), "شهرستان الف", "نه-رایانامه", ""],
        ["واحد سه", valid_id("1051234532"), "شهرستان الف", "", "1" + "0" * 19],  # past any database's integer
    ]
    result = run(xlsx(tmp_path, header, data))
    by_row = {e.row: e.column for e in result.errors}
    assert by_row == {2: "نام واحد", 3: "رایانامه", 4: "تعداد کارکنان"}, result.errors
    assert not result.written and IndustrialUnit.objects.filter(name="واحد دو").count() == 0


def test_the_same_identity_twice_in_one_file(world, tmp_path):
    header = ["نام واحد", "شناسه ملی", "شهرستان"]
    result = run(xlsx(tmp_path, header, [["یک", ID1, "شهرستان الف"], ["دو", "۱" + ID1[1:], "شهرستان الف"]]))
    assert len(result.errors) == 1 and result.errors[0].row == 3
    assert "ردیف ۲ همین فایل" in result.errors[0].message


def test_partial_writes_the_good_rows(world, tmp_path):
    header = ["نام واحد", "شناسه ملی", "شهرستان"]
    data = [["خوب", ID1, "شهرستان الف"], ["بد", "123", "شهرستان الف"], ["خوب دو", ID2, "شهرستان الف"]]
    result = run(xlsx(tmp_path, header, data), partial=True)
    assert result.written and result.created == 2 and result.error_rows == 1
    assert IndustrialUnit.objects.filter(national_id__in=[ID1, ID2]).count() == 2


def test_dry_run_writes_nothing_but_reports_what_would_happen(world, tmp_path):
    result = run(xlsx(tmp_path, HEADER, rows(world)), dry_run=True)
    assert result.created == 3 and not result.written
    assert not IndustrialUnit.objects.filter(national_id=ID1).exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_csv_with_or_without_bom(world, tmp_path, encoding):
    result = run(csv_file(tmp_path, HEADER, rows(world), encoding=encoding))
    assert result.errors == [] and result.created == 3


def test_csv_in_a_windows_encoding_gets_a_clear_message(world, tmp_path):
    # Windows-1256 (what older Excel saves as "CSV") has the Arabic letters only.
    path = csv_file(tmp_path, ["نام واحد", "شناسه ملي"], [["صنايع", ID1]], encoding="cp1256")
    with pytest.raises(ImportFileError, match="UTF-8"):
        run(path)


def test_a_broken_xlsx_and_a_wrong_file_type(world, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFileError, match="آسیب دیده"):
        run(broken)
    text = tmp_path / "units.txt"
    text.write_text("name")
    with pytest.raises(ImportFileError, match="XLSX یا CSV"):
        run(text)


def test_a_file_without_the_name_column(world, tmp_path):
    with pytest.raises(ImportFileError, match="نام واحد"):
        run(xlsx(tmp_path, ["شناسه ملی"], [[ID1]]))


def test_a_user_cannot_import_outside_their_scope(world, tmp_path):
    header = ["نام واحد", "شناسه ملی", "شهرستان"]
    result = run(
        xlsx(tmp_path, header, [["بیرونی", ID1, "شهرستان ب"], [world.unit_b.name, world.unit_b.national_id, ""]]),
        user=world.users["secretariat"],
    )
    assert [e.row for e in result.errors] == [2, 3]
    assert "بیرون از حوزه" in result.errors[1].message


def test_the_exported_list_imports_back_unchanged(world, client_as, tmp_path):
    response = client_as("secretariat").get("/registry/units/?export=xlsx")
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    result = run(path, user=world.users["secretariat"])
    assert result.errors == []
    assert result.unchanged == IndustrialUnit.objects.filter(county=world.county_a).count()
    assert result.created == result.updated == 0


def test_the_command_prints_errors_and_a_summary_and_exits_non_zero(world, tmp_path, capsys):
    header = ["نام واحد", "شناسه ملی", "شهرستان"]
    bad = xlsx(tmp_path, header, [["خوب", ID1, ""], ["بد", "123", ""]], name="bad.xlsx")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_units", str(bad), county="شهرستان الف")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "ردیف 3 — شناسه ملی" in out
    assert out.strip().endswith("created 0, updated 0, unchanged 0, errors 1")
    good = xlsx(tmp_path, header, [["خوب", ID1, ""]], name="good.xlsx")
    call_command("import_units", str(good), "--dry-run", county="شهرستان الف")
    assert not IndustrialUnit.objects.filter(national_id=ID1).exists()
    call_command("import_units", str(good), county="شهرستان الف")
    assert capsys.readouterr().out.strip().endswith("created 1, updated 0, unchanged 0, errors 0")
    assert IndustrialUnit.objects.get(national_id=ID1).county == world.county_a


def test_upload_page_checks_in_the_background_then_applies(
    world, client_as, tmp_path, django_capture_on_commit_callbacks
):
    client = client_as("province_secretariat")  # the file spans two counties of province A
    path = xlsx(tmp_path, HEADER, rows(world))
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = client.post("/registry/units/import/", {"file": handle})
    assert response.status_code == 302
    job_url = response["Location"]
    assert "در صف بررسی" in client.get(job_url).content.decode()
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    assert 'data-status="previewed"' in page and 'data-testid="apply-import"' in page
    assert not IndustrialUnit.objects.filter(national_id=ID1).exists(), "the check writes nothing"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url + "apply/")
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    assert 'data-status="applied"' in page
    assert IndustrialUnit.objects.filter(national_id__in=[ID1, ID2]).count() == 2
    entry = ChangeLogEntry.objects.filter(object_id=IndustrialUnit.objects.get(national_id=ID1).pk).first()
    assert entry.user == world.users["province_secretariat"] and entry.source == "import"


def test_a_file_with_bad_rows_cannot_be_applied_unless_partial(
    world, client_as, tmp_path, django_capture_on_commit_callbacks
):
    client = client_as("secretariat")
    path = xlsx(tmp_path, ["نام واحد", "شناسه ملی", "شهرستان"], [["بد", "123", "شهرستان الف"]])
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post("/registry/units/import/", {"file": handle})["Location"]
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    assert "۱۱ رقم" in page and 'data-testid="apply-import"' not in page
    client.post(job_url + "apply/")
    assert "آماده ثبت نیست" in client.get(job_url).content.decode()


def test_the_upload_refuses_other_file_types_in_persian(world, client_as):
    upload = io.BytesIO(b"hello")
    upload.name = "units.pdf"
    response = client_as("secretariat").post("/registry/units/import/", {"file": upload})
    assert response.status_code == 400
    assert "نه XLSX است نه CSV" in response.content.decode()


@pytest.mark.parametrize("outside", ["خارج از شهرک", "خارج از شهرک صنعتی", "خارج از شهرک‌ها و نواحی صنعتی"])
def test_a_unit_outside_every_zone(world, tmp_path, outside):
    """The documented «خارج از شهرک» clears the zone: a new unit has none, an existing one leaves its zone."""
    header = ["نام واحد", "شناسه ملی", "شهرستان", "شهرک یا ناحیه صنعتی"]
    data = [["بیرون از شهرک", ID1, "شهرستان الف", outside], [world.unit_a.name, world.unit_a.national_id, "", outside]]
    result = run(xlsx(tmp_path, header, data))
    assert result.errors == [] and (result.created, result.updated) == (1, 1)
    assert IndustrialUnit.objects.get(national_id=ID1).zone is None
    world.unit_a.refresh_from_db()
    assert world.unit_a.zone is None


def test_every_error_of_a_row_is_reported_in_the_preview_and_the_command(
    world, client_as, tmp_path, django_capture_on_commit_callbacks, capsys
):
    """A row with several bad columns gets one message per column, so the person fixes the row once."""
    header = ["نام واحد", "شناسه ملی", "شهرستان", "درصد بهره‌برداری از ظرفیت", "وضعیت", "تاریخ پروانه"]
    data = [
        ["دو ستون بد", ID1, "شهرستان الف", "120", "نیمه‌کاره", ""],
        ["بی‌شناسه", "", "شهرستان الف", "", "", "1403/12/31"],
    ]
    path = xlsx(tmp_path, header, data)
    result = run(path)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "وضعیت"),
        (2, "درصد بهره‌برداری از ظرفیت"),
        (3, "شناسه ملی"),
        (3, "تاریخ پروانه"),
    ], result.errors
    with pytest.raises(SystemExit):
        call_command("import_units", str(path))
    out = capsys.readouterr().out
    assert "ردیف 2 — وضعیت" in out and "ردیف 2 — درصد بهره‌برداری از ظرفیت" in out
    assert "ردیف 3 — تاریخ پروانه" in out
    client = client_as("secretariat")
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post("/registry/units/import/", {"file": handle})["Location"]
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    assert "بین ۰ و ۱۰۰" in page and "وضعیت «نیمه‌کاره» شناخته نیست" in page and "۳۰ روز دارد" in page


def test_a_refused_file_names_the_option_the_upload_page_has(
    world, client_as, tmp_path, django_capture_on_commit_callbacks
):
    """The refused preview points to what the person can do: its link opens the upload page, where the option
    it quotes is a checkbox, and uploading again with it writes the good rows."""
    import re

    client = client_as("secretariat")
    path = xlsx(tmp_path, ["نام واحد", "شناسه ملی", "شهرستان"], [["خوب", ID1, "شهرستان الف"], ["بد", "123", ""]])
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post("/registry/units/import/", {"file": handle})["Location"]
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    alert = re.search(r'data-testid="import-refused">(.*?)</div>', page, re.S).group(1)
    upload_url = re.search(r'href="([^"]+)"', alert).group(1)
    label = re.search(r'data-testid="partial-label">([^<]+)<', alert).group(1)
    upload_page = client.get(upload_url).content.decode()
    checkbox = re.search(r'<label[^>]*for="(id_[a-z_]+)"[^>]*>\s*' + re.escape(label), upload_page)
    assert checkbox and 'type="checkbox" name="partial"' in upload_page and f'id="{checkbox.group(1)}"' in upload_page
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post(upload_url, {"file": handle, checkbox.group(1).removeprefix("id_"): "on"})["Location"]
    run_queued_tasks()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url + "apply/")
    run_queued_tasks()
    assert IndustrialUnit.objects.filter(national_id=ID1).exists()


def test_the_preview_shows_each_field_an_update_changes_old_and_new(
    world, client_as, tmp_path, django_capture_on_commit_callbacks
):
    """Before pressing «ثبت» the person sees what the file overwrites: employees ۳۰ ← ۴۴, the status, the
    zone cleared; fields the file leaves as they are are not listed."""
    import re

    header = ["نام واحد", "شناسه ملی", "وضعیت", "تعداد کارکنان", "شهرک یا ناحیه صنعتی"]
    path = xlsx(tmp_path, header, [[world.unit_a.name, world.unit_a.national_id, "نیمه‌فعال", "۴۴", "خارج از شهرک"]])
    client = client_as("secretariat")
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post("/registry/units/import/", {"file": handle})["Location"]
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    listed = re.search(r'data-testid="import-changes">(.*?)</ul>', page, re.S).group(1)
    changes = [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li>(.*?)</li>", listed)]
    assert sorted(changes) == sorted(
        [
            "تعداد کارکنان: ۳۰ ← ۴۴",
            f"شهرک یا ناحیه صنعتی: {world.zone_a} ← —",
            "وضعیت: فعال ← نیمه‌فعال",
        ]
    ), changes
    world.unit_a.refresh_from_db()
    assert world.unit_a.employees == 30, "the preview writes nothing"


def test_the_template_sheet_linked_from_the_upload_page_imports_as_it_is(
    world, client_as, tmp_path, django_capture_on_commit_callbacks
):
    """The person follows the upload page's link to the template, and uploads it back untouched: its headers
    are all read and its example row is created, in a county of their own."""
    import re

    from openpyxl import load_workbook

    from tashil.units.importer import COLUMNS

    client = client_as("secretariat")
    upload_page = client.get("/registry/units/import/").content.decode()
    template_url = re.search(r'href="([^"]+)"[^>]*data-testid="import-template"', upload_page).group(1)
    response = client.get(template_url)
    assert response.status_code == 200 and response["Content-Disposition"].endswith(".xlsx")
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    header, example = load_workbook(path, read_only=True).active.iter_rows(values_only=True)
    assert list(header) == [label for label, _aliases in COLUMNS.values()]
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post("/registry/units/import/", {"file": handle})["Location"]
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    assert 'data-testid="apply-import"' in page and "ستون‌های ناشناخته" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url + "apply/")
    run_queued_tasks()
    unit = IndustrialUnit.objects.get(name=example[0])
    assert unit.county == world.county_a and unit.zone is None and unit.employees == 25 and unit.email


def test_a_units_constraints_are_its_identities():
    """A unit checked in bulk (the import, which checks identities per batch and across the file) skips its
    constraints' per-row queries: that is right only while every constraint is on an identity."""
    for constraint in IndustrialUnit._meta.constraints:
        assert set(constraint.fields) <= {"national_id", "licence_number"}, constraint.name


def test_validating_rows_leaves_the_shared_fields_as_they_were(world):
    """The fields of one file's forms are shared between its rows (``ImportUnitForm.file_fields``): validation,
    good row or bad, must not change them, or a row would be judged by the row before it."""
    import copy

    from tashil.units.importer import ImportUnitForm

    form_class = ImportUnitForm.for_columns({"name", "employees", "email", "licence_date"})
    form_class(instance=IndustrialUnit())  # what a form sets on its fields when built (the same every time)
    before = {name: copy.copy(vars(field)) for name, field in form_class.file_fields.items()}
    rows = [
        {"name": "واحد", "county": world.county_a, "status": "active", "employees": "۱۲", "licence_date": "۱۴۰۰/۰۱/۰۱"},
        {"name": "", "county": None, "status": "nope", "employees": "x", "email": "bad", "licence_date": "1403/12/31"},
    ]
    outcomes = []
    for data in rows:
        unit = IndustrialUnit()
        unit.checked_in_bulk = True
        form = form_class(data, instance=unit)
        outcomes.append(form.is_valid())
        assert all(form.fields[name] is field for name, field in form_class.file_fields.items())
    assert outcomes == [True, False]
    assert {name: vars(field) for name, field in form_class.file_fields.items()} == before
