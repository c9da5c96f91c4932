"""Dashboards, the map and the reports, for the user's scope and an area within it (?province= / ?county=)."""

import copy
import io
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils.translation import gettext as _
from django.views import View

from tashil.accounts.audit import record_export
from tashil.clinic.choices import CaseStatus
from tashil.clinic.models import ClinicCase
from tashil.core import scope
from tashil.core.choices import Role, ScopeLevel
from tashil.core.exports import export_response, filename
from tashil.core.jalali import SEASONS, format_jalali, jalali_today
from tashil.core.persian import clean_text, search_key
from tashil.geo.areas import Area, area_from
from tashil.geo.cache import cached, computed_when, figures_key, kept_a_while, kept_rendering, rendered
from tashil.meetings.models import Resolution
from tashil.obstacles.choices import ObstacleStatus
from tashil.obstacles.models import Obstacle, Referral
from tashil.units.choices import STATUS_COLOURS, ReportStatus, UnitStatus
from tashil.units.models import IndustrialUnit, PeriodicReport

from . import figures, scorecard
from .figures import Period

REPORT_ROLES = {Role.ADMIN, Role.SECRETARIAT, Role.MANAGER, Role.AGENCY_OFFICER, Role.CLINIC_EXPERT}
MAP_POINT_LIMIT = 5000
MEASURES = {
    "inactive_share": _("سهم واحدهای غیرفعال (٪)"),
    "stopped_share": _("سهم واحدهای نیمه‌فعال و غیرفعال (٪)"),
    "open_obstacles": _("موانع باز"),
    "execution_rate": _("درصد اجرای مصوبات امسال"),
}


def may_see_reports(user):
    """Staff see dashboards of what their scope holds; a unit's representative has their unit's page instead."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(m.role in REPORT_ROLES for m in scope.memberships(user))


class ReportView(View):
    def dispatch(self, request, *args, **kwargs):
        if not may_see_reports(request.user):
            raise PermissionDenied
        self.area = area_from(request)
        return super().dispatch(request, *args, **kwargs)


def list_url(name, area, user, **params):
    """A list page's URL narrowed to the area and the given filters: where a figure's count can be checked.

    None when the user may not open that list, so the figure is shown without a link that would answer 403.
    """
    path = reverse(name)
    if not scope.can(user, resolve(path).func.view_class().object_model):
        return None
    query = {key: value for key, value in params.items() if value not in (None, "")}
    if area.county:
        query["county"] = area.county.pk
    elif area.province:
        query["province"] = area.province.pk
    return f"{path}?{urlencode(query, doseq=True)}"


def impact_record_url(level, area_id, **params):
    """The impact list narrowed to one county or province (and the given filters)."""
    query = {level: area_id, **{key: value for key, value in params.items() if value not in (None, "")}}
    return f"{reverse('impact:impactrecord_list')}?{urlencode(query)}"


def jalali_param(value):
    return format_jalali(value, persian=False)


def scorecard_rows(area, user, key=None):
    """The area's scorecard rows and when they were computed: computed once for the scorecard page, its export
    and the dashboard's excerpt (the nation's take seconds to compute) and kept as the dashboard's figures are."""
    return cached("scorecard", area, user, lambda: figures.agency_scorecard(area, user), key=key)


def agency_rows(area, user):
    rows, _computed = scorecard_rows(area, user)
    return rows


def dashboard_figures(area, user):
    """Everything on the dashboard that is aggregated from the data (and so worth caching)."""
    now = jalali_today()
    year, month = Period.year(now.year), Period.month(now.year, now.month)
    return {
        "units": figures.unit_figures(area, user),
        "divisions": figures.units_by_division(area, user, limit=12),
        "reactivated": figures.reactivations(area, user, {"year": year, "month": month}),
        "trend": figures.status_trend(area, user),
        "obstacles": figures.obstacle_figures(area, user),
        "domains": figures.obstacles_by(area, user, "group__domain", "group__domain__name"),
        "groups": figures.obstacles_by(area, user, "group", "group__name", limit=10),
        "resolutions": figures.resolution_figures(area, user, year),
        "resolution_rows": figures.resolutions_by_area(area, user, year),
        "scorecard": agency_rows(area, user)[:8],
        "clinic": figures.clinic_figures(area, user),
        "impact": figures.impact_figures(area, user),
        "impact_agencies": figures.impact_by(area, user, "agency", "agency__name", limit=8),
        "impact_groups": figures.impact_by(area, user, "group", "group__name", limit=10),
        "impact_areas": figures.impact_by_area(area, user),
        "children": figures.by_area(area, user),
        "overdue_resolutions": figures.overdue_resolutions(area, user).count(),
    }


def inbox_summary(user):
    """For an agency officer, what waits in their agency's inbox (always current, never from the figures'
    cache): referrals to answer, those past their due date, and resolutions the agency must execute."""
    agencies = [m.agency for m in scope.memberships(user) if m.role == Role.AGENCY_OFFICER and m.agency_id]
    if not agencies:
        return None
    ids = [agency.pk for agency in agencies]
    referrals = scope.restrict(Referral.objects.filter(agency_id__in=ids), user)
    resolutions = scope.restrict(Resolution.objects.open().filter(agency_id__in=ids), user)
    return {
        "agencies": agencies,
        "open": referrals.open().count(),
        "overdue": referrals.overdue().count(),
        "resolutions": resolutions.count(),
    }


def clinic_summary(user):
    """For a clinic expert, their centre's open cases and those with no weekly update yet this week."""
    if not any(m.role == Role.CLINIC_EXPERT for m in scope.memberships(user)):
        return None
    cases = scope.restrict(ClinicCase.objects.all(), user)
    return {"open": cases.open().count(), "no_update": cases.without_update_this_week().count()}


def secretariat_summary(user):
    """For a secretariat, what waits for it alone: obstacles registered and not yet referred to any agency,
    units' monthly statistics waiting for review and revivals an expert proposed; each with a link to that
    list. (Overdue referrals are on the dashboard itself.)"""
    if not any(m.role == Role.SECRETARIAT for m in scope.memberships(user)):
        return None
    obstacles = scope.restrict(Obstacle.objects.filter(status=ObstacleStatus.REGISTERED), user)
    reports = scope.restrict(PeriodicReport.objects.filter(status=ReportStatus.SUBMITTED), user)
    revivals = scope.restrict(ClinicCase.objects.filter(status=CaseStatus.AWAITING), user)
    items = [
        (obstacles.count(), _("مانع ثبت‌شده و هنوز ارجاع‌نشده"), "obstacles:obstacle_list", ObstacleStatus.REGISTERED),
        (reports.count(), _("آمار ماهانه در انتظار بررسی"), "units:periodicreport_list", ReportStatus.SUBMITTED),
        (revivals.count(), _("احیای واحد در انتظار تأیید"), "clinic:cliniccase_list", CaseStatus.AWAITING),
    ]
    return [
        {"count": count, "label": label, "url": f"{reverse(url)}?{urlencode({'status': status})}"}
        for count, label, url, status in items
        if count
    ]


def figure_links(area, user, data, year, month):
    """The dashboard's figures with the link of each to the list it counts (None where the user may not open
    that list): the context of its figure sections, rendered once per version of the figures and scope."""
    data = copy.deepcopy(data)
    units = data["units"]
    units["url"] = list_url("units:industrialunit_list", area, user)
    for status in units["statuses"]:
        status["colour"] = STATUS_COLOURS[status["value"]]
        status["url"] = list_url("units:industrialunit_list", area, user, status=status["value"])
    for row in data["divisions"]:
        row["url"] = row["code"] and list_url("units:industrialunit_list", area, user, isic_division=row["code"])
    for row in data["domains"]:
        row["url"] = list_url("obstacles:obstacle_list", area, user, domain=row["id"], state="open")
    for row in data["groups"]:
        row["url"] = list_url("obstacles:obstacle_list", area, user, group=row["id"], state="open")
    impact_list = list_url("impact:impactrecord_list", area, user)
    data["impact"]["url"] = impact_list
    for row in data["impact_agencies"]:
        row["url"] = impact_list and list_url("impact:impactrecord_list", area, user, agency=row["id"])
    for row in data["impact_groups"]:
        row["url"] = impact_list and list_url("impact:impactrecord_list", area, user, group=row["id"])
    impact_areas = {row["id"]: row for row in data["impact_areas"]}
    for row in data["children"]:
        row["drill"] = f"?{row['level']}={row['id']}"
        impact = impact_areas.get(row["id"], {})
        row["impact_jobs"], row["impact_rials"] = impact.get("jobs", 0), impact.get("rials", 0)
        row["impact_url"] = impact_list and impact_record_url(row["level"], row["id"])
    year_range = {"after": jalali_param(year.start), "before": jalali_param(year.end)}
    return {
        **data,
        "scorecard": scorecard_cells(area, user, data["scorecard"], scorecard.DASHBOARD_FIGURES),
        "scorecard_figures": scorecard.DASHBOARD_FIGURES,
        "area": area,
        "area_query": area.query,
        "reactivation_urls": {
            name: list_url(
                "units:unitstatuschange_list",
                area,
                user,
                reactivation="true",
                date_after=jalali_param(period.start),
                date_before=jalali_param(period.end),
            )
            for name, period in (("year", year), ("month", month))
        },
        "year": year,
        "month": month,
        "status_labels": dict(UnitStatus.choices),
        # The area's next meetings and what is past its deadline in it: they change with the same events as
        # the figures (a county's generation) and with the day (in the key of what is rendered).
        "meetings": list(figures.upcoming_meetings(area, user)),
        "overdue": figures.overdue_for_user(
            area,
            user,
            counts={"referrals": data["obstacles"]["overdue_referrals"], "resolutions": data["overdue_resolutions"]},
        ),
        "obstacle_urls": {
            "open": list_url("obstacles:obstacle_list", area, user, state="open"),
            "resolved": list_url("obstacles:obstacle_list", area, user, status=ObstacleStatus.RESOLVED),
            "unresolvable": list_url("obstacles:obstacle_list", area, user, status=ObstacleStatus.UNRESOLVABLE),
            "escalated": list_url("obstacles:obstacle_list", area, user, state="open", escalated="any"),
            "overdue": list_url("obstacles:referral_list", area, user, overdue="true"),
        },
        "resolution_urls": {
            "total": list_url("meetings:resolution_list", area, user, **year_range),
            "executed": list_url("meetings:resolution_list", area, user, status="executed", **year_range),
            "following": list_url("meetings:resolution_list", area, user, state="open", **year_range),
            "not_executed": list_url("meetings:resolution_list", area, user, status="not_executed", **year_range),
        },
    }


def render_figures(area, user, data, year, month):
    """The dashboard's figure sections as HTML: from the figures and the scope alone (no request, so nothing
    of the person — their name, menu or worklist — can enter what people of the same scope share)."""
    context = figure_links(area, user, data, year, month)
    return {
        "figures": render_to_string("reports/includes/dashboard_figures.html", context),
        "areas": render_to_string("reports/includes/dashboard_areas.html", context),
    }


def dashboard_context(request, area):
    user = request.user
    now = jalali_today()
    year, month = Period.year(now.year), Period.month(now.year, now.month)
    key = figures_key("dashboard", area, user)
    data, computed_at = cached(
        "dashboard",
        area,
        user,
        lambda: dashboard_figures(area, user),
        refresh=bool(request.GET.get("refresh")),
        key=key,
    )
    # The figure sections show this year and month (their labels and links): today's date completes the key.
    html = rendered(key, computed_at, lambda: render_figures(area, user, data, year, month), now)
    return {
        **data,  # the figures themselves (as read, without their links), beside the HTML rendered from them
        "figures_html": html["figures"],  # SafeStrings (rendered by templates), kept so by the cache's pickling
        "areas_html": html["areas"],
        "title": _("پیشخوان"),
        "area": area,
        "crumbs": area.breadcrumbs(user),
        "today": figures.today(),
        "computed_at": computed_at,
        "cached_area": kept_a_while(area),
        "memberships": scope.memberships(user),
        "inbox": inbox_summary(user),
        # Not «clinic»: that is the area's clinic figures (dashboard_figures), shown on the reactivations card.
        "clinic_summary": clinic_summary(user),
        "secretariat": secretariat_summary(user),
        # The county map's legend: each status and its colour.
        "statuses": [
            {"label": status["label"], "colour": STATUS_COLOURS[status["value"]]}
            for status in data["units"]["statuses"]
        ],
        "measures": MEASURES,
        "area_query": area.query,
    }


class DashboardView(ReportView):
    template_name = "reports/dashboard.html"

    def get(self, request):
        return render(request, self.template_name, dashboard_context(request, self.area))


def scorecard_cells(area, user, rows, figures=None):
    """The rows of a scorecard page with each figure's value and the link to the list it counts (None where
    the user may not open that list). Each list's URL is built once and narrowed per agency."""
    figures = figures or scorecard.FIGURES
    bases = {}
    for figure in figures:
        link = figure.link
        base = list_url(link.name, area, user, **link.params) if link else None
        if base and link.all_states:
            base += "&state="
        bases[figure.key] = base
    shown = []
    for row in rows:
        cells = []
        for figure in figures:
            base = bases[figure.key]
            url = f"{base}{'' if base.endswith('?') else '&'}{figure.link.agency_param}={row['id']}" if base else None
            cells.append({"figure": figure, "value": row[figure.key], "url": url})
        shown.append({"id": row["id"], "name": row["name"], "cells": cells})
    return shown


class ScorecardView(ReportView):
    """Every agency's record in the area: sortable, searchable by name, shown a page at a time, exportable whole.

    The nation has thousands of agencies: one page of all of them was a megabyte of HTML and 400 ms of
    rendering, and a phone could hardly scroll it. The sort and the search apply to all of them, then a page
    is shown; the export holds every row the search leaves."""

    PER_PAGE = 50

    # Sortable and exported: the agency's name, then every figure declared in reports/scorecard.py.
    COLUMNS = (("name", _("دستگاه")), *((figure.key, figure.label) for figure in scorecard.FIGURES))

    def get(self, request):
        query = clean_text(request.GET.get("q", ""))
        sort = request.GET.get("sort", "")
        column = sort.lstrip("-")
        if column not in dict(self.COLUMNS):
            sort = column = ""  # shown unsorted, as no sort at all
        fmt = request.GET.get("export")
        number = request.GET.get("page") or "1"
        figures_at = figures_key("scorecard", self.area, request.user)
        # A page of fifty agencies' seventeen figures and their links is rendered once per version of the rows
        # and scope (geo.cache.rendered), for each sort and page; then a visit need not read the rows at all
        # (the nation's are a megabyte). A search's few rows (any text) are rendered each time.
        kept = None
        if not query and fmt not in ("csv", "xlsx") and number.isdigit():
            computed_at = computed_when(figures_at, self.area)
            kept = computed_at and kept_rendering(figures_at, computed_at, sort, number)
        if kept:
            page = Paginator(range(kept["count"]), self.PER_PAGE).get_page(kept["number"])
            rows_html = kept["html"]
        else:
            rows, computed_at = scorecard_rows(self.area, request.user, key=figures_at)
            # The cache hands out its own copy (it pickles), and rows are only read: sorting makes a new list.
            if query:
                searched = search_key(query)
                rows = [r for r in rows if searched in search_key(r["name"])]
            if column:
                present = [r for r in rows if r[column] is not None]
                missing = [r for r in rows if r[column] is None]
                rows = sorted(present, key=lambda r: r[column], reverse=sort.startswith("-")) + missing
            if fmt in ("csv", "xlsx"):
                table = [
                    [str(label) for _key, label in self.COLUMNS],
                    *([r[k] for k, _l in self.COLUMNS] for r in rows),
                ]
                record_export(request, f"{_('کارنامه دستگاه‌ها')} {self.area.label}", fmt)
                return export_response(iter(table), fmt, f"{_('کارنامه دستگاه‌ها')} {self.area.label}")
            page = Paginator(rows, self.PER_PAGE).get_page(number)

            def render_page():
                cells = scorecard_cells(self.area, request.user, page.object_list)
                context = {"rows": cells, "query": query, "columns": self.COLUMNS}
                html = render_to_string("reports/includes/scorecard_rows.html", context)
                return {"html": html, "count": page.paginator.count, "number": page.number}

            if query:
                rows_html = render_page()["html"]
            else:
                rows_html = rendered(figures_at, computed_at, render_page, sort, page.number)["html"]
        context = {
            "title": _("کارنامه دستگاه‌های اجرایی"),
            "area": self.area,
            "crumbs": self.area.breadcrumbs(self.request.user),
            "rows_html": rows_html,
            "page": page,
            "query": query,
            "columns": self.COLUMNS,
            "sort": sort,
            "area_query": self.area.query,
        }
        return render(request, "reports/scorecard.html", context)


def period_from(request):
    """The period a report asks for: ?period=month|season|year&year=&month=|season= (this month by default)."""
    now = jalali_today()
    kind = request.GET.get("period", "month")
    try:
        year = int(request.GET.get("year") or now.year)
        if kind == "year":
            return kind, Period.year(year)
        if kind == "season":
            season = int(request.GET.get("season") or (now.month - 1) // 3 + 1)
            return kind, Period.season(year, season)
        month = int(request.GET.get("month") or now.month)
        return "month", Period.month(year, month)
    except (ValueError, IndexError, KeyError) as error:
        raise Http404 from error


class PeriodReportView(ReportView):
    """A Jalali month, season or year, the same figures for every county (or province), side by side."""

    COLUMNS = (
        ("name", _("محدوده")),
        ("units", _("واحدها")),
        ("active", _("فعال")),
        ("stopped", _("نیمه‌فعال و غیرفعال")),
        ("reactivated", _("بازگشت به فعالیت")),
        ("registered", _("موانع ثبت‌شده")),
        ("resolved", _("موانع رفع‌شده")),
        ("passed", _("مصوبات")),
        ("executed", _("مصوبات اجراشده")),
        ("execution_rate", _("درصد اجرا")),
        ("impact_jobs", _("اشتغال حفظ یا بازگشته (نفر)")),
        ("impact_rials", _("منابع آزادشده (ریال)")),
        ("jobs_at_risk", _("اشتغال هنوز در خطر (نفر)")),
        ("rials_at_stake", _("مبلغ هنوز درگیر (ریال)")),
    )
    # Per agency and per obstacle group: the impact of the period beside what is still at stake today.
    BREAKDOWN_COLUMNS = (
        ("name", None),
        ("records", _("اثرهای ثبت‌شده")),
        ("jobs", _("اشتغال حفظ یا بازگشته (نفر)")),
        ("rials", _("منابع آزادشده (ریال)")),
        ("waiting", None),
        ("jobs_at_risk", _("اشتغال هنوز در خطر (نفر)")),
        ("rials_at_stake", _("مبلغ هنوز درگیر (ریال)")),
    )
    BREAKDOWN_ROWS = 25
    BREAKDOWNS = (
        ("agency", _("دستگاه"), _("ارجاع‌های در انتظار پاسخ")),
        ("group", _("گروه مانع"), _("موانع باز")),
    )

    def breakdown_tables(self, breakdown):
        """The two tables (agency, obstacle group) with their headers: the page and the exports show the same."""
        tables = []
        for field, name, waiting in self.BREAKDOWNS:
            labels = {"name": name, "waiting": waiting}
            header = [labels.get(key, label) for key, label in self.BREAKDOWN_COLUMNS]
            tables.append({"field": field, "header": header, "rows": breakdown[field]})
        return tables

    def get(self, request):
        kind, period = period_from(request)
        rows, _computed = cached(
            f"period:{period.start}:{period.end}",
            self.area,
            request.user,
            lambda: figures.period_report(self.area, request.user, period),
        )
        breakdown, _computed = cached(
            f"period-impact:{period.start}:{period.end}",
            self.area,
            request.user,
            lambda: figures.impact_beside_stake(self.area, request.user, period),
        )
        tables = self.breakdown_tables(breakdown)
        totals = {key: sum(r[key] or 0 for r in rows) for key, _label in self.COLUMNS[1:] if key != "execution_rate"}
        totals["execution_rate"] = figures.percent(totals["executed"], totals["passed"])
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            table = [
                [label for _key, label in self.COLUMNS],
                *([r[k] for k, _l in self.COLUMNS] for r in rows),
                [_("جمع"), *(totals[k] for k, _l in self.COLUMNS[1:])],
            ]
            for each in tables:
                table += [[], each["header"], *([r[k] for k, _l in self.BREAKDOWN_COLUMNS] for r in each["rows"])]
            record_export(request, f"{_('گزارش دوره‌ای')} {period.label} {self.area.label}", fmt)
            return export_response(iter(table), fmt, f"{_('گزارش دوره‌ای')} {period.label} {self.area.label}")
        in_period = {"after": jalali_param(period.start), "before": jalali_param(period.end)}
        impact_list = list_url("impact:impactrecord_list", self.area, request.user, **in_period)
        for row in rows:
            # Each area's impact in the period, on the impact list narrowed to that area and those dates.
            if impact_list:
                row["impact_url"] = impact_record_url(row["level"], row["id"], **in_period)
        # The page shows each table's first rows (the largest saving, then the most at stake; the nation has
        # thousands of agencies), the export every row. Each agency's or group's impact links to the impact list
        # of the period, what is at stake to the referrals waiting for that agency or that group's open obstacles:
        # each list's URL built once, then narrowed per row.
        stake_lists = {
            "agency": ("obstacles:referral_list", {"state": "waiting"}),
            "group": ("obstacles:obstacle_list", {"state": "open"}),
        }
        for each in tables:
            name, filters = stake_lists[each["field"]]
            each["more"] = max(len(each["rows"]) - self.BREAKDOWN_ROWS, 0)
            each["rows"] = each["rows"][: self.BREAKDOWN_ROWS]
            impact_base = impact_list and list_url("impact:impactrecord_list", self.area, request.user, **in_period)
            stake_base = list_url(name, self.area, request.user, **filters)
            for row in each["rows"]:
                key = urlencode({each["field"]: row["id"]})
                row["impact_url"] = impact_base and f"{impact_base}&{key}"
                row["stake_url"] = stake_base and f"{stake_base}&{key}"
        now = jalali_today()
        context = {
            "title": _("گزارش دوره‌ای"),
            "impact_url": impact_list,
            "area": self.area,
            "crumbs": self.area.breadcrumbs(self.request.user),
            "period": period,
            "kind": kind,
            "rows": rows,
            "totals": totals,
            "columns": self.COLUMNS,
            "tables": tables,
            "years": range(now.year, now.year - 5, -1),
            "months": list(enumerate(figures.MONTHS, start=1)),
            "seasons": [(index, name) for index, (_first, _last, name) in enumerate(SEASONS, start=1)],
            "area_query": self.area.query,
            "selected": {
                "year": int(request.GET.get("year") or now.year),
                "month": int(request.GET.get("month") or now.month),
                "season": int(request.GET.get("season") or (now.month - 1) // 3 + 1),
            },
        }
        return render(request, "reports/period.html", context)


class WeeklyReportView(ReportView):
    """The weekly report for the governor's meeting, as a Persian PDF or an XLSX workbook."""

    def get(self, request, fmt):
        from .weekly import weekly_pdf, weekly_report, weekly_xlsx

        report = weekly_report(self.area, request.user)
        record_export(request, report["name"], fmt)
        if fmt == "pdf":
            return FileResponse(
                io.BytesIO(weekly_pdf(report)), as_attachment=True, filename=filename(report["name"], "pdf")
            )
        return weekly_xlsx(report)


class MapPointsView(ReportView):
    """Units of a county as points coloured by status (JSON for the map)."""

    def get(self, request):
        if self.area.level != ScopeLevel.COUNTY:
            raise Http404
        units = (
            self.area.rows(IndustrialUnit.objects.all(), request.user)
            .exclude(latitude__isnull=True)
            .exclude(longitude__isnull=True)
            .values("pk", "name", "status", "latitude", "longitude")[:MAP_POINT_LIMIT]
        )
        labels = dict(UnitStatus.choices)
        colours = {
            "success": "#198754",
            "warning": "#e0a800",
            "danger": "#dc3545",
            "info": "#0dcaf0",
            "dark": "#343a40",
        }
        points = [
            {
                "name": unit["name"],
                "status": str(labels[unit["status"]]),
                "colour": colours[STATUS_COLOURS[unit["status"]]],
                "lat": float(unit["latitude"]),
                "lng": float(unit["longitude"]),
                "url": reverse("units:industrialunit", kwargs={"pk": unit["pk"]}),
            }
            for unit in units
        ]
        return JsonResponse({"points": points})


class MapValuesView(ReportView):
    """A measure per province, for the choropleth (JSON keyed by the province's registry name)."""

    def get(self, request):
        measure = request.GET.get("measure", "inactive_share")
        if measure not in MEASURES:
            raise Http404
        # Province boundaries are what the map has: each province the user may see, whatever the area.
        nation = Area(ScopeLevel.NATION)
        rows, _computed = cached("areas", nation, request.user, lambda: figures.by_area(nation, request.user))
        values = {}
        for row in rows:
            value = row[measure]
            suffix = "٪" if measure.endswith(("share", "rate")) else ""
            values[row["name"]] = {
                "value": value,
                "label": f"{MEASURES[measure]}: {'—' if value is None else value}{suffix}",
                "url": f"{reverse('reports:dashboard')}?province={row['id']}",
            }
        numbers = [v["value"] for v in values.values() if v["value"] is not None]
        return JsonResponse({"values": values, "max": max(numbers) if numbers else 0})
