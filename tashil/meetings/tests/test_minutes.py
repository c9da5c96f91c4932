"""The minutes PDF: rendered with WeasyPrint, its text extracted with pdftotext."""

import shutil
import subprocess

from django.urls import reverse

from tashil.core.persian import search_key
from tashil.meetings import services as meeting_services
from tashil.meetings.minutes import render_minutes
from tashil.meetings.models import Attendance


def pdf_text(pdf, tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf)
    assert shutil.which("pdftotext"), "make test installs poppler-utils"
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_minutes_hold_the_persian_words_the_jalali_date_and_the_resolutions(world, tmp_path):
    meeting = world.meeting_a
    Attendance.objects.create(meeting=meeting, person_name="حسن عباسی", position="معاون فرماندار", status="present")
    pdf = render_minutes(meeting)
    assert pdf.startswith(b"%PDF")
    text = search_key(pdf_text(pdf, tmp_path))
    from tashil.core.jalali import format_jalali

    for expected in (
        "صورتجلسه کارگروه تسهیل الف",
        "ستاد تسهیل و رفع موانع تولید شهرستان",
        format_jalali(meeting.date, "{weekday} {d} {month} {y}", persian=True),
        "اداره مالیات برگ تشخیص را بازبینی کند",
        "اداره مالیات الف",
        "امضای حاضران",
        "حسن عباسی",
        "پیش‌نویس",
        "صفحه ۱ از",
    ):
        assert search_key(expected) in text, expected


def test_approved_minutes_are_stored_by_the_worker_and_served_frozen(
    world, client_as, django_capture_on_commit_callbacks, tmp_path
):
    from tashil.core.testing.tasks import run_queued_tasks

    meeting_services.hold(world.meeting_a)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.approve(world.meeting_a, world.users["manager"])
    run_queued_tasks()
    world.meeting_a.refresh_from_db()
    assert world.meeting_a.minutes_pdf
    response = client_as("secretariat").get(f"/meetings/{world.meeting_a.pk}/minutes.pdf")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    text = search_key(pdf_text(b"".join(response.streaming_content), tmp_path))
    assert search_key("پیش‌نویس") not in text and search_key("به تأیید") in text


def test_the_resolutions_table_as_xlsx(world, client_as):
    import io

    from openpyxl import load_workbook

    response = client_as("secretariat").get(f"/meetings/{world.meeting_a.pk}/resolutions.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "متن مصوبه" in rows[0] and any("برگ تشخیص" in str(cell) for cell in rows[1])


def test_the_attendance_sheet_records_who_came_for_each_agency_and_the_minutes_print_it(world, client_as, tmp_path):
    """An agency's row takes its attendee's name and post; both reach the attendance and signature tables."""
    client = client_as("secretariat")
    meeting = world.meeting_a
    Attendance.objects.create(meeting=meeting, agency=world.agency_a2)
    sheet = {
        world.agency_a: ("مریم کاظمی", "رئیس اداره امور مالیاتی", "present", ""),
        world.agency_a2: ("علی رضایی", "رئیس اداره برق", "represented", "کارشناس برق"),
    }
    formset = client.get(meeting.get_absolute_url(), {"tab": "attendance"}).context["formset"]
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    for form in formset.forms:
        values = dict(
            zip(("person_name", "position", "status", "represented_by"), sheet[form.instance.agency], strict=True)
        )
        data |= {f"{form.prefix}-{field}": value for field, value in (values | {"id": form.instance.pk}).items()}
    client.post(reverse("meetings:meeting_attendance", args=[meeting.pk]), data)
    world.attendance_a.refresh_from_db()
    assert (world.attendance_a.person_name, world.attendance_a.position) == ("مریم کاظمی", "رئیس اداره امور مالیاتی")

    response = client.get(f"/meetings/{meeting.pk}/minutes.pdf")
    text = search_key(pdf_text(response.content, tmp_path))
    attendance, signatures = text.split(search_key("حاضران"), 1)[1].split(search_key("امضای حاضران"), 1)
    for expected in ("مریم کاظمی", "رئیس اداره امور مالیاتی", "علی رضایی"):
        assert search_key(expected) in attendance and search_key(expected) in signatures, expected
    assert search_key("کارشناس برق") in signatures and search_key("نماینده علی رضایی") in signatures
