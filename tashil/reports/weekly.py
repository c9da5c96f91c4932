"""The weekly report for the governor's meeting: this week and the year to date side by side, and the
resolutions past their deadline grouped by the agency responsible. A Persian PDF and an XLSX workbook."""

import tempfile

from django.conf import settings
from django.db.models import Count, Q
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tashil.core.exports import filename, safe_cell
from tashil.core.jalali import format_jalali, today
from tashil.meetings.choices import OPEN_RESOLUTION_STATUSES, MeetingStatus, ResolutionStatus
from tashil.meetings.minutes import FONT_DIR
from tashil.meetings.models import Meeting, Resolution
from tashil.obstacles.choices import ObstacleStatus
from tashil.obstacles.models import Obstacle, Referral

from . import figures
from .figures import Period

OVERDUE_LIMIT = 300


def weekly_report(area, user):
    week, ytd = Period.this_week(), Period.year_to_date()
    periods = {"week": week, "ytd": ytd}
    obstacles = area.rows(Obstacle.objects.all(), user).aggregate(
        **{f"registered_{n}": Count("pk", filter=p.q("reported_date")) for n, p in periods.items()},
        **{
            f"resolved_{n}": Count("pk", filter=Q(status=ObstacleStatus.RESOLVED) & p.q("closed_date"))
            for n, p in periods.items()
        },
    )
    resolutions = area.rows(Resolution.objects.exclude(status=ResolutionStatus.CANCELLED), user).aggregate(
        **{f"passed_{n}": Count("pk", filter=p.q("meeting__date")) for n, p in periods.items()},
        **{
            f"executed_{n}": Count("pk", filter=Q(status=ResolutionStatus.EXECUTED) & p.q("closed_date"))
            for n, p in periods.items()
        },
    )
    meetings = area.rows(Meeting.objects.filter(status__in=(MeetingStatus.HELD, MeetingStatus.APPROVED)), user)
    held = meetings.aggregate(**{n: Count("pk", filter=p.q("date")) for n, p in periods.items()})
    reactivated = figures.reactivations(area, user, periods)
    execution = figures.resolution_figures(area, user, ytd)
    rows = [
        (_("موانع تازه ثبت‌شده"), obstacles["registered_week"], obstacles["registered_ytd"]),
        (_("موانع رفع‌شده"), obstacles["resolved_week"], obstacles["resolved_ytd"]),
        (_("جلسات برگزارشده"), held["week"], held["ytd"]),
        (_("مصوبات"), resolutions["passed_week"], resolutions["passed_ytd"]),
        (_("مصوبات اجراشده"), resolutions["executed_week"], resolutions["executed_ytd"]),
        (_("بازگشت واحدها به فعالیت"), reactivated["week"], reactivated["ytd"]),
    ]
    overdue = (
        area.rows(Resolution.objects.filter(status__in=OPEN_RESOLUTION_STATUSES, deadline__lt=today()), user)
        .select_related("agency", "meeting", "unit")
        .order_by("agency__name", "deadline")[:OVERDUE_LIMIT]
    )
    by_agency = {}
    for resolution in overdue:
        name = str(resolution.agency) if resolution.agency else _("تولیدکننده")
        by_agency.setdefault(name, []).append(resolution)
    return {
        "area": area,
        "week": week,
        "ytd": ytd,
        "rows": rows,
        "units": figures.unit_figures(area, user),
        "execution": execution,
        "overdue_referrals": area.rows(Referral.objects.overdue(), user).count(),
        "by_agency": by_agency,
        "today": today(),
        "name": f"{_('گزارش هفتگی')} {area.label}",
    }


def weekly_pdf(report):
    from weasyprint import HTML

    context = {
        **report,
        "font_regular": (FONT_DIR / "Vazirmatn-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "Vazirmatn-Bold.ttf").as_uri(),
    }
    with translation.override("fa"):
        html = render_to_string("reports/weekly_pdf.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def weekly_xlsx(report):
    """Two sheets: the figures, and the overdue resolutions by agency. Cells are safe from formula injection."""
    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = _("خلاصه هفته")
    sheet.sheet_view.rightToLeft = True
    sheet.append([_("گزارش هفتگی ستاد تسهیل"), str(report["area"].label)])
    sheet.append(
        [
            _("هفته"),
            f"{format_jalali(report['week'].start, persian=False)} - {format_jalali(report['week'].end, persian=False)}",
        ]
    )
    sheet.append([])
    sheet.append([_("شاخص"), _("این هفته"), _("از آغاز سال")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for label, week, ytd in report["rows"]:
        sheet.append([label, week, ytd])
    execution = report["execution"]
    sheet.append([])
    sheet.append(
        [
            _("اجرای مصوبات امسال: اجراشده / در پیگیری / اجرانشده"),
            execution["executed"],
            execution["following"],
            execution["not_executed"],
        ]
    )
    sheet.append([_("درصد اجرا"), execution["rate"]])
    sheet.append([_("ارجاع‌های گذشته از مهلت"), report["overdue_referrals"]])
    sheet.column_dimensions["A"].width = 48
    overdue = book.create_sheet(_("مصوبات معوق"))
    overdue.sheet_view.rightToLeft = True
    overdue.append([_("دستگاه مسئول"), _("جلسه"), _("شماره"), _("متن مصوبه"), _("واحد"), _("مهلت"), _("روز تأخیر")])
    for cell in overdue[1]:
        cell.font = bold
    now = report["today"]
    for agency, resolutions in report["by_agency"].items():
        for resolution in resolutions:
            overdue.append(
                [
                    safe_cell(agency),
                    safe_cell(str(resolution.meeting)),
                    resolution.number,
                    safe_cell(resolution.text),
                    safe_cell(str(resolution.unit or "")),
                    format_jalali(resolution.deadline, persian=False),
                    (now - resolution.deadline).days,
                ]
            )
    overdue.column_dimensions["D"].width = 70
    for row in overdue.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True)
    handle = tempfile.TemporaryFile()
    book.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename(report["name"], "xlsx"))
