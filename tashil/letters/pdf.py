"""An official letter as a Persian PDF in the standard layout — the headquarters' letterhead, number, date and
«پیوست» in the header, the body, the signature block and the رونوشت list — rendered by WeasyPrint with the
vendored Vazirmatn font, like the minutes, with a QR code of its verification page (segno)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tashil.core.jalali import format_jalali
from tashil.core.persian import to_persian_digits
from tashil.core.workdays import working_days_between
from tashil.meetings.minutes import FONT_DIR


def verification_url(code):
    """The public page a printed letter's QR code and printed address lead to."""
    return settings.TASHIL_SITE_URL.rstrip("/") + reverse("verify:document", kwargs={"code": code})


def qr_data_uri(url):
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def letter_context(letter):
    from .services import history_of

    referrals = list(letter.referrals.select_related("obstacle__unit", "obstacle__group"))
    agency_type = letter.recipient_agency.type if letter.recipient_agency_id else None
    for referral in referrals:
        # The unit as the recipient agency knows it: its own number for the unit (economic code, workshop code…).
        referral.agency_identifiers = referral.obstacle.unit.identifiers_for(agency_type) if agency_type else []
    context = {
        "letter": letter,
        "secretariat": letter.secretariat,
        "draft": not letter.is_issued,
        "referrals": referrals,
        "resolution": letter.resolution,
        "meeting": letter.meeting,
        "agenda": list(letter.meeting.agenda_items.select_related("unit")) if letter.meeting_id else [],
        "copies": list(letter.copies.all()),
        "attachments": list(letter.attachments.all()),
        "history": history_of(letter) if letter.kind == "reminder" else [],
        "font_regular": (FONT_DIR / "Vazirmatn-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "Vazirmatn-Bold.ttf").as_uri(),
        "objection_days": to_persian_digits(settings.TASHIL_OBJECTION_DAYS),
    }
    if letter.due_date and letter.date:
        context["due_working_days"] = to_persian_digits(max(working_days_between(letter.date, letter.due_date), 0))
    if letter.verification_code:
        url = verification_url(letter.verification_code)
        context.update(verify_url=url, qr=qr_data_uri(url))
    context["date_text"] = format_jalali(letter.date, persian=True) if letter.date else "—"
    return context


def render_letter(letter):
    """The PDF bytes of the letter (marked as a draft until it is issued)."""
    from weasyprint import HTML

    with translation.override("fa"):
        html = render_to_string("letters/letter_pdf.html", letter_context(letter))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
