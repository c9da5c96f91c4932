"""The import of past obstacles with their referrals: every refusal named by row and column, all-or-nothing,
--partial, idempotence by the natural key, scope, quiet writes, and a messy sheet of the kind provinces keep."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import Workbook

from tashil.core.models import ChangeLogEntry
from tashil.core.testing.tasks import run_queued_tasks
from tashil.notifications.models import Notification
from tashil.obstacles.choices import EventKind, ObstacleStatus, Outcome, ReferralStatus, Source
from tashil.obstacles.importer import COLUMNS, PastObstacleImporter
from tashil.obstacles.models import Obstacle, Referral

HEADER = [
    "شناسه ملی واحد",
    "گروه مانع",
    "عنوان مانع",
    "تاریخ طرح",
    "وضعیت مانع",
    "تاریخ بستن",
    "دستگاه ارجاع",
    "تاریخ ارجاع",
    "مهلت پاسخ",
    "وضعیت ارجاع",
    "پاسخ دستگاه",
    "تاریخ پاسخ",
]


def good_rows(world):
    return [
        # resolved, its referral done
        [world.unit_a.national_id, "FIN01", "تمدید تسهیلات", "1402/03/15", "رفع‌شده", "1402/05/01",
         "اداره مالیات الف", "1402/03/20", "1402/04/10", "انجام‌شده", "بخشودگی جرایم", "1402/04/25"],
        # still referred, its referral unanswered and long overdue
        [world.unit_a2.national_id, world.group_tax.name, "برگ تشخیص ۱۴۰۱", "1402/06/01", "", "",
         "اداره مالیات الف", "1402/06/02", "1402/06/20", "", "", ""],
        # the same obstacle, referred to a second agency
        [world.unit_a2.national_id, world.group_tax.name, "برگ تشخیص ۱۴۰۱", "1402/06/01", "", "",
         "اداره برق الف", "1402/06/03", "", "پذیرفته‌شده", "", "1402/06/10"],
        # registered, never referred
        [world.unit_a.national_id, "FIN01", "کمبود نقدینگی", "1401/11/11", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip


def xlsx(tmp_path, header, data, name="past.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in data:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def run(path, **options):
    return PastObstacleImporter(**options).run(str(path), str(path))


def imported():
    return Obstacle.objects.filter(source=Source.IMPORT)


def test_past_obstacles_and_their_referrals_are_written_as_the_pages_write_them(world, tmp_path):
    result = run(xlsx(tmp_path, HEADER, good_rows(world)), user=world.users["secretariat"])
    assert result.errors == [] and result.written
    assert (result.created, result.updated, result.unchanged) == (3, 1, 0)
    resolved = imported().get(title="تمدید تسهیلات")
    assert resolved.status == ObstacleStatus.RESOLVED and resolved.outcome == Outcome.RESOLVED
    assert resolved.closed_date == datetime.date(2023, 7, 23) and resolved.reported_date == datetime.date(2023, 6, 5)
    assert (
        resolved.county == world.county_a
        and resolved.search_text
        and resolved.reported_by == world.users["secretariat"]
    )
    (referral,) = resolved.referrals.all()
    assert referral.status == ReferralStatus.DONE and referral.first_response_date == datetime.date(2023, 7, 16)
    kinds = list(resolved.events.order_by("created").values_list("kind", flat=True))
    assert kinds == [EventKind.CREATED, EventKind.REFERRAL, EventKind.RESPONSE, EventKind.STATUS]
    assert resolved.events.get(kind=EventKind.CREATED).created.date() == datetime.date(2023, 6, 5)
    two = imported().get(title="برگ تشخیص ۱۴۰۱")
    assert sorted(two.referrals.values_list("agency__name", flat=True)) == ["اداره برق الف", "اداره مالیات الف"]
    assert two.status == ObstacleStatus.REFERRED
    assert imported().get(title="کمبود نقدینگی").status == ObstacleStatus.REGISTERED
    entries = ChangeLogEntry.objects.filter(source="import", user=world.users["secretariat"])
    assert entries.filter(content_type__model="obstacle").count() == 3
    assert entries.filter(content_type__model="referral").count() == 3


def test_past_records_notify_no_one_now_or_in_the_daily_job(world, tmp_path, django_capture_on_commit_callbacks):
    from tashil.obstacles.notify import notify_overdue

    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        run(xlsx(tmp_path, HEADER, good_rows(world)), user=world.users["secretariat"])
    run_queued_tasks()
    assert Notification.objects.count() == before and mail.outbox == []
    overdue = Referral.objects.get(obstacle__title="برگ تشخیص ۱۴۰۱", agency=world.agency_a)
    assert overdue.is_overdue and overdue.overdue_notified
    notify_overdue()
    assert not Notification.objects.filter(title__contains="برگ تشخیص ۱۴۰۱").exists()


def test_reimporting_the_same_file_changes_nothing(world, tmp_path):
    path = xlsx(tmp_path, HEADER, good_rows(world))
    run(path, user=world.users["secretariat"])
    counts = (Obstacle.objects.count(), Referral.objects.count(), ChangeLogEntry.objects.count())
    again = run(path, user=world.users["secretariat"])
    assert again.errors == [] and (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert (Obstacle.objects.count(), Referral.objects.count(), ChangeLogEntry.objects.count()) == counts


def test_a_new_agency_for_a_registered_obstacle_adds_only_its_referral(world, tmp_path):
    run(xlsx(tmp_path, HEADER, good_rows(world)[3:]), user=world.users["secretariat"])
    later = [*good_rows(world)[3][:6], "اداره برق الف", "1401/11/20", "", "", "", ""]
    result = run(xlsx(tmp_path, HEADER, [later], name="later.xlsx"), user=world.users["secretariat"])
    assert (result.created, result.updated) == (0, 1)
    obstacle = imported().get(title="کمبود نقدینگی")
    assert obstacle.status == ObstacleStatus.REFERRED and obstacle.referrals.get().agency == world.agency_a2


# The columns of ``HEADER`` and those the good rows leave out, for the bad values of the table below.
WIDE = [*HEADER, "شهرستان", "شدت", "اشتغال در خطر", "مبلغ درگیر (ریال)", "مسئول ناکامی", "شماره پروانه بهره‌برداری"]
COLUMN = {label: index for index, label in enumerate(WIDE)}


def ambiguous_agency(world):
    """«اداره گاز الف» twice among the agencies serving county A: the county's own and the province's."""
    from tashil.core.choices import ScopeLevel
    from tashil.site.testing.factories import AgencyFactory

    AgencyFactory(name="اداره گاز الف", county=world.county_a)
    AgencyFactory(name="اداره گاز الف", level=ScopeLevel.PROVINCE, county=None, province=world.province_a)


# Each bad row: the cells of good row 3 changed ({column: value}), the column named, words of the message. Row 3 is
# an obstacle referred to «اداره مالیات الف» on 1402/06/02, reported on 1402/06/01, its referral unanswered.
BAD = {
    "no national ID or licence": (
        {"شناسه ملی واحد": ""},
        "شناسه ملی واحد",
        "شناسه ملی یا شماره پروانه واحد را بنویسید",
    ),
    "unknown unit": ({"شناسه ملی واحد": "11111111111"}, "شناسه ملی واحد", "ثبت نشده"),
    "unknown licence": (
        {"شناسه ملی واحد": "", "شماره پروانه بهره‌برداری": "۱۲۳/۴۵"},
        "شماره پروانه بهره‌برداری",
        "واحدی با «۱۲۳/۴۵» در بانک اطلاعات ثبت نشده است",
    ),
    "county other than the unit's": ({"شهرستان": "شهرستان الف دو"}, "شهرستان", "در شهرستان «شهرستان الف دو» نیست"),
    "blank group": ({"گروه مانع": ""}, "گروه مانع", "گروه مانع (نام یا کد آن) را بنویسید"),
    "unknown group": ({"گروه مانع": "گروه خیالی"}, "گروه مانع", "در طبقه‌بندی موانع نیست"),
    "blank title": ({"عنوان مانع": " "}, "عنوان مانع", "عنوان مانع را بنویسید"),
    "title over 250 characters": ({"عنوان مانع": "م" * 251}, "عنوان مانع", "بیش از ۲۵۰ نویسه"),
    "blank reported date": ({"تاریخ طرح": ""}, "تاریخ طرح", "تاریخ را بنویسید"),
    "bad Jalali date": ({"تاریخ طرح": "1402/13/40"}, "تاریخ طرح", "ماه ۱۳"),
    "future date": ({"تاریخ طرح": "1499/01/01"}, "تاریخ طرح", "هنوز نرسیده"),
    "unknown severity": ({"شدت": "خیلی زیاد"}, "شدت", "شدت «خیلی زیاد» شناخته نیست"),
    "jobs not a number": ({"اشتغال در خطر": "بیست نفر"}, "اشتغال در خطر", "«بیست نفر» عدد درستی نیست"),
    "jobs out of range": ({"اشتغال در خطر": "-5"}, "اشتغال در خطر", "باید میان ۰ و ۱۰۰۰۰۰۰۰ باشد"),
    "amount not a number": ({"مبلغ درگیر (ریال)": "۵ میلیارد"}, "مبلغ درگیر (ریال)", "عدد درستی نیست"),
    "amount out of range": ({"مبلغ درگیر (ریال)": "1" + "0" * 22}, "مبلغ درگیر (ریال)", "باید میان ۰ و"),
    "bad state": ({"وضعیت مانع": "نیمه‌کاره"}, "وضعیت مانع", "شناخته نیست"),
    "unknown failure party": (
        {"وضعیت مانع": "رفع‌نشدنی", "مسئول ناکامی": "همسایه"},
        "مسئول ناکامی",
        "«همسایه» شناخته نیست",
    ),
    "resolved with a failure party": (
        {"وضعیت مانع": "رفع‌شده", "مسئول ناکامی": "دستگاه اجرایی", "پاسخ دستگاه": "انجام شد"},
        "مسئول ناکامی",
        "مانعی که رفع شده مسئول ناکامی ندارد",
    ),
    "closed before reported": (
        {"وضعیت مانع": "رفع‌شده", "تاریخ بستن": "1402/05/01", "پاسخ دستگاه": "انجام شد"},
        "تاریخ بستن",
        "پیش از تاریخ طرح مانع (۱۴۰۲/۰۶/۰۱) است",
    ),
    "closed date of an open obstacle": ({"تاریخ بستن": "1402/07/01"}, "تاریخ بستن", "بسته نشده است"),
    "failure party of an open obstacle": ({"مسئول ناکامی": "دستگاه اجرایی"}, "مسئول ناکامی", "بسته نشده است"),
    "referral columns without an agency": (
        {"دستگاه ارجاع": ""},
        "دستگاه ارجاع",
        "ستون «تاریخ ارجاع» پر است ولی دستگاه ارجاع نوشته نشده است",
    ),
    "unknown agency": ({"دستگاه ارجاع": "اداره خیالی"}, "دستگاه ارجاع", "پیدا نشد"),
    "agency of another county": ({"دستگاه ارجاع": "اداره مالیات ب"}, "دستگاه ارجاع", "کار نمی‌کند"),
    "ambiguous agency": ({"دستگاه ارجاع": "اداره گاز الف"}, "دستگاه ارجاع", "۲ دستگاه نام «اداره گاز الف» را دارند"),
    "unknown referral state": ({"وضعیت ارجاع": "نیمه‌کاره"}, "وضعیت ارجاع", "«نیمه‌کاره» شناخته نیست"),
    "bad referral state": ({"وضعیت ارجاع": "تشدیدشده به سطح بالاتر"}, "وضعیت ارجاع", "وارد نمی‌شود"),
    "rejected without a response": ({"وضعیت ارجاع": "ردشده"}, "پاسخ دستگاه", "دلیل رد ارجاع را بنویسید"),
    "due date before the referral": ({"مهلت پاسخ": "1402/06/01"}, "مهلت پاسخ", "مهلت پاسخ پیش از تاریخ ارجاع است"),
    "bad due date": ({"مهلت پاسخ": "1402/06/32"}, "مهلت پاسخ", "۳۱ روز دارد"),
    "response date on an unanswered referral": (
        {"تاریخ پاسخ": "1402/06/10"},
        "تاریخ پاسخ",
        "ارجاعی که پاسخ نگرفته تاریخ پاسخ ندارد",
    ),
    "response before the referral": (
        {"وضعیت ارجاع": "پذیرفته‌شده", "تاریخ پاسخ": "1402/06/01"},
        "تاریخ پاسخ",
        "پیش از تاریخ ارجاع (۱۴۰۲/۰۶/۰۲) است",
    ),
}
SETUP = {"ambiguous agency": ambiguous_agency}


@pytest.mark.parametrize("case", BAD)
def test_each_bad_value_is_named_by_row_column_and_message_and_nothing_is_written(world, tmp_path, case):
    changes, column, words = BAD[case]
    SETUP.get(case, lambda world: None)(world)
    data = good_rows(world)
    data[1] += [""] * (len(WIDE) - len(data[1]))
    for label, value in changes.items():
        data[1][COLUMN[label]] = value
    result = run(xlsx(tmp_path, WIDE, data), user=world.users["secretariat"])
    assert [(e.row, e.column) for e in result.errors] == [(3, column)], [e.message for e in result.errors]
    assert words in result.errors[0].message
    assert not result.written and not imported().exists(), "all or nothing"


def test_a_county_outside_the_importers_scope_is_refused_by_row_without_naming_the_unit(world, tmp_path):
    data = good_rows(world)
    data[0][0] = world.unit_b.national_id
    result = run(xlsx(tmp_path, HEADER, data), user=world.users["secretariat"])
    (error,) = result.errors
    assert (error.row, error.column) == (2, "شناسه ملی واحد") and "بیرون از حوزه" in error.message
    assert world.unit_b.name not in error.message and f"«{world.county_b.name}»" not in error.message
    # --county narrows a national run the same way.
    result = run(xlsx(tmp_path, HEADER, data, name="b.xlsx"), county=world.county_a, dry_run=True)
    assert [e.row for e in result.errors] == [2]


def test_the_same_obstacle_with_the_same_agency_twice_is_a_duplicate_row(world, tmp_path):
    data = good_rows(world)
    data.append(list(data[0]))
    result = run(xlsx(tmp_path, HEADER, data), user=world.users["secretariat"])
    (error,) = result.errors
    assert error.row == 6 and "ردیف ۲" in error.message


def test_missing_required_columns_refuse_the_file(world, tmp_path):
    from tashil.core.spreadsheets import ImportFileError

    with pytest.raises(ImportFileError, match="عنوان مانع"):
        run(xlsx(tmp_path, [h for h in HEADER if h != "عنوان مانع"], good_rows(world)))
    with pytest.raises(ImportFileError, match="شناسه ملی واحد"):
        run(xlsx(tmp_path, HEADER[1:], [row[1:] for row in good_rows(world)], name="no-unit.xlsx"))


def test_rules_of_the_services_hold_in_the_import(world, tmp_path):
    data = [
        # unresolvable needs who failed
        [world.unit_a.national_id, "FIN01", "الف", "1402/01/15", "رفع‌نشدنی", "", "", "", "", "", "", ""],
        # done needs what was done
        [world.unit_a.national_id, "FIN01", "ب", "1402/01/15", "", "", "اداره مالیات الف", "", "", "انجام‌شده", "", ""],
        # in progress needs an agency
        [world.unit_a.national_id, "FIN01", "پ", "1402/01/15", "در دست اقدام", "", "", "", "", "", "", ""],
        # referred before it was reported
        [world.unit_a.national_id, "FIN01", "ت", "1402/01/15", "", "", "اداره مالیات الف", "1401/12/01", "", "", "", ""],
    ]  # fmt: skip
    result = run(xlsx(tmp_path, HEADER, data), user=world.users["secretariat"])
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "مسئول ناکامی"),
        (3, "پاسخ دستگاه"),
        (4, "دستگاه ارجاع"),
        (5, "تاریخ ارجاع"),
    ]


def test_partial_writes_the_good_rows_and_names_the_rest(world, tmp_path):
    data = good_rows(world)
    data[0][1] = "گروه خیالی"
    result = run(xlsx(tmp_path, HEADER, data), user=world.users["secretariat"], partial=True)
    assert [e.row for e in result.errors] == [2] and result.written
    assert set(imported().values_list("title", flat=True)) == {"برگ تشخیص ۱۴۰۱", "کمبود نقدینگی"}


def test_a_messy_spreadsheet_of_past_obstacles_imports_its_good_rows_only(world, tmp_path):
    """What a province keeps: a title merged across the sheet above a header of two rows (the unit, group, title,
    date and state merged down them, «ارجاع» merged across the agency, its date and the answer), Arabic ي/ك,
    Persian, Arabic and Latin digits, headers spelled loosely, blank rows and rows of spaces, dates in five
    spellings (eight digits, the Persian decimal separator, a time after the date among them), a few bad rows.
    With --partial the good rows go in, each bad one is named by its own row in the file, and nothing of a bad row
    is written."""
    title = ["فهرست موانع توليد شهرستان الف — سال‌های ۱۴۰۰ و ۱۴۰۱", *[None] * 8]
    upper = ["شناسه ملي واحد", "  گروه  ", "عنوان", "تاريخ طرح", "وضعيت", "ارجاع", None, None, "ستون اضافي"]
    lower = [None, None, None, None, None, "دستگاه", "تاريخ ارجاع", "پاسخ", None]
    data = [
        ["١٠٣٨٠٢٨٤٧٩٠", "fin01", "كمبود سرمايه در گردش", "۱۴۰۱/۰۲/۰۵", "رفع شده", "اداره ماليات الف", "1401-02-10",
         "تسهيلات داده شد", "x"],  # row 4
        [None, None, None, None, None, None, None, None, None],
        ["   ", "", " ", "", "", "", "", "", ""],
        ["14007650912", "REG01", "برگ تشخيص", "1400/9/3", "ارجاع شده", "اداره برق الف", "", "", ""],  # row 7
        ["10380284790", "گروه ناموجود", "نامعلوم", "1401/01/01", "", "", "", "", ""],  # unknown group
        ["10380284790", "FIN01", "تاريخ غلط", "1401/14/01", "", "", "", "", ""],  # impossible date
        ["99999999999", "FIN01", "واحد ناشناخته", "1401/01/01", "", "", "", "", ""],  # unknown unit
        [world.unit_b.national_id, "FIN01", "بیرون از حوزه", "1401/01/01", "", "", "", "", ""],  # other county
        ["10380284790", "FIN01", "کمبود سرمایه در گردش", "1401/2/5", "", "", "", "", ""],  # row 4 again
        ["14007650912", "FIN01", "قطعی برق", 14010610, "", "اداره برق الف", "۱۴۰۱٫۰۶٫۱۲ ۰۹:۱۵", "", ""],  # row 13
    ]  # fmt: skip
    book = Workbook()
    sheet = book.active
    for row in (title, upper, lower, *data):
        sheet.append(row)
    for cells in ("A1:I1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:H2", "I2:I3"):
        sheet.merge_cells(cells)
    path = tmp_path / "messy.xlsx"
    book.save(path)
    result = run(path, user=world.users["secretariat"], partial=True)
    assert result.written and result.unknown_columns == ["ستون اضافی"]
    assert {(e.row, e.column) for e in result.errors} == {
        (8, "گروه مانع"),
        (9, "تاریخ طرح"),
        (10, "شناسه ملی واحد"),
        (11, "شناسه ملی واحد"),
        (12, "عنوان مانع"),
    }
    assert "ردیف ۴" in next(e.message for e in result.errors if e.row == 12), "the duplicate names its first row"
    assert result.rows == 8, "blank rows and rows of spaces are no rows"
    titles = set(imported().values_list("title", flat=True))
    assert titles == {"کمبود سرمایه در گردش", "برگ تشخیص", "قطعی برق"}
    first = imported().get(title="کمبود سرمایه در گردش")
    assert first.unit == world.unit_a and first.reported_date == datetime.date(2022, 4, 25)
    assert first.status == ObstacleStatus.RESOLVED and first.referrals.get().status == ReferralStatus.DONE
    assert first.referrals.get().response == "تسهیلات داده شد", "the answer is read from under «ارجاع»"
    assert imported().get(title="برگ تشخیص").referrals.get().agency == world.agency_a2
    power = imported().get(title="قطعی برق")
    assert power.reported_date == datetime.date(2022, 9, 1) and power.unit == world.unit_a2
    assert power.referrals.get().referred_date == datetime.date(2022, 9, 3)
    assert imported().filter(search_text__contains="کمبود").count() == 1


def test_the_command_dry_runs_refuses_and_imports(world, tmp_path, capsys):
    path = xlsx(tmp_path, HEADER, good_rows(world))
    call_command("import_past", "obstacles", str(path), "--dry-run")
    assert "اجرای آزمایشی" in capsys.readouterr().out and not imported().exists()
    bad = good_rows(world)
    bad[1][3] = "1402/13/01"
    bad_path = xlsx(tmp_path, HEADER, bad, name="bad.xlsx")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_past", "obstacles", str(bad_path))
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "ردیف 3 — تاریخ طرح" in out and out.strip().endswith("created 0, updated 0, unchanged 0, errors 1")
    with pytest.raises(SystemExit):
        call_command("import_past", "obstacles", str(bad_path), "--partial", county="شهرستان الف")
    assert imported().count() == 3, "row 4 (the second agency) stands alone once row 3 is refused"
    call_command("import_past", "obstacles", str(path))
    assert capsys.readouterr().out.strip().endswith("created 0, updated 1, unchanged 3, errors 0")
    assert imported().get(title="برگ تشخیص ۱۴۰۱").referrals.count() == 2


def test_the_upload_page_is_found_from_the_obstacle_list_and_its_template_imports_as_it_is(
    world, client_as, tmp_path, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    client = client_as("secretariat")
    listing = client.get("/obstacles/").content.decode()
    upload_url = re.search(r'href="([^"]+)" data-testid="import-button"', listing).group(1)
    upload_page = client.get(upload_url).content.decode()
    assert "ورود موانع گذشته از فایل" in upload_page
    template_url = re.search(r'href="([^"]+)"[^>]*data-testid="import-template"', upload_page).group(1)
    response = client.get(template_url)
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    header, example = load_workbook(path, read_only=True).active.iter_rows(values_only=True)
    assert list(header) == [label for label, _aliases in COLUMNS.values()]
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post(upload_url, {"file": handle})["Location"]
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    assert 'data-testid="apply-import"' in page and "ستون‌های ناشناخته" not in page
    assert not imported().exists(), "the check writes nothing"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(re.search(r'<form method="post" action="([^"]+/apply/)"', page).group(1))
    run_queued_tasks()
    assert 'data-status="applied"' in client.get(job_url).content.decode()
    obstacle = imported().get()
    assert obstacle.title == example[4] and obstacle.status == ObstacleStatus.RESOLVED


def test_another_secretariat_cannot_open_the_job_and_a_unit_rep_cannot_upload(world, client_as, tmp_path):
    from tashil.units.models import ImportJob

    job = ImportJob.objects.create(user=world.users["secretariat"], kind="obstacles", original_name="x.csv")
    assert client_as("secretariat_b").get(job.get_absolute_url()).status_code == 404
    assert client_as("unit_rep").get("/obstacles/import/").status_code == 403
