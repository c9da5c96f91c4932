"""The minutes (صورتجلسه) as a Persian PDF that looks like the official form, rendered with WeasyPrint and the
vendored Vazirmatn font: right to left, shaped, Persian digits and page numbers."""

from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from tashil.obstacles.models import Obstacle

FONT_DIR = Path(settings.BASE_DIR) / "tashil" / "static" / "vendor" / "vazirmatn" / "ttf"


def minutes_context(meeting):
    # The minutes are one document for everyone who may see the meeting: they name only the meeting's own
    # county's obstacles (all an agenda accepts), even where an older link says otherwise.
    own_obstacles = Prefetch("obstacles", queryset=Obstacle.objects.filter(county_id=meeting.county_id))
    agenda = list(meeting.agenda_items.select_related("unit").prefetch_related(own_obstacles))
    attendance = list(meeting.attendance.select_related("agency"))
    return {
        "meeting": meeting,
        "county": meeting.county,
        "attendance": attendance,
        "signatures": [a for a in attendance if a.status in ("present", "represented")],
        "agenda": agenda,
        "resolutions": list(meeting.resolutions.select_related("agency", "unit")),
        "amendments": list(meeting.amendments.select_related("author")),
        "findings": list(meeting.findings.select_related("unit", "obstacle")),
        "desk_requests": list(meeting.desk_requests.select_related("unit", "agency")),
        "draft": not meeting.is_frozen,
        "font_regular": (FONT_DIR / "Vazirmatn-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "Vazirmatn-Bold.ttf").as_uri(),
        "obstacle_model": Obstacle,
    }


def render_minutes(meeting, code="", url="", qr=""):
    """The PDF bytes of the meeting's minutes (marked as a draft until they are approved); approved minutes carry
    their verification code, address and QR (``store_minutes`` seals them through core.verification)."""
    from weasyprint import HTML

    context = minutes_context(meeting)
    context.update(verification_code=code, verify_url=url, qr=qr)
    with translation.override("fa"):
        html = render_to_string("meetings/minutes.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def minutes_filename(meeting):
    return f"minutes-{meeting.county.code}-{meeting.kind}-{meeting.number}.pdf"


def minutes_issuer(meeting):
    """Who issues the minutes, as the verification page names it: the headquarters of the county, its chair."""
    issuer = _("ستاد تسهیل و رفع موانع تولید شهرستان %(county)s") % {"county": meeting.county.name}
    if meeting.chair_name:
        issuer += f" — {meeting.chair_name}" + (f"، {meeting.chair_position}" if meeting.chair_position else "")
    return issuer
