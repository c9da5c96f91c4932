"""The secretariat sends a meeting's invitations; an invitee opens the link from the e-mail without signing in,
answers that a representative will come, and the secretariat sees the answer in the attendance and the quorum
on the meeting page — in Chromium."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tashil.core.jalali import today
from tashil.core.testing.browser import screenshot, sign_in
from tashil.core.testing.tasks import run_queued_tasks
from tashil.meetings.models import Attendance, Meeting

pytestmark = pytest.mark.browser


def test_an_invitee_answers_from_the_e_mails_link_and_the_attendance_shows_it(page, world):
    meeting = Meeting.objects.create(
        series=world.series_a,
        date=today() + datetime.timedelta(days=9),
        start_time=datetime.time(9, 0),
        place="فرمانداری الف",
    )
    Attendance.objects.create(meeting=meeting, person_name="حسن عباسی", position="فرماندار", is_chair=True)
    power = Attendance.objects.create(meeting=meeting, agency=world.agency_a2, email="power@example.ir")
    Attendance.objects.create(meeting=meeting, agency=world.agency_a)

    sign_in(page, "secretariat")
    page.goto(meeting.get_absolute_url())
    assert "فراهم نیست" in page.get_by_test_id("quorum").inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("send-invitations").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/?tab=attendance")
    assert "دعوتنامه برای ۳ دعوت‌شده فرستاده شد" in page.locator("body").inner_text()
    run_queued_tasks()

    (message,) = [m for m in mail.outbox if "power@example.ir" in m.to]
    link = re.search(r"https?://\S+/meetings/invitation/\S+/", message.body).group(0)
    page.context.clear_cookies()
    page.goto(urlsplit(link).path)  # the invitee follows the e-mail's link, not signed in
    assert "اداره برق الف" in page.locator("body").inner_text()
    page.get_by_label("نماینده می‌فرستم").check()
    page.get_by_test_id("invitation-submit").click()
    page.wait_for_load_state("domcontentloaded")
    assert "نام نماینده را بنویسید" in page.get_by_test_id("error-name").inner_text()
    page.get_by_label("نماینده می‌فرستم").check()
    page.get_by_label("نام و نام خانوادگی").fill("علی رضایی")
    page.get_by_label("سمت", exact=True).fill("معاون اداره برق")
    page.get_by_test_id("invitation-submit").click()
    page.wait_for_load_state("domcontentloaded")
    assert "پاسخ شما ثبت شد" in page.locator("body").inner_text()
    assert "علی رضایی" in page.get_by_test_id("invitation-current").inner_text()
    screenshot(page, "meeting-invitation-answer")
    power.refresh_from_db()
    assert (power.answer, power.status) == ("represent", "represented")

    sign_in(page, "secretariat")
    page.goto(meeting.get_absolute_url())
    page.get_by_test_id("tab-attendance").click()
    cell = page.get_by_test_id(f"answer-{power.pk}")
    assert "نماینده می‌فرستم" in cell.inner_text()
    row = page.get_by_test_id(f"attendance-row-{power.pk}")
    assert row.locator("select[name$=status]").input_value() == "represented"
    assert row.locator("input[name$=represented_by]").input_value() == "علی رضایی، معاون اداره برق"
    assert "۱ از ۲ دستگاه عضو" in page.get_by_test_id("quorum").inner_text()
