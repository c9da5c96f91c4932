"""What the letters app adds to the obstacle, referral, meeting and resolution pages — a «نامه‌ها» tab and the
«صدور نامه …» buttons — registered on their views from here, so those apps never import this one."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tashil.core import scope
from tashil.core.views import Button, Tab

LETTERS_TAB = Tab("letters", gettext_lazy("نامه‌ها"), "letters/tabs/record_letters.html")


def draft_url(**query):
    return f"{reverse('letters:letter_add')}?{urlencode(query)}"


def note_url(view, **query):
    query["return_url"] = view.object.get_absolute_url() + "?tab=letters"
    return f"{reverse('letters:incomingletternote_add')}?{urlencode(query)}"


def may_write_letters(view):
    from .models import Letter

    return scope.can(view.request.user, Letter, "add")


def may_note_replies(view):
    from .models import IncomingLetterNote

    return scope.can(view.request.user, IncomingLetterNote, "add")


def letters_of(view, queryset):
    from .tables import LetterTable

    letters = scope.restrict(queryset.select_related("secretariat", "recipient_agency"), view.request.user)
    return LetterTable(letters, user=view.request.user, orderable=False, exclude=("secretariat",))


def notes_of(view):
    """The agency's reply letters noted on the referral or resolution, beside its letters."""
    from .tables import IncomingLetterNoteTable

    notes = scope.restrict(view.object.incoming_letters.select_related("recorded_by"), view.request.user)
    return IncomingLetterNoteTable(notes, user=view.request.user, orderable=False)


def obstacle_buttons(view):
    if not may_write_letters(view) or not view.object.is_open:
        return []
    referrals = scope.restrict(view.object.referrals.open().select_related("agency"), view.request.user)
    return [
        Button(
            _("صدور نامه ارجاع به %(agency)s") % {"agency": referral.agency},
            draft_url(kind="referral", referrals=referral.pk),
            "bi-envelope-paper",
            f"letter-referral-{referral.pk}",
        )
        for referral in referrals
    ]


def referral_buttons(view):
    referral, buttons = view.object, []
    if may_write_letters(view) and referral.is_open:
        buttons.append(
            Button(
                _("صدور نامه ارجاع"),
                draft_url(kind="referral", referrals=referral.pk),
                "bi-envelope-paper",
                "letter-referral",
            )
        )
        if referral.is_overdue:
            buttons.append(
                Button(
                    _("صدور نامه یادآوری"),
                    draft_url(kind="reminder", referral=referral.pk),
                    "bi-alarm",
                    "letter-reminder",
                )
            )
    if may_note_replies(view):
        buttons.append(
            Button(
                _("ثبت نامه وارده"), note_url(view, referral=referral.pk), "bi-envelope-arrow-down", "incoming-letter"
            )
        )
    return buttons


def resolution_buttons(view):
    resolution, buttons = view.object, []
    if may_write_letters(view) and resolution.agency_id:
        if resolution.meeting.is_frozen and resolution.is_open:
            buttons.append(
                Button(
                    _("صدور ابلاغ مصوبه"),
                    draft_url(kind="resolution_notice", resolution=resolution.pk),
                    "bi-envelope-paper",
                    "letter-notice",
                )
            )
        if resolution.is_overdue:
            buttons.append(
                Button(
                    _("صدور نامه یادآوری"),
                    draft_url(kind="reminder", resolution=resolution.pk),
                    "bi-alarm",
                    "letter-reminder",
                )
            )
    if may_note_replies(view) and resolution.agency_id:
        buttons.append(
            Button(
                _("ثبت نامه وارده"),
                note_url(view, resolution=resolution.pk),
                "bi-envelope-arrow-down",
                "incoming-letter",
            )
        )
    return buttons


def meeting_buttons(view):
    meeting = view.object
    if (
        not may_write_letters(view)
        or meeting.status != "planned"
        or not meeting.attendance.filter(agency__isnull=False).exists()
    ):
        return []
    return [
        Button(
            _("صدور دعوتنامه"),
            draft_url(kind="invitation", meeting=meeting.pk),
            "bi-envelope-paper",
            "letter-invitation",
        )
    ]


def letter_document(code):
    """The issued letter with this verification code, as the public verification page shows it."""
    from tashil.core.verification import Document

    from .models import Letter

    letter = (
        Letter.objects.filter(verification_code=code, status="issued")
        .select_related("secretariat", "recipient_agency")
        .first()
    )
    if letter is None:
        return None
    issuer = letter.secretariat.letterhead
    if letter.signer_name:
        issuer += f" — {letter.signer_name}" + (f"، {letter.signer_position}" if letter.signer_position else "")
    return Document(
        kind_label=_("نامه"),
        number=letter.number,
        date=letter.date,
        issuer=issuer,
        recorded_sha256=letter.pdf_sha256,
        stored_file=letter.pdf or None,
        rows=[
            (_("نوع نامه"), letter.get_kind_display()),
            (_("گیرنده"), str(letter.recipient_agency)),
            (_("موضوع"), letter.subject),
        ],
    )


def invitation_letter(row, user, method):
    """The invitation e-mail to an invited agency carries its invitation letter (issued the first time the
    meeting's invitations go out, by the secretariat that sends them); updates and cancellations carry none."""
    from tashil.meetings.invitations import REQUEST

    from .services import issue_invitation_letter

    if method != REQUEST or not row.agency_id:
        return []
    letter = issue_invitation_letter(row.meeting, row.agency, user)
    if letter is None or not letter.pdf:
        return []
    with letter.pdf.open("rb") as handle:
        return [(f"davatname-{letter.year}-{letter.sequence}.pdf", handle.read(), "application/pdf")]


def batch_referral_letter(batch):
    """Obstacles referred to one agency at once from the list (obstacles' ``after_batch_referred``): one
    numbered referral letter to the agency for all of them, in the same transaction, so a refused letter refers
    nothing; linked from each referral (its «نامه‌ها» tab and history)."""
    from .services import issue_batch_referral_letters

    for letter in issue_batch_referral_letters(batch.referrals, batch.user):
        batch.lines.append(
            _("نامه ارجاع %(number)s برای همه آن‌ها به «%(agency)s» صادر شد.")
            % {"number": letter.number, "agency": letter.recipient_agency}
        )


def batch_referral_letter_preview(batch):
    """What the batch's confirmation page says the letters app will do."""
    from .services import secretariat_for

    registers = {
        str(secretariat)
        for obstacle in batch.obstacles
        if (secretariat := secretariat_for(batch.user, obstacle.county, create=False)) is not None
    }
    if registers:
        batch.lines.append(
            _(
                "برای همه این موانع یک نامه ارجاع رسمی به دستگاه در «%(register)s» شماره و صادر می‌شود و از هر "
                "ارجاع به آن پیوند داده می‌شود (نه یک نامه برای هر مانع)."
            )
            % {"register": "، ".join(sorted(registers))}
        )


def connect():
    """Register the tabs and buttons (from LettersConfig.ready), and the letters' verification finder."""
    from tashil.core.verification import register_finder
    from tashil.meetings.invitations import add_attachment

    register_finder(letter_document)
    add_attachment(invitation_letter)
    from tashil.obstacles.services import after_batch_referred, describe_batch_referral

    after_batch_referred(batch_referral_letter)
    describe_batch_referral(batch_referral_letter_preview)
    from tashil.meetings.views import MeetingView, ResolutionView
    from tashil.obstacles.views import ObstacleView, ReferralView

    from .models import IncomingLetterNote, Letter

    def may_read(view):
        return scope.can(view.request.user, Letter, "view")

    def may_read_letters_or_replies(view):
        return may_read(view) or scope.can(view.request.user, IncomingLetterNote, "view")

    def obstacle_letters(view):
        from django.db.models import Q

        obstacle = view.object
        return Letter.objects.filter(Q(obstacle=obstacle) | Q(referrals__obstacle=obstacle)).distinct()

    ObstacleView.add_tab(
        LETTERS_TAB, context=lambda view: {"table": letters_of(view, obstacle_letters(view))}, permission=may_read
    )
    ObstacleView.add_buttons(obstacle_buttons)
    ReferralView.add_tab(
        LETTERS_TAB,
        context=lambda view: {"table": letters_of(view, view.object.letters.all()), "notes": notes_of(view)},
        permission=may_read_letters_or_replies,
    )
    ReferralView.add_buttons(referral_buttons)
    ResolutionView.add_tab(
        LETTERS_TAB,
        context=lambda view: {"table": letters_of(view, view.object.letters.all()), "notes": notes_of(view)},
        permission=may_read_letters_or_replies,
    )
    ResolutionView.add_buttons(resolution_buttons)
    MeetingView.add_tab(
        LETTERS_TAB, context=lambda view: {"table": letters_of(view, view.object.letters.all())}, permission=may_read
    )
    MeetingView.add_buttons(meeting_buttons)
