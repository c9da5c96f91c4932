"""The certificate of attendance (گواهی حضور) as a Persian PDF: WeasyPrint with the vendored Vazirmatn."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from tashil.meetings.minutes import FONT_DIR


def render_certificate(registration):
    from weasyprint import HTML

    context = {
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
