"""The certificate of attendance (گواهی حضور) as a Persian PDF: WeasyPrint with the vendored Vazirmatn. Issued
once (``issue_certificate``) with a verification code and QR (core.verification): the stored PDF is served from
then on, and /verify/<code>/ shows its number, date, issuer and hash."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from tashil.core import verification
from tashil.meetings.minutes import FONT_DIR

CERTIFICATE_KIND = "certificate"


def render_certificate(registration, code="", url="", qr=""):
    from weasyprint import HTML

    context = {
        "verification_code": code,
        "verify_url": url,
        "qr": qr,
        "registration": registration,
        "workshop": registration.workshop,
        "font_regular": (FONT_DIR / "Vazirmatn-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "Vazirmatn-Bold.ttf").as_uri(),
    }
    with translation.override("fa"):
        html = render_to_string("workshops/certificate.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def certificate_filename(registration):
    return f"certificate-{registration.certificate_number}.pdf"


def certificate_issuer(registration):
    return _("ستاد تسهیل و رفع موانع تولید شهرستان %(county)s") % {"county": registration.workshop.county.name}


@transaction.atomic
def issue_certificate(registration):
    """The certificate's PDF as issued: sealed with a verification code the first time it is asked for (only for
    someone whose attendance is recorded), the stored copy after that. Returns the PDF bytes."""
    from django.core.exceptions import ValidationError

    sealed = verification.seal_of(CERTIFICATE_KIND, registration.pk, lock=True)
    if sealed is not None and sealed.pdf:
        with sealed.pdf.open("rb") as handle:
            return handle.read()
    if not registration.attended:
        raise ValidationError(_("گواهی فقط برای کسانی صادر می‌شود که حضورشان در کارگاه ثبت شده است."))
    workshop = registration.workshop
    _sealed, content = verification.seal(
        CERTIFICATE_KIND,
        registration.pk,
        render=lambda code, url, qr: render_certificate(registration, code, url, qr),
        number=registration.certificate_number,
        date=workshop.date,
        issuer=certificate_issuer(registration),
        title=_("گواهی حضور %(name)s در کارگاه «%(workshop)s»")
        % {"name": registration.full_name, "workshop": workshop.title},
    )
    return content
