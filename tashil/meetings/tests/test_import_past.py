"""The import of past meetings and their resolutions: natural keys (series, number) and (meeting, resolution
number), every refusal named by row and column, all-or-nothing, --partial, idempotence, scope, quiet writes, and
the follow-up board's execution rates counting the past."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import Workbook

from tashil.core.models import ChangeLogEntry
from tashil.core.testing.tasks import run_queued_tasks
from tashil.meetings.choices import MeetingStatus, ResolutionStatus
from tashil.meetings.importer import PastMeetingImporter
from tashil.meetings.models import Meeting, Resolution
from tashil.meetings.reports import execution_counts
from tashil.notifications.models import Notification

HEADER = [
    "سلسله جلسات",
    "شماره جلسه",
    "تاریخ جلسه",
    "محل",
    "شماره مصوبه",
    "متن مصوبه",
    "دستگاه مسئول",
    "مهلت اجرا",
    "وضعیت مصوبه",
    "تاریخ اجرا",
    "مسئول اجرانشدن",
    "شرح نتیجه",
]
SERIES = "کارگروه تسهیل الف"


def good_rows():
    return [
        [SERIES, "101", "1402/02/20", "فرمانداری", "1", "تمدید تسهیلات واحد", "اداره مالیات الف", "1402/03/20",
         "اجراشده", "1402/03/15", "", "تمدید شد"],
        [SERIES, "101", "1402/02/20", "فرمانداری", "2", "بازبینی برگ تشخیص", "اداره مالیات الف", "1402/04/01",
         "اجرانشده", "", "دستگاه اجرایی", ""],
        [SERIES, "101", "1402/02/20", "فرمانداری", "3", "افزایش دیماند برق", "اداره برق الف", "1402/05/01",
         "در دست اجرا", "", "", "در حال نصب ترانس"],
        [SERIES, "102", "1402/02/27", "", "", "", "", "", "", "", "", ""],  # a meeting without resolutions
    ]  # fmt: skip


def xlsx(tmp_path, header, data, name="meetings.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in data:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def run(path, **options):
    return PastMeetingImporter(**options).run(str(path), str(path))


def imported_meetings(world):
    return Meeting.objects.filter(series=world.series_a, number__gt=100)


def test_past_meetings_and_resolutions_count_in_the_follow_up(world, tmp_path):
    before = execution_counts(Resolution.objects.filter(county=world.county_a))
    result = run(xlsx(tmp_path, HEADER, good_rows()), user=world.users["secretariat"])
    assert result.errors == [] and result.written and (result.created, result.unchanged) == (4, 0)
    first, second = imported_meetings(world).order_by("number")
    assert (first.number, first.date, first.status) == (101, datetime.date(2023, 5, 10), MeetingStatus.HELD)
    assert first.county == world.county_a and second.resolutions.count() == 0
    executed, failed, following = first.resolutions.order_by("number")
    assert executed.status == ResolutionStatus.EXECUTED and executed.closed_date == datetime.date(2023, 6, 5)
    assert executed.verified_at is not None and executed.search_text
    assert failed.status == ResolutionStatus.NOT_EXECUTED and failed.failure_party == "agency"
    assert following.status == ResolutionStatus.IN_PROGRESS and following.progress_note == "در حال نصب ترانس"
    after = execution_counts(Resolution.objects.filter(county=world.county_a))
    assert after["executed"] == before["executed"] + 1 and after["not_executed"] == before["not_executed"] + 1
    assert after["total"] == before["total"] + 3
    log = ChangeLogEntry.objects.filter(source="import", object_id=executed.pk, content_type__model="resolution")
    assert list(log.values_list("action", flat=True).order_by("pk")) == ["create", "event"]


def test_past_meetings_send_nothing(world, tmp_path, django_capture_on_commit_callbacks):
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        run(xlsx(tmp_path, HEADER, good_rows()), user=world.users["secretariat"])
    run_queued_tasks()
    assert Notification.objects.count() == before and mail.outbox == []


def test_reimporting_the_same_file_changes_nothing(world, tmp_path):
    path = xlsx(tmp_path, HEADER, good_rows())
    run(path, user=world.users["secretariat"])
    counts = (Meeting.objects.count(), Resolution.objects.count(), ChangeLogEntry.objects.count())
    again = run(path, user=world.users["secretariat"])
    assert again.errors == [] and (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert (Meeting.objects.count(), Resolution.objects.count(), ChangeLogEntry.objects.count()) == counts


def test_a_new_resolution_of_a_registered_meeting_is_added_to_it(world, tmp_path):
    run(xlsx(tmp_path, HEADER, good_rows()), user=world.users["secretariat"])
    row = [SERIES, "102", "1402/02/27", "", "1", "بررسی زمین", "اداره مالیات الف", "1402/03/27", "", "", "", ""]
    result = run(xlsx(tmp_path, HEADER, [row], name="more.xlsx"), user=world.users["secretariat"])
    assert (result.created, result.updated) == (0, 1)
    assert imported_meetings(world).get(number=102).resolutions.get().status == ResolutionStatus.PENDING


# The columns of ``HEADER`` and those the good rows leave out, for the bad values of the table below.
WIDE = [*HEADER, "شهرستان", "شناسه ملی واحد"]
COLUMN = {label: index for index, label in enumerate(WIDE)}


def ambiguous_agency(world):
    """«اداره گاز الف» twice among the agencies serving county A: the county's own and the province's."""
    from tashil.core.choices import ScopeLevel
    from tashil.site.testing.factories import AgencyFactory

    AgencyFactory(name="اداره گاز الف", county=world.county_a)
    AgencyFactory(name="اداره گاز الف", level=ScopeLevel.PROVINCE, county=None, province=world.province_a)


# Each bad row: the cells of good row 3 changed ({column: value}), and the one error it gets (column, message).
# Row 3 is resolution 2 of meeting 101 (1402/02/20), «اداره مالیات الف», deadline 1402/04/01, not executed by the
# agency.
BAD = {
    "blank series": ({"سلسله جلسات": ""}, "سلسله جلسات", "سلسله جلسات را بنویسید."),
    "unknown series": (
        {"سلسله جلسات": "کارگروه خیالی"},
        "سلسله جلسات",
        "سلسله جلسات «کارگروه خیالی» در شهرستان‌های حوزه شما تعریف نشده است؛ نخست آن را در «سلسله جلسات» بسازید.",
    ),
    "unknown county": (
        {"شهرستان": "شهرستان خیالی"},
        "شهرستان",
        "شهرستان «شهرستان خیالی» شناخته نیست یا بیرون از حوزه دسترسی شماست.",
    ),
    "county outside the importer's scope": (
        {"شهرستان": "شهرستان ب"},
        "شهرستان",
        "شهرستان «شهرستان ب» شناخته نیست یا بیرون از حوزه دسترسی شماست.",
    ),
    "series of another county than the one named": (
        {"شهرستان": "شهرستان الف دو"},
        "سلسله جلسات",
        "سلسله جلسات «کارگروه تسهیل الف» در شهرستان «شهرستان الف دو» تعریف نشده است.",
    ),
    "series in two counties": (
        {"سلسله جلسات": "کارگروه مشترک"},
        "شهرستان",
        "سلسله «کارگروه مشترک» در چند شهرستان هست؛ ستون «شهرستان» را پر کنید.",
    ),
    "blank meeting number": ({"شماره جلسه": ""}, "شماره جلسه", "شماره جلسه را بنویسید."),
    "meeting number not a number": ({"شماره جلسه": "صد و یک"}, "شماره جلسه", "«صد و یک» عدد درستی نیست."),
    "meeting number out of range": ({"شماره جلسه": "0"}, "شماره جلسه", "«۰» باید میان ۱ و ۱۰۰۰۰۰ باشد."),
    "blank meeting date": ({"تاریخ جلسه": ""}, "تاریخ جلسه", "تاریخ را بنویسید (مانند ۱۴۰۲/۰۷/۱۵)."),
    "bad Jalali date": (
        {"تاریخ جلسه": "1402/02/32"},
        "تاریخ جلسه",
        "تاریخ «1402/02/32» وجود ندارد: در سال ۱۴۰۲، اردیبهشت ۳۱ روز دارد.",
    ),
    "meeting in the future": ({"تاریخ جلسه": "1499/01/01"}, "تاریخ جلسه", "جلسه ۱۴۹۹/۰۱/۰۱ هنوز برگزار نشده است."),
    "blank resolution text": (
        {"متن مصوبه": ""},
        "متن مصوبه",
        "متن مصوبه را بنویسید (یا ستون‌های مصوبه را خالی بگذارید).",
    ),
    "blank resolution number": ({"شماره مصوبه": ""}, "شماره مصوبه", "شماره مصوبه را بنویسید."),
    "resolution number not a number": ({"شماره مصوبه": "دوم"}, "شماره مصوبه", "«دوم» عدد درستی نیست."),
    "blank agency": ({"دستگاه مسئول": ""}, "دستگاه مسئول", "دستگاه مسئول مصوبه را بنویسید."),
    "unknown agency": (
        {"دستگاه مسئول": "اداره خیالی"},
        "دستگاه مسئول",
        "دستگاه «اداره خیالی» پیدا نشد یا در شهرستان این جلسه کار نمی‌کند.",
    ),
    "agency of another county": (
        {"دستگاه مسئول": "اداره مالیات ب"},
        "دستگاه مسئول",
        "دستگاه «اداره مالیات ب» پیدا نشد یا در شهرستان این جلسه کار نمی‌کند.",
    ),
    "ambiguous agency": (
        {"دستگاه مسئول": "اداره گاز الف"},
        "دستگاه مسئول",
        "چند دستگاه نام «اداره گاز الف» را دارند؛ نام را دقیق‌تر بنویسید.",
    ),
    "unit of another county": (
        {"شناسه ملی واحد": "10101870306"},
        "شناسه ملی واحد",
        "واحدی با شناسه ملی «۱۰۱۰۱۸۷۰۳۰۶» در شهرستان این جلسه ثبت نشده است.",
    ),
    "unknown unit": (
        {"شناسه ملی واحد": "11111111111"},
        "شناسه ملی واحد",
        "واحدی با شناسه ملی «۱۱۱۱۱۱۱۱۱۱۱» در شهرستان این جلسه ثبت نشده است.",
    ),
    "blank deadline": ({"مهلت اجرا": ""}, "مهلت اجرا", "تاریخ را بنویسید (مانند ۱۴۰۲/۰۷/۱۵)."),
    "deadline before the meeting": (
        {"مهلت اجرا": "1402/01/01"},
        "مهلت اجرا",
        "مهلت اجرا نمی‌تواند پیش از تاریخ جلسه باشد.",
    ),
    "bad state": (
        {"وضعیت مصوبه": "نیمه‌کاره"},
        "وضعیت مصوبه",
        "«نیمه‌کاره» شناخته نیست؛ یکی از این‌ها را بنویسید: در انتظار اقدام، در دست اجرا، اجراشده، اجرانشده، لغوشده.",
    ),
    "a state not imported": (
        {"وضعیت مصوبه": "مورد اعتراض — در دستور جلسه بعد"},
        "وضعیت مصوبه",
        "«مورد اعتراض — در دستور جلسه بعد» از فایل وارد نمی‌شود؛ یکی از این‌ها را بنویسید: در انتظار اقدام، در دست اجرا، اجراشده، اجرانشده، لغوشده.",
    ),
    "executed before the meeting": (
        {"تاریخ اجرا": "1402/01/01"},
        "تاریخ اجرا",
        "تاریخ اجرا باید میان تاریخ جلسه و امروز باشد.",
    ),
    "executed in the future": (
        {"تاریخ اجرا": "1499/01/01"},
        "تاریخ اجرا",
        "تاریخ اجرا باید میان تاریخ جلسه و امروز باشد.",
    ),
    "bad executed date": (
        {"تاریخ اجرا": "1402/13/01"},
        "تاریخ اجرا",
        "ماه ۱۳ در تاریخ «1402/13/01» وجود ندارد؛ ماه باید بین ۱ و ۱۲ باشد.",
    ),
    "executed date of an open resolution": (
        {"وضعیت مصوبه": "در دست اجرا", "تاریخ اجرا": "1402/03/01", "مسئول اجرانشدن": ""},
        "تاریخ اجرا",
        "مصوبه‌ای که بسته نشده تاریخ اجرا ندارد.",
    ),
    "closed with no executed date before its deadline": (
        {"مهلت اجرا": "1499/01/01"},
        "تاریخ اجرا",
        "تاریخ اجرا یا بستن مصوبه را بنویسید.",
    ),
    "not executed without who failed": (
        {"مسئول اجرانشدن": ""},
        "مسئول اجرانشدن",
        "بنویسید اجرانشدن بر عهده کیست: دستگاه، تولیدکننده یا عوامل بیرونی.",
    ),
    "unknown failure party": (
        {"مسئول اجرانشدن": "همسایه"},
        "مسئول اجرانشدن",
        "«همسایه» شناخته نیست؛ یکی از این‌ها را بنویسید: دستگاه اجرایی، تولیدکننده، عوامل بیرونی.",
    ),
    "failure party of a resolution executed": (
        {"وضعیت مصوبه": "اجراشده", "تاریخ اجرا": "1402/03/01"},
        "مسئول اجرانشدن",
        "مسئول اجرانشدن تنها برای مصوبه «اجرانشده» نوشته می‌شود؛ این مصوبه «اجراشده» است.",
    ),
    "cancelled without a reason": (
        {"وضعیت مصوبه": "لغوشده", "مسئول اجرانشدن": "", "شرح نتیجه": ""},
        "شرح نتیجه",
        "دلیل لغو مصوبه را بنویسید.",
    ),
}


def series_in_two_counties(world):
    """«کارگروه مشترک» in counties A and A2, both of the province secretariat's scope."""
    from tashil.meetings.choices import MeetingKind
    from tashil.meetings.models import MeetingSeries

    for county in (world.county_a, world.county_a2):
        MeetingSeries.objects.create(county=county, kind=MeetingKind.SERVICE_DESK, title="کارگروه مشترک")


SETUP = {"ambiguous agency": ambiguous_agency, "series in two counties": series_in_two_counties}


@pytest.mark.parametrize("case", BAD)
def test_each_bad_value_is_named_by_row_column_and_message_and_nothing_is_written(world, tmp_path, case):
    changes, column, message = BAD[case]
    SETUP.get(case, lambda world: None)(world)
    data = good_rows()
    data[1] += [""] * (len(WIDE) - len(data[1]))
    for label, value in changes.items():
        data[1][COLUMN[label]] = value
    result = run(xlsx(tmp_path, WIDE, data), user=world.users["province_secretariat"])
    assert {(e.row, e.column, e.message) for e in result.errors} == {(3, column, message)}
    assert not result.written and not imported_meetings(world).exists(), "all or nothing"


def test_a_meeting_of_two_dates_and_a_resolution_twice_are_refused_by_row(world, tmp_path):
    data = good_rows()
    data[2][2] = "1402/02/21"
    data.append(list(data[0]))
    result = run(xlsx(tmp_path, HEADER, data), user=world.users["secretariat"])
    assert [(e.row, e.column) for e in result.errors] == [(4, "تاریخ جلسه"), (6, "شماره مصوبه")]
    assert "ردیف ۲" in result.errors[0].message and "ردیف ۲" in result.errors[1].message


def test_a_registered_meeting_of_another_date_and_a_new_resolution_of_approved_minutes_are_refused(world, tmp_path):
    """Against what is registered: meeting 101 again with another date; a new resolution of meeting 101 once its
    minutes are approved (locked) — the resolutions already registered stay «unchanged»."""
    run(xlsx(tmp_path, HEADER, good_rows()), user=world.users["secretariat"])
    Meeting.objects.filter(series=world.series_a, number=101).update(status=MeetingStatus.APPROVED)
    counts = (Meeting.objects.count(), Resolution.objects.count())
    data = good_rows()
    data[3][2] = "1402/02/28"  # meeting 102, registered on 1402/02/27
    data.append([SERIES, "101", "1402/02/20", "", "4", "مصوبه تازه", "اداره برق الف", "1402/06/01", "", "", "", ""])
    result = run(xlsx(tmp_path, HEADER, data, name="again.xlsx"), user=world.users["secretariat"], partial=True)
    assert {(e.row, e.column, e.message) for e in result.errors} == {
        (5, "تاریخ جلسه", "جلسه ۱۰۲ این سلسله پیش‌تر با تاریخ ۱۴۰۲/۰۲/۲۷ ثبت شده است."),
        (6, "شماره مصوبه", Meeting.FROZEN_MESSAGE),
    }
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert (Meeting.objects.count(), Resolution.objects.count()) == counts, "nothing of a refused row written"


def test_another_countys_series_is_outside_the_importers_scope(world, tmp_path):
    data = good_rows()
    data[0][0] = "کارگروه تسهیل ب"
    result = run(xlsx(tmp_path, HEADER, data), user=world.users["secretariat"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "سلسله جلسات")]


def test_missing_required_columns_refuse_the_file(world, tmp_path):
    from tashil.core.spreadsheets import ImportFileError

    with pytest.raises(ImportFileError, match="شماره جلسه"):
        run(xlsx(tmp_path, [h for h in HEADER if h != "شماره جلسه"], [r[:1] + r[2:] for r in good_rows()]))


def test_partial_writes_the_good_rows(world, tmp_path):
    data = good_rows()
    data[0][6] = "اداره خیالی"
    result = run(xlsx(tmp_path, HEADER, data), user=world.users["secretariat"], partial=True)
    assert [e.row for e in result.errors] == [2] and result.written
    assert imported_meetings(world).get(number=101).resolutions.count() == 2


def test_the_command_and_the_upload_page_from_the_meeting_list(
    world, client_as, tmp_path, capsys, django_capture_on_commit_callbacks
):
    path = xlsx(tmp_path, HEADER, good_rows())
    call_command("import_past", "meetings", str(path), "--dry-run", county="شهرستان الف")
    assert not imported_meetings(world).exists()
    client = client_as("secretariat")
    listing = client.get("/meetings/").content.decode()
    upload_url = re.search(r'href="([^"]+)" data-testid="import-button"', listing).group(1)
    assert "جلسات و مصوبات گذشته" in client.get(upload_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        job_url = client.post(upload_url, {"file": handle})["Location"]
    run_queued_tasks()
    page = client.get(job_url).content.decode()
    assert 'data-testid="apply-import"' in page and not imported_meetings(world).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(re.search(r'<form method="post" action="([^"]+/apply/)"', page).group(1))
    run_queued_tasks()
    assert imported_meetings(world).count() == 2
    assert client_as("manager").get(upload_url).status_code == 403


def test_the_template_imports_as_it_is(world, client_as, tmp_path):
    client = client_as("secretariat")
    page = client.get("/meetings/import/").content.decode()
    template_url = re.search(r'href="([^"]+)"[^>]*data-testid="import-template"', page).group(1)
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"".join(client.get(template_url).streaming_content))
    result = run(path, user=world.users["secretariat"])
    assert result.errors == [] and result.created == 2
