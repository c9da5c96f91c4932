"""The letters' business events: the register a user issues in, the draft made from a record, issuing (number,
date, verification code, the stored PDF, in one transaction) and noting an agency's reply letter.

Pages, the API, the demo data and tests call these functions; nothing else numbers or issues a letter.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tashil.core import scope
from tashil.core.changelog import log_event
from tashil.core.choices import Role, ScopeLevel
from tashil.core.jalali import format_jalali, to_jalali, today
from tashil.core.persian import to_persian_digits
from tashil.core.workdays import working_days_between

from .choices import LetterKind
from .models import IncomingLetterNote, Letter, LetterAttachment, LetterCounter, Secretariat


def new_verification_code():
    """An unguessable, non-sequential code for the verification page (core.verification)."""
    from tashil.core.verification import new_code

    return new_code()


# ---------------------------------------------------------------- registers


def secretariat_of_place(level, province=None, county=None, create=True):
    """The secretariat of a place, made with a default name and letterhead the first time it is needed (unsaved
    when ``create`` is false: what a preview names before anything is issued)."""
    if level == ScopeLevel.COUNTY:
        lookup, place = {"level": level, "county": county}, _("شهرستان %(name)s") % {"name": county}
        province = county.province
    elif level == ScopeLevel.PROVINCE:
        lookup, place = {"level": level, "province": province}, _("استان %(name)s") % {"name": province}
    else:
        lookup, place = {"level": ScopeLevel.NATION}, _("کشور")
    secretariat = Secretariat.objects.filter(**lookup).first()
    if secretariat is None:
        secretariat = Secretariat(
            level=level,
            province=province,
            county=county,
            name=_("دبیرخانه ستاد تسهیل %(place)s") % {"place": place},
            letterhead=_("ستاد تسهیل و رفع موانع تولید %(place)s") % {"place": place},
        )
        if create:
            secretariat.full_clean()
            secretariat.save()
    return secretariat


def secretariat_for(user, county=None, create=True):
    """The register ``user`` issues a letter about ``county`` in: their secretariat's — the county's own before
    the province's before the nation's; an administrator issues in the county's (or the nation's). None when
    the user keeps no register there. ``create=False``: a register not made yet comes back unsaved."""
    secretariats = [m for m in scope.memberships(user) if m.role == Role.SECRETARIAT]
    for level in (ScopeLevel.COUNTY, ScopeLevel.PROVINCE, ScopeLevel.NATION):
        for membership in secretariats:
            if membership.level != level:
                continue
            if county is not None and level == ScopeLevel.COUNTY and membership.county_id != county.pk:
                continue
            if county is not None and level == ScopeLevel.PROVINCE and membership.province_id != county.province_id:
                continue
            return secretariat_of_place(level, province=membership.province, county=membership.county, create=create)
    admin = user.is_superuser or any(m.role == Role.ADMIN for m in scope.memberships(user))
    if admin:
        if county is not None:
            return secretariat_of_place(ScopeLevel.COUNTY, county=county, create=create)
        return secretariat_of_place(ScopeLevel.NATION, create=create)
    return None


def county_of(resolution=None, meeting=None, obstacle=None, referrals=()):
    """The county of the record a letter concerns (None for a letter about none)."""
    for record in (resolution, meeting, obstacle):
        if record is not None:
            return record.county
    for referral in referrals:
        return referral.obstacle.county
    return None


def record_county(letter):
    """The county of a saved letter's record."""
    return county_of(letter.resolution, letter.meeting, letter.obstacle, letter.referrals.all() if letter.pk else ())


# ---------------------------------------------------------------- drafts made from records


def days_text(start, end):
    return to_persian_digits(max(working_days_between(start, end), 0))


def referral_draft(referrals):
    """A referral letter to the agency of ``referrals`` (one obstacle, or a batch of the agency's referrals)."""
    first = referrals[0]
    due = max(r.due_date for r in referrals)
    if len(referrals) == 1:
        subject = _("ارجاع مانع تولید واحد «%(unit)s»: %(title)s") % {
            "unit": first.obstacle.unit,
            "title": first.obstacle.title,
        }
    else:
        subject = _("ارجاع %(count)s مانع تولید برای رسیدگی") % {"count": to_persian_digits(len(referrals))}
    body = _(
        "با سلام و احترام،\n"
        "به استناد وظایف ستاد تسهیل و رفع موانع تولید، مانع(های) تولید فهرست‌شده در این نامه برای رسیدگی به آن "
        "دستگاه ارجاع می‌شود. خواهشمند است دستور فرمایید نتیجه رسیدگی حداکثر ظرف %(days)s روز کاری (تا %(due)s) "
        "در سامانه تسهیل ثبت یا با نامه رسمی به این دبیرخانه اعلام شود."
    ) % {"days": days_text(today(), due), "due": format_jalali(due, persian=True)}
    return {
        "kind": LetterKind.REFERRAL,
        "recipient_agency": first.agency,
        "subject": subject,
        "body": body,
        "due_date": due,
        "obstacle": first.obstacle if len({r.obstacle_id for r in referrals}) == 1 else None,
        "referrals": referrals,
    }


def resolution_notice_draft(resolution):
    """The notice of an approved resolution to its responsible agency, with the deadline and objection window."""
    meeting = resolution.meeting
    objection_end = resolution.objection_deadline
    body = _(
        "با سلام و احترام،\n"
        "مصوبه شماره %(number)s جلسه %(meeting)s مورخ %(date)s که صورتجلسه آن به تأیید رسیده است، برای اجرا "
        "به آن دستگاه ابلاغ می‌شود. مصوبات کارگروه برای دستگاه‌های اجرایی لازم‌الاجراست؛ خواهشمند است گزارش اجرا "
        "را تا پایان مهلت (%(deadline)s) ارائه فرمایید. دستگاه مسئول در صورت اعتراض، تا %(days)s روز پس از تأیید "
        "صورتجلسه%(until)s فرصت دارد اعتراض خود را با ذکر دلیل اعلام کند."
    ) % {
        "number": to_persian_digits(resolution.number),
        "meeting": meeting.series.title,
        "date": format_jalali(meeting.date, persian=True),
        "deadline": format_jalali(resolution.deadline, persian=True),
        "days": to_persian_digits(settings.TASHIL_OBJECTION_DAYS),
        "until": _(" (تا %(day)s)") % {"day": format_jalali(objection_end, persian=True)} if objection_end else "",
    }
    return {
        "kind": LetterKind.RESOLUTION_NOTICE,
        "recipient_agency": resolution.agency,
        "subject": _("ابلاغ مصوبه شماره %(number)s %(meeting)s")
        % {"number": to_persian_digits(resolution.number), "meeting": meeting},
        "body": body,
        "due_date": resolution.deadline,
        "resolution": resolution,
        "meeting": meeting,
        "obstacle": resolution.obstacle,
    }


def invitation_draft(meeting, agency):
    """The invitation of ``agency`` to ``meeting``, with the day, hour and place."""
    when = format_jalali(meeting.date, "{weekday} {d} {month} {y}", persian=True)
    hour = meeting.start_time or meeting.series.start_time
    place = meeting.place or meeting.series.default_place or _("محل اعلام‌شده")
    body = _(
        "با سلام و احترام،\n"
        "از جنابعالی یا نماینده تام‌الاختیار آن دستگاه دعوت می‌شود در جلسه %(series)s (جلسه شماره %(number)s) "
        "که روز %(when)s ساعت %(hour)s در %(place)s برگزار می‌شود حضور یابید. دستور کار جلسه در این نامه آمده است."
    ) % {
        "series": meeting.series.title,
        "number": to_persian_digits(meeting.number),
        "when": when,
        "hour": to_persian_digits(hour.strftime("%H:%M")) if hour else "—",
        "place": place,
    }
    return {
        "kind": LetterKind.INVITATION,
        "recipient_agency": agency,
        "subject": _("دعوت به %(meeting)s") % {"meeting": meeting},
        "body": body,
        "due_date": meeting.date,
        "meeting": meeting,
    }


def reminder_draft(referral=None, resolution=None):
    """A reminder (تذکر) for an overdue referral or resolution; the PDF adds its history."""
    record = referral or resolution
    due = referral.due_date if referral else resolution.deadline
    earlier = list(record.letters.filter(status="issued").order_by("date", "pk"))
    following = (
        _("پیرو نامه‌های %(letters)s، ")
        % {"letters": "، ".join(f"{x.number} مورخ {format_jalali(x.date, persian=True)}" for x in earlier)}
        if earlier
        else ""
    )
    what = (
        _("ارجاع مانع «%(title)s» واحد «%(unit)s»") % {"title": referral.obstacle.title, "unit": referral.obstacle.unit}
        if referral
        else _("اجرای مصوبه شماره %(number)s %(meeting)s")
        % {"number": to_persian_digits(resolution.number), "meeting": resolution.meeting}
    )
    body = _(
        "با سلام و احترام،\n"
        "%(following)sمهلت %(what)s در %(due)s به پایان رسیده و تاکنون نتیجه آن به این دبیرخانه اعلام نشده است. "
        "خواهشمند است دستور فرمایید در اسرع وقت اقدام و نتیجه اعلام شود؛ سابقه پیگیری در این نامه آمده است."
    ) % {"following": following, "what": what, "due": format_jalali(due, persian=True)}
    return {
        "kind": LetterKind.REMINDER,
        "recipient_agency": record.agency,
        "subject": _("یادآوری: %(what)s") % {"what": what},
        "body": body,
        "due_date": None,
        "referrals": [referral] if referral else [],
        "obstacle": referral.obstacle if referral else resolution.obstacle,
        "resolution": resolution,
        "meeting": resolution.meeting if resolution else None,
    }


def history_of(letter):
    """What a reminder recounts: the earlier letters on its record, the agency's replies, and the dates."""
    from tashil.core.jalali import format_jalali_datetime

    rows = []
    referrals = list(letter.referrals.select_related("obstacle"))
    records = [*referrals, *([letter.resolution] if letter.resolution_id else [])]
    for record in records:
        if hasattr(record, "referred_date"):
            rows.append(
                (
                    record.referred_date,
                    _("ارجاع به %(agency)s، مهلت %(due)s")
                    % {"agency": record.agency, "due": format_jalali(record.due_date, persian=True)},
                )
            )
        else:
            rows.append(
                (
                    record.meeting.date,
                    _("تصویب در %(meeting)s، مهلت اجرا %(due)s")
                    % {"meeting": record.meeting, "due": format_jalali(record.deadline, persian=True)},
                )
            )
        for earlier in record.letters.filter(status="issued").exclude(pk=letter.pk):
            rows.append(
                (
                    earlier.date,
                    _("نامه %(number)s: %(subject)s") % {"number": earlier.number, "subject": earlier.subject},
                )
            )
        for note in record.incoming_letters.all():
            rows.append(
                (
                    note.date,
                    _("پاسخ دستگاه با نامه %(number)s %(note)s")
                    % {"number": to_persian_digits(note.number), "note": note.note},
                )
            )
        responded = getattr(record, "responded_at", None)
        if responded:
            rows.append(
                (
                    responded.date(),
                    _("آخرین پاسخ در سامانه: %(when)s") % {"when": format_jalali_datetime(responded, persian=True)},
                )
            )
    return sorted(rows, key=lambda row: row[0])


# ---------------------------------------------------------------- issuing


def check_issuable(letter):
    """What each kind of letter needs before it can be numbered; a Persian refusal naming what is missing."""
    if letter.is_issued:
        raise ValidationError(Letter.FROZEN_MESSAGE)
    if letter.kind == LetterKind.REFERRAL and not letter.referrals.exists():
        raise ValidationError(_("نامه ارجاع باید دست‌کم یک ارجاع را در بر داشته باشد."))
    if letter.kind == LetterKind.RESOLUTION_NOTICE:
        if not letter.resolution_id:
            raise ValidationError(_("ابلاغ مصوبه باید به یک مصوبه مربوط باشد."))
        if not letter.resolution.meeting.is_frozen:
            raise ValidationError(
                _("مصوبه را پس از تأیید صورتجلسه می‌توان ابلاغ کرد؛ صورتجلسه این جلسه هنوز تأیید نشده است.")
            )
    if letter.kind == LetterKind.INVITATION and not letter.meeting_id:
        raise ValidationError(_("دعوتنامه باید به یک جلسه مربوط باشد."))
    if letter.kind == LetterKind.REMINDER and not (letter.resolution_id or letter.referrals.exists()):
        raise ValidationError(_("نامه یادآوری باید به یک ارجاع یا یک مصوبه مربوط باشد."))
    if letter.referrals.exclude(agency_id=letter.recipient_agency_id).exists():
        raise ValidationError(_("همه ارجاع‌های یک نامه باید به دستگاه گیرنده آن باشند."))


def next_number(secretariat, year):
    """The next sequence of ``secretariat`` in Jalali ``year``, taken under the counter row's lock: the caller's
    transaction holds it until it commits, so numbers are consecutive and a failed issue gives its back."""
    LetterCounter.objects.get_or_create(secretariat=secretariat, year=year)
    counter = LetterCounter.objects.select_for_update().get(secretariat=secretariat, year=year)
    counter.last += 1
    counter.save(update_fields=["last", "updated"])
    return counter.last


def pdf_filename(letter):
    return f"letter-{letter.year or 'draft'}-{letter.sequence or letter.pk}.pdf"


@transaction.atomic
def save_draft(letter, user=None, attachment=None):
    """A draft written or corrected (the page's form, the API, the admin): saved, and the file the page attached
    kept with it. Its recipients' referrals and copies are set by the caller after it (many-to-many)."""
    letter.save()
    if attachment is not None:
        LetterAttachment.objects.create(
            letter=letter, file=attachment, name=attachment.name[:255], size=attachment.size
        )
    return letter


@transaction.atomic
def issue_letter(letter, user):
    """Number, date and seal a draft: the secretariat's next number of the year, a verification code, the PDF
    rendered once and stored with its SHA-256. All or nothing; the letter is frozen from then on."""
    from .pdf import render_letter

    letter = Letter.objects.select_for_update().select_related("secretariat").get(pk=letter.pk)
    check_issuable(letter)
    day = today()
    year = to_jalali(day).year
    letter.year = year
    letter.sequence = next_number(letter.secretariat, year)
    letter.number = letter.secretariat.format_number(year, letter.sequence)
    letter.date = day
    letter.verification_code = new_verification_code()
    letter.status = "issued"
    letter.issued_at = timezone.now()
    letter.issued_by = letter.signer = user
    content = render_letter(letter)
    letter.pdf.save(pdf_filename(letter), ContentFile(content), save=False)
    try:
        letter.pdf_sha256 = hashlib.sha256(content).hexdigest()
        letter.save()
        message = _("نامه %(number)s (%(kind)s) صادر شد.") % {
            "number": letter.number,
            "kind": letter.get_kind_display(),
        }
        log_event(letter, message)
        for record in {*letter.referrals.all(), letter.resolution, letter.meeting} - {None}:
            log_event(record, message)
    except Exception:
        letter.pdf.delete(save=False)
        raise
    return letter


@transaction.atomic
def issue_invitation_letter(meeting, agency, user):
    """The invitation letter (دعوتنامه) of ``agency`` to ``meeting``, issued in ``user``'s register the first time
    the meeting's invitations go out (meetings' «دعوت», through the attachment registry of
    ``meetings.invitations``); the letter already issued after that. None when ``user`` keeps no register for
    the meeting's county."""
    issued = (
        Letter.objects.filter(meeting=meeting, recipient_agency=agency, kind=LetterKind.INVITATION, status="issued")
        .order_by("-pk")
        .first()
    )
    if issued is not None:
        return issued
    secretariat = secretariat_for(user, meeting.county) if user is not None else None
    if secretariat is None:
        return None
    draft = invitation_draft(meeting, agency)
    letter = Letter(
        secretariat=secretariat,
        signer_name=secretariat.signer_name or str(user),
        signer_position=secretariat.signer_position or getattr(user, "position", "") or _("دبیر ستاد"),
        **draft,
    )
    letter.full_clean()
    letter.save()
    return issue_letter(letter, user)


def registers_of(referrals, user):
    """``referrals`` grouped by the register ``user`` issues their letter in (and by agency): [(secretariat,
    agency, referrals)], in the order first met; referrals of a county where the user keeps no register are left
    out."""
    groups = {}
    for referral in referrals:
        secretariat = secretariat_for(user, referral.obstacle.county)
        if secretariat is None:
            continue
        groups.setdefault((secretariat.pk, referral.agency_id), (secretariat, referral.agency, []))[2].append(referral)
    return list(groups.values())


@transaction.atomic
def issue_batch_referral_letters(referrals, user):
    """The referral letter of obstacles referred together (the obstacle list's bulk referral): ONE letter to the
    agency listing all of its new referrals, drafted as from the referrals' page and issued at once — numbered in
    ``user``'s register, its PDF stored, an event on each referral's history. One per register and agency (a
    national administrator's batch may span counties); none where the user keeps no register. Returns the letters."""
    letters = []
    for secretariat, _agency, batch in registers_of(referrals, user):
        draft = referral_draft(batch)
        draft.pop("referrals")
        letter = Letter(
            secretariat=secretariat,
            signer_name=secretariat.signer_name or str(user),
            signer_position=secretariat.signer_position or getattr(user, "position", "") or _("دبیر ستاد"),
            **draft,
        )
        letter.full_clean()
        letter.save()
        letter.referrals.set(batch)
        letters.append(issue_letter(letter, user))
    return letters


# ---------------------------------------------------------------- incoming letters


@transaction.atomic
def record_incoming_letter(*, user, number, date, note="", referral=None, resolution=None):
    """Note an agency's reply letter on a referral or a resolution; the record's history says so too."""
    incoming = IncomingLetterNote(
        referral=referral, resolution=resolution, number=number, date=date, note=note, recorded_by=user
    )
    incoming.full_clean()
    incoming.save()
    log_event(
        incoming.target(),
        _("نامه وارده دستگاه به شماره %(number)s مورخ %(date)s ثبت شد.")
        % {"number": to_persian_digits(incoming.number), "date": format_jalali(date, persian=True)},
    )
    return incoming
