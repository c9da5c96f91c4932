"""Meeting invitations that go out: who an invitee is reached at, the signed answer link, the calendar file
(.ics) and the e-mail and SMS texts. The events themselves (send, update, cancel, answer) are in
``services.py``; the e-mails go through the task worker (``tasks.send_invitation``).

A higher app adds to an invitation through the registries below (meetings never imports it): letters issues the
invitation letter (دعوتنامه) of an invited agency and attaches its PDF.
"""

import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tashil.core.jalali import format_jalali
from tashil.core.persian import to_persian_digits
from tashil.core.validators import normalize_mobile

TEHRAN = ZoneInfo("Asia/Tehran")
TOKEN_SALT = "tashil.meetings.invitation"
DEFAULT_LENGTH = datetime.timedelta(hours=2)

REQUEST, CANCEL = "REQUEST", "CANCEL"

# attachment(row, user, method) -> [(filename, bytes, mimetype)]: files an e-mail to an invitee carries.
ATTACHMENTS = []


def add_attachment(provider):
    """Register a provider of files attached to the invitation e-mail (letters: the invitation letter)."""
    if provider not in ATTACHMENTS:
        ATTACHMENTS.append(provider)


# ---------------------------------------------------------------- the signed link


def answer_token(row):
    """The signed token of an invitee's answer link: the attendance row and its meeting, no sign-in needed."""
    return signing.dumps({"a": row.pk, "m": row.meeting_id}, salt=TOKEN_SALT)


def answer_url(row):
    """The invitee's answer link, signed once per row object: one sending's e-mail, calendar file and SMS carry
    the same link (a signature holds the second it was made in: signed for each, two could differ)."""
    url = vars(row).get("invitation_answer_url")
    if url is None:
        url = settings.TASHIL_SITE_URL.rstrip("/") + reverse("meetings:invitation_answer", args=[answer_token(row)])
        row.invitation_answer_url = url
    return url


def link_max_age():
    return datetime.timedelta(days=settings.TASHIL_INVITATION_LINK_DAYS)


def read_token(token):
    """The (attendance id, meeting id) a token was signed for; ``signing.SignatureExpired`` when it is older than
    ``TASHIL_INVITATION_LINK_DAYS``, ``signing.BadSignature`` when it was altered."""
    data = signing.loads(token, salt=TOKEN_SALT, max_age=link_max_age())
    if not isinstance(data, dict) or not isinstance(data.get("a"), int) or not isinstance(data.get("m"), int):
        raise signing.BadSignature("malformed invitation token")
    return data["a"], data["m"]


# ---------------------------------------------------------------- who is reached where


def contacts(row):
    """The e-mail addresses and mobiles an invitee is reached at: the row's own; for an agency its address, its
    contacts and its officers; for a unit its representatives. Each once."""
    from tashil.obstacles.notify import agency_officers, unit_representatives

    emails, mobiles = [row.email], [row.mobile]
    if row.agency_id:
        emails.append(row.agency.email)
        for contact in row.agency.contacts.all():
            emails.append(contact.email)
            mobiles.append(contact.phone)
        for user in agency_officers(row.agency):
            emails.append(user.email)
            mobiles.append(user.mobile)
    if row.unit_id:
        for user in unit_representatives(row.unit):
            emails.append(user.email)
            mobiles.append(user.mobile)
    emails = list(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()))
    mobiles = [normalize_mobile(m) for m in mobiles if m]
    mobiles = list(dict.fromkeys(m for m in mobiles if len(m) == 11 and m.startswith("09") and m.isdigit()))
    return emails, mobiles


# ---------------------------------------------------------------- when and where


def starts_at(meeting):
    hour = meeting.start_time or meeting.series.start_time or datetime.time(9, 0)
    return datetime.datetime.combine(meeting.date, hour, tzinfo=TEHRAN)


def ends_at(meeting):
    if meeting.end_time and (not meeting.start_time or meeting.end_time > meeting.start_time):
        return datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=TEHRAN)
    return starts_at(meeting) + DEFAULT_LENGTH


def place_of(meeting):
    return meeting.place or meeting.series.default_place or _("محل اعلام‌شده")


def when_text(meeting):
    """«چهارشنبه ۱۹ آذر ۱۴۰۵ ساعت ۹:۰۰»."""
    hour = starts_at(meeting).strftime("%H:%M")
    return _("%(day)s ساعت %(hour)s") % {
        "day": format_jalali(meeting.date, "{weekday} {d} {month} {y}", persian=True),
        "hour": to_persian_digits(hour),
    }


# ---------------------------------------------------------------- the calendar file


def uid(meeting):
    """The same for every invitation, update and cancellation of one meeting, so calendars replace the event."""
    host = urlsplit(settings.TASHIL_SITE_URL).hostname or "tashil.local"
    return f"meeting-{meeting.pk}@{host}"


def calendar_file(meeting, row, method, emails=()):
    """The .ics of an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL), in Asia/Tehran time, with
    the meeting's stable UID and its current SEQUENCE."""
    from icalendar import Calendar, Event, vCalAddress, vText

    calendar = Calendar()
    calendar.add("prodid", "-//Tashil//Meeting invitations//FA")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid(meeting))
    event.add("sequence", meeting.invitation_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts_at(meeting))
    event.add("dtend", ends_at(meeting))
    event.add("summary", str(meeting))
    event.add("location", place_of(meeting))
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("description", description(meeting, row, method))
    if method != CANCEL:
        event.add("url", answer_url(row))
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or 'no-reply@tashil.local'}")
    organizer.params["cn"] = vText(_("دبیرخانه ستاد تسهیل شهرستان %(county)s") % {"county": meeting.county.name})
    event["organizer"] = organizer
    for email in emails:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(row.invitee)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_part(meeting, row, method, emails=()):
    """The .ics as an e-mail part calendars recognise: ``text/calendar; method=…; charset=utf-8``, attached
    as invite.ics."""
    from email.mime.text import MIMEText

    part = MIMEText(calendar_file(meeting, row, method, emails).decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


# ---------------------------------------------------------------- the texts


def agenda_lines(meeting):
    return [
        f"{to_persian_digits(index)}. {item.title}"
        for index, item in enumerate(meeting.agenda_items.order_by("order", "pk")[:20], start=1)
    ]


def description(meeting, row, method):
    if method == CANCEL:
        return _("جلسه %(meeting)s لغو شد. %(reason)s") % {"meeting": meeting, "reason": meeting.cancel_reason}
    lines = [
        _("%(meeting)s — %(when)s — %(place)s")
        % {"meeting": meeting, "when": when_text(meeting), "place": place_of(meeting)}
    ]
    agenda = agenda_lines(meeting)
    if agenda:
        lines += [_("دستور کار:"), *agenda]
    lines.append(_("پاسخ دعوت (حضور، معرفی نماینده یا عذر): %(url)s") % {"url": answer_url(row)})
    return "\n".join(lines)


def mail_subject(meeting, method, update):
    if method == CANCEL:
        return _("[تسهیل] لغو %(meeting)s") % {"meeting": meeting}
    if update:
        return _("[تسهیل] تغییر زمان یا محل %(meeting)s") % {"meeting": meeting}
    return _("[تسهیل] دعوت به %(meeting)s") % {"meeting": meeting}


def mail_body(meeting, row, method, update):
    if method == CANCEL:
        return _(
            "با سلام و احترام،\n%(meeting)s که قرار بود %(when)s در %(place)s برگزار شود، لغو شد.\nدلیل: %(reason)s"
        ) % {
            "meeting": meeting,
            "when": when_text(meeting),
            "place": place_of(meeting),
            "reason": meeting.cancel_reason or "—",
        }
    intro = (
        _("زمان یا محل %(meeting)s تغییر کرد. زمان و محل تازه:") % {"meeting": meeting}
        if update
        else _("از «%(invitee)s» برای حضور در %(meeting)s دعوت می‌شود:") % {"invitee": row.invitee, "meeting": meeting}
    )
    lines = [_("با سلام و احترام،"), intro, _("زمان: %(when)s") % {"when": when_text(meeting)}]
    lines.append(_("محل: %(place)s") % {"place": place_of(meeting)})
    agenda = agenda_lines(meeting)
    if agenda:
        lines += ["", _("دستور کار:"), *agenda]
    lines += [
        "",
        _("لطفاً از این پیوند پاسخ دهید (حضور، معرفی نماینده با نام و سمت، یا عذر)؛ تا پیش از برگزاری جلسه می‌توانید")
        + _(" پاسخ خود را تغییر دهید:"),
        answer_url(row),
        "",
        _("فایل پیوست (invite.ics) جلسه را به تقویم شما می‌افزاید."),
    ]
    return "\n".join(lines)


def sms_text(meeting, row, method, update):
    """A short Persian message with the link."""
    if method == CANCEL:
        return _("لغو جلسه: %(meeting)s (%(when)s). ستاد تسهیل") % {"meeting": meeting, "when": when_text(meeting)}
    head = _("تغییر جلسه") if update else _("دعوت به جلسه")
    return _("%(head)s: %(meeting)s، %(when)s، %(place)s. پاسخ: %(url)s") % {
        "head": head,
        "meeting": meeting,
        "when": when_text(meeting),
        "place": place_of(meeting),
        "url": answer_url(row),
    }
