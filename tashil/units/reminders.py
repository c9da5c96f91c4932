"""Monthly statistics in the daily job (notifications.reminders): each unit's representatives are reminded
before and on the day the month's report is due, and each county's secretariat, on the first working day of
the week, of the reports waiting for its review; once each.

A Jalali month's report is due on day ``report_due_day`` (the secretariat's setting, 10 by default) of the
next month.
"""

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from tashil.accounts.models import Membership, User
from tashil.core.choices import Role, ScopeLevel
from tashil.core.jalali import format_jalali, month_name, to_gregorian, to_jalali
from tashil.core.persian import to_persian_digits
from tashil.notifications.models import NotificationKind
from tashil.notifications.reminders import SettingsByCounty, Today, remind_once

from .choices import ReportStatus, UnitStatus
from .models import IndustrialUnit, PeriodicReport

# Units that make no monthly statistics.
NOT_REPORTING = (UnitStatus.CLOSED, UnitStatus.UNDER_CONSTRUCTION)


def report_month_before(year, month):
    return (year - 1, 12) if month == 1 else (year, month - 1)


def due_dates(now, settings_by_county, county_id):
    """The (report year, report month, due date) of this Jalali month's and next month's due days."""
    day = to_jalali(now.day)
    due_day = settings_by_county[county_id].report_due_day
    this_month = (day.year, day.month)
    next_month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return [(*report_month_before(*month), to_gregorian(*month, due_day)) for month in (this_month, next_month)]


def representatives_by_unit(unit_ids):
    users = {}
    rows = Membership.objects.filter(role=Role.UNIT_REP, is_active=True, unit_id__in=unit_ids, user__is_active=True)
    for membership in rows.select_related("user"):
        users.setdefault(membership.unit_id, []).append(membership.user)
    return users


def remind_monthly_reports(day=None):
    now, settings_by_county = Today(day), SettingsByCounty()
    if not now.is_working_day:
        return 0
    off = settings_by_county.counties_off("monthly_reports")
    counties = (
        IndustrialUnit.objects.exclude(status__in=NOT_REPORTING)
        .exclude(county_id__in=off)
        .filter(Exists(Membership.objects.filter(role=Role.UNIT_REP, is_active=True, unit=OuterRef("pk"))))
        .order_by()
        .values_list("county_id", flat=True)
        .distinct()
    )
    sent = 0
    for county_id in counties:
        for year, month, due in due_dates(now, settings_by_county, county_id):
            stage = now.stage(due, settings_by_county[county_id].days_before)
            if stage is not None:
                sent += remind_county(county_id, year, month, due, stage)
    return sent


def remind_county(county_id, year, month, due, stage):
    """Remind the representatives of the county's units with no report for ``year``/``month``."""
    units = list(
        IndustrialUnit.objects.filter(county_id=county_id)
        .exclude(status__in=NOT_REPORTING)
        .exclude(Exists(PeriodicReport.objects.filter(unit=OuterRef("pk"), year=year, month=month)))
        .filter(Exists(Membership.objects.filter(role=Role.UNIT_REP, is_active=True, unit=OuterRef("pk"))))
        .only("pk", "name")
    )
    people = representatives_by_unit([unit.pk for unit in units])
    period = f"{month_name(month)} {to_persian_digits(year)}"
    title = (
        _("امروز مهلت ثبت آمار %(period)s است")
        if stage == "due"
        else _("یادآوری: آمار %(period)s را تا %(due)s ثبت کنید")
    ) % {"period": period, "due": format_jalali(due)}
    sent = 0
    for unit in units:
        sent += remind_once(
            f"report:{unit.pk}:{year}-{month}:{stage}:{due.isoformat()}",
            people.get(unit.pk, []),
            NotificationKind.REPORT_DUE,
            title,
            _("آمار تولید، فروش و کارکنان «%(unit)s» برای %(period)s هنوز ثبت نشده است؛ مهلت: %(due)s.")
            % {"unit": unit.name, "period": period, "due": format_jalali(due)},
            reverse("units:periodicreport_add") + f"?unit={unit.pk}&year={year}&month={month}",
        )
    return sent


def remind_reviews(day=None):
    """Each county secretariat: how many monthly reports wait for its review; on the week's first working day."""
    now, settings_by_county = Today(day), SettingsByCounty()
    if not now.is_first_working_day_of_week:
        return 0
    waiting = (
        PeriodicReport.objects.filter(status=ReportStatus.SUBMITTED)
        .exclude(unit__county_id__in=settings_by_county.counties_off("report_reviews"))
        .values("unit__county_id")
        .annotate(count=Count("pk"))
    )
    sent = 0
    for row in waiting:
        county_id = row["unit__county_id"]
        secretariat = User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(
                role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county_id=county_id, is_active=True
            ).values("user_id"),
        )
        sent += remind_once(
            f"review:{county_id}:{now.week_start.isoformat()}",
            secretariat,
            NotificationKind.REPORT_REVIEW,
            _("%(count)s آمار ماهانه در انتظار بررسی است") % {"count": to_persian_digits(row["count"])},
            _("آمار ماهانه واحدها را بررسی و تأیید یا برای اصلاح برگردانید."),
            reverse("units:periodicreport_list") + f"?status={ReportStatus.SUBMITTED}",
        )
    return sent
