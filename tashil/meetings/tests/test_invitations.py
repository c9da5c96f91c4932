"""Meeting invitations that go out (issue 23 §4): «دعوت» e-mails each invitee a calendar file and texts the answer
link, the invited agency's e-mail carries its invitation letter; rescheduling and cancelling send the next
SEQUENCE; the invitee answers from the signed link without signing in (an expired or altered one refused), the
answers fill the attendance, and the quorum shows on the meeting page."""

import datetime
import re
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tashil.core.jalali import today
from tashil.core.persian import search_key
from tashil.core.testing.tasks import run_queued_tasks
from tashil.letters.models import Letter
from tashil.meetings import services
from tashil.meetings.choices import AttendanceStatus
from tashil.meetings.invitations import TOKEN_SALT, answer_token, uid
from tashil.meetings.models import Attendance, Meeting
from tashil.notifications import sms


def next_weekday(days=10):
    day = today() + datetime.timedelta(days=days)
    while day.weekday() in (3, 4):  # Thursday, Friday: off days in the test calendar
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def planned(world):
    """A planned meeting of county A ten days ahead, with its chair, two agencies and a unit on the list."""
    officer = world.users["agency_officer"]
    officer.email, officer.mobile = "officer.a@example.ir", "09121110000"
    officer.save()
    world.contact_a.email, world.contact_a.phone = "contact.a@example.ir", "۰۹۱۲۲۲۲۰۰۰۰"
    world.contact_a.save()
    meeting = Meeting.objects.create(
        series=world.series_a,
        date=next_weekday(),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 0),
        place="فرمانداری الف، سالن شهید بهشتی",
    )
    rows = {
        "chair": Attendance.objects.create(
            meeting=meeting,
            person_name="حسن عباسی",
            position="فرماندار",
            is_chair=True,
            email="chair@example.ir",
            mobile="+98 912 333 0000",
        ),
        "tax": Attendance.objects.create(meeting=meeting, agency=world.agency_a),
        "power": Attendance.objects.create(meeting=meeting, agency=world.agency_a2, email="power@example.ir"),
        "unit": Attendance.objects.create(meeting=meeting, unit=world.unit_a, mobile="09124440000"),
    }
    return meeting, rows


def form_action(html, testid):
    """The action of the form whose button carries ``data-testid=testid`` (what a click posts to)."""
    for form in re.findall(r"<form[^>]*>.*?</form>", html, re.S):
        if f'data-testid="{testid}"' in form:
            return re.search(r'action="([^"]+)"', form).group(1)
    raise AssertionError(f"no form with the button {testid}")


def send_by_page(client, meeting, capture):
    page = client.get(meeting.get_absolute_url()).content.decode()
    with capture(execute=True):
        response = client.post(form_action(page, "send-invitations"))
    assert response.status_code == 302, response.content.decode()[:500]
    return run_queued_tasks()


def ics_of(message):
    """The calendar file of an e-mail, parsed back, and its part's (text/calendar) method parameter."""
    parts = [a for a in message.attachments if not isinstance(a, tuple) and a.get_filename() == "invite.ics"]
    assert len(parts) == 1, "one calendar file"
    part = parts[0]
    assert part.get_content_type() == "text/calendar"
    return Calendar.from_ical(part.get_payload(decode=True)), part.get_param("method")


def pdfs_of(message):
    return [a for a in message.attachments if isinstance(a, tuple) and a[2] == "application/pdf"]


def mail_to(address):
    return [m for m in mail.outbox if address in m.to]


def link_in(text):
    return re.search(r"https?://\S+/meetings/invitation/\S+/", text).group(0)


# ---------------------------------------------------------------- sending


def test_invite_sends_each_invitee_the_calendar_file_an_sms_and_the_agency_its_letter(
    world, planned, client_as, django_capture_on_commit_callbacks
):
    meeting, rows = planned
    sms.outbox.clear()
    send_by_page(client_as("secretariat"), meeting, django_capture_on_commit_callbacks)

    assert set(Attendance.objects.filter(meeting=meeting, invited_at__isnull=False).values_list("pk", flat=True)) == {
        row.pk for row in rows.values()
    }
    tax = mail_to("officer.a@example.ir")
    assert len(tax) == 1 and "contact.a@example.ir" in tax[0].to, "the agency's officer and contact, one e-mail"
    calendar, method = ics_of(tax[0])
    assert method == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "REQUEST" and int(event["SEQUENCE"]) == 0
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Asia/Tehran" and (start.date(), start.hour, start.minute) == (meeting.date, 9, 30)
    assert event.decoded("DTEND").hour == 11
    assert str(event["UID"]) == uid(meeting) == f"meeting-{meeting.pk}@{urlsplit(settings.TASHIL_SITE_URL).hostname}"
    assert "سالن شهید بهشتی" in str(event["LOCATION"])
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the file"

    letter = Letter.objects.get(meeting=meeting, recipient_agency=world.agency_a, kind="invitation")
    assert letter.is_issued and letter.number
    pdfs = pdfs_of(tax[0])
    assert len(pdfs) == 1 and pdfs[0][1] == letter.pdf.open("rb").read(), "the issued letter itself"
    assert not pdfs_of(mail_to("chair@example.ir")[0]), "a person: no letter"

    texts = {message.to: message.text for message in sms.outbox}
    assert set(texts) >= {"09121110000", "09122220000", "09123330000", "09124440000"}
    assert all("/meetings/invitation/" in text for text in texts.values())
    chair_link = link_in(texts["09123330000"])
    assert chair_link in mail_to("chair@example.ir")[0].body

    # The task queued twice (a worker died after sending) sends nothing more.
    from tashil.meetings.tasks import send_invitation

    before = len(mail.outbox)
    assert send_invitation.call(rows["tax"].pk, 0, "REQUEST") is False
    assert len(mail.outbox) == before


def test_nothing_to_send_is_refused_in_persian_and_changes_nothing(world, planned, client_as):
    meeting, _rows = planned
    Attendance.objects.filter(meeting=meeting).update(invited_at=timezone.now())
    client = client_as("secretariat")
    response = client.post(reverse("meetings:meeting_action", args=[meeting.pk, "send_invitations"]), follow=True)
    assert "پیش‌تر دعوت شده‌اند" in response.content.decode()
    past = Meeting.objects.create(series=world.series_a, date=today() - datetime.timedelta(days=2))
    Attendance.objects.create(meeting=past, agency=world.agency_a)
    response = client.post(reverse("meetings:meeting_action", args=[past.pk, "send_invitations"]), follow=True)
    assert "گذشته است" in response.content.decode()
    assert not Attendance.objects.filter(meeting=past).exclude(invited_at=None).exists()


def test_another_county_cannot_send_or_see_the_invitations(world, planned, client_as, api_as):
    meeting, _rows = planned
    response = client_as("secretariat_b").post(
        reverse("meetings:meeting_action", args=[meeting.pk, "send_invitations"])
    )
    assert response.status_code == 404
    response = api_as("secretariat_b").post(f"/api/meetings/meetings/{meeting.pk}/send-invitations/")
    assert response.status_code == 404
    assert not Attendance.objects.filter(meeting=meeting).exclude(invited_at=None).exists()


def test_the_api_sends_through_the_same_service(world, planned, api_as, django_capture_on_commit_callbacks):
    meeting, rows = planned
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as("secretariat").post(f"/api/meetings/meetings/{meeting.pk}/send-invitations/")
    assert response.status_code == 200 and sorted(response.json()["invited"]) == sorted(r.pk for r in rows.values())
    run_queued_tasks()
    assert mail_to("power@example.ir")


def test_rescheduling_sends_the_update_and_cancelling_the_cancellation(
    world, planned, client_as, api_as, django_capture_on_commit_callbacks
):
    meeting, _rows = planned
    send_by_page(client_as("secretariat"), meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    sms.outbox.clear()

    # A change nobody sees (the notes) sends nothing; a new hour and place send the update, SEQUENCE 1.
    api = api_as("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        assert api.patch(f"/api/meetings/meetings/{meeting.pk}/", {"notes": "یادداشت"}).status_code == 200
    run_queued_tasks()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = api.patch(f"/api/meetings/meetings/{meeting.pk}/", {"start_time": "10:00", "place": "شهرک صنعتی"})
    assert response.status_code == 200
    run_queued_tasks()
    update = mail_to("power@example.ir")
    assert len(update) == 1 and "تغییر" in update[0].subject
    calendar, method = ics_of(update[0])
    assert method == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 1 and event.decoded("DTSTART").hour == 10
    assert str(event["UID"]) == uid(meeting), "the same event, replaced"
    assert not pdfs_of(update[0]), "no second letter for an update"
    assert any("تغییر جلسه" in m.text for m in sms.outbox)

    # Cancelling (the page's form) sends METHOD:CANCEL with the next SEQUENCE.
    mail.outbox.clear()
    client = client_as("secretariat")
    page = client.get(meeting.get_absolute_url()).content.decode()
    cancel_url = reverse("meetings:meeting_action", args=[meeting.pk, "cancel"])
    assert cancel_url in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url, {"reason": "سفر استاندار"})
    run_queued_tasks()
    cancelled = mail_to("chair@example.ir")
    assert len(cancelled) == 1
    calendar, method = ics_of(cancelled[0])
    event = calendar.walk("VEVENT")[0]
    assert method == "CANCEL" and str(calendar["METHOD"]) == "CANCEL"
    assert int(event["SEQUENCE"]) == 2 and str(event["STATUS"]) == "CANCELLED"
    assert "سفر استاندار" in cancelled[0].body


# ---------------------------------------------------------------- answering


def test_an_invitee_answers_from_the_link_and_the_answer_fills_the_attendance(
    world, planned, client, client_as, django_capture_on_commit_callbacks
):
    meeting, rows = planned
    sms.outbox.clear()
    send_by_page(client_as("secretariat"), meeting, django_capture_on_commit_callbacks)
    link = urlsplit(link_in(mail_to("power@example.ir")[0].body)).path

    page = client.get(link)
    html = page.content.decode()
    assert page.status_code == 200 and "اداره برق الف" in html and "سالن شهید بهشتی" in html

    refused = client.post(link, {"answer": "represent", "name": "", "position": ""})
    assert refused.status_code == 400
    assert "نام نماینده را بنویسید" in refused.content.decode() and "سمت نماینده را بنویسید" in refused.content.decode()
    row = Attendance.objects.get(pk=rows["power"].pk)
    assert row.answer == "" and row.status == AttendanceStatus.INVITED, "nothing half-written"

    assert client.post(link, {"answer": "represent", "name": "علی رضایی", "position": "معاون"}).status_code == 302
    row.refresh_from_db()
    assert (row.answer, row.status, row.represented_by) == ("represent", "represented", "علی رضایی، معاون")

    # Changed until the meeting is held.
    assert client.post(link, {"answer": "decline"}).status_code == 302
    row.refresh_from_db()
    assert (row.answer, row.status, row.represented_by) == ("decline", "absent", "")
    assert client.post(link, {"answer": "attend", "name": "مهدی نوری", "position": "رئیس اداره"}).status_code == 302
    row.refresh_from_db()
    assert (row.status, row.person_name, row.position) == ("present", "مهدی نوری", "رئیس اداره")

    tab = client_as("secretariat").get(meeting.get_absolute_url(), {"tab": "attendance"}).content.decode()
    assert f'data-testid="answer-{row.pk}"' in tab and "حضور می‌یابم" in tab

    Meeting.objects.filter(pk=meeting.pk).update(date=today())
    services.hold(Meeting.objects.get(pk=meeting.pk))
    closed = client.post(link, {"answer": "decline"})
    assert closed.status_code == 400 and "برگزار شده است" in closed.content.decode()
    row.refresh_from_db()
    assert row.answer == "attend"


def test_an_altered_or_expired_link_is_refused_with_a_persian_page(world, planned, client):
    meeting, rows = planned
    token = answer_token(rows["tax"])
    url = reverse("meetings:invitation_answer", args=[token])
    assert client.get(url).status_code == 200

    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (altered, token.replace(":", ":x", 1), "abc"):
        response = client.get(reverse("meetings:invitation_answer", args=[bad]))
        assert response.status_code == 400 and "دست‌کاری" in response.content.decode()
    forged = signing.dumps({"a": rows["tax"].pk, "m": meeting.pk}, salt="another.salt")
    assert client.get(reverse("meetings:invitation_answer", args=[forged])).status_code == 400

    class SignedLongAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 61 * 24 * 3600)

    old = SignedLongAgo(salt=TOKEN_SALT).sign_object({"a": rows["tax"].pk, "m": meeting.pk})
    response = client.post(reverse("meetings:invitation_answer", args=[old]), {"answer": "attend"})
    assert response.status_code == 400 and "منقضی" in response.content.decode()
    rows["tax"].refresh_from_db()
    assert rows["tax"].answer == ""


# ---------------------------------------------------------------- quorum


def quorum_text(client, meeting):
    html = client.get(meeting.get_absolute_url()).content.decode()
    return search_key(re.search(r'data-testid="quorum">(.*?)</div>', html, re.S).group(1))


def test_the_quorum_shows_on_the_meeting_page_from_answers_then_from_attendance(world, planned, client_as):
    meeting, rows = planned
    client = client_as("secretariat")
    assert search_key("فراهم نیست") in quorum_text(client, meeting)

    services.answer_invitation(rows["tax"], "attend")
    services.answer_invitation(rows["chair"], "attend")
    text = quorum_text(client, meeting)
    # Two member agencies: more than half is both.
    assert search_key("فراهم نیست") in text and search_key("۱ از ۲ دستگاه عضو") in text
    services.answer_invitation(rows["power"], "represent", "علی رضایی", "معاون")
    text = quorum_text(client, meeting)
    assert search_key("حد نصاب: فراهم") in text and search_key("فراهم نیست") not in text
    assert search_key("بر پایه پاسخ") in text

    # The chair declines: not met while the series asks for the chair; met once the series does not.
    services.answer_invitation(rows["chair"], "decline")
    assert search_key("فراهم نیست") in quorum_text(client, meeting)
    world.series_a.quorum_needs_chair = False
    world.series_a.save()
    assert search_key("فراهم نیست") not in quorum_text(client, meeting)

    # Held: the confirmed attendance decides (the power company did not come after all).
    Meeting.objects.filter(pk=meeting.pk).update(date=today())
    services.hold(Meeting.objects.get(pk=meeting.pk))
    Attendance.objects.filter(pk=rows["power"].pk).update(status=AttendanceStatus.ABSENT)
    text = quorum_text(client, meeting)
    assert search_key("فراهم نیست") in text and search_key("بر پایه حضور و غیاب") in text


def test_sending_by_the_page_and_by_the_api_ends_the_same(world, planned, client_as, api_as):
    from tashil.core.models import ChangeLogEntry
    from tashil.core.testing.equivalence import by_api, by_page, same_both_ways

    meeting, rows = planned

    def state():
        invited = Attendance.objects.filter(meeting=meeting).exclude(invited_at=None)
        return {"invited": sorted(invited.values_list("pk", flat=True))}

    outcome = same_both_ways(
        ((ChangeLogEntry, ("content_type__model", "object_repr", "action", "message", "changes", "user_id")),),
        by_page(client_as("secretariat"), meeting.get_absolute_url(), action="/do/send_invitations/"),
        by_api(api_as("secretariat"), f"/api/meetings/meetings/{meeting.pk}/send-invitations/"),
        state,
    )
    assert outcome["state"]["invited"] == sorted(row.pk for row in rows.values())
    assert any("دعوتنامه برای ۴ دعوت‌شده" in entry["message"] for entry in outcome["core.ChangeLogEntry"])
