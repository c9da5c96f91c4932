"""The figures managers quote, each computed in the database by an aggregate query over what the user may
see in an area. Python only reshapes the handful of aggregated rows that come back; it never loops over
units, obstacles or resolutions.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tashil.clinic.models import ClinicCase
from tashil.core.aggregates import DaysBetween, Percentile
from tashil.core.choices import ScopeLevel
from tashil.core.jalali import (
    MONTHS,
    interface_digits,
    jalali_today,
    month_bounds,
    season_bounds,
    today,
    week_bounds,
    year_bounds,
)
from tashil.impact.models import ImpactRecord
from tashil.meetings.choices import OPEN_RESOLUTION_STATUSES, MeetingStatus, ResolutionStatus
from tashil.meetings.models import Meeting, Resolution
from tashil.meetings.reports import execution_by, execution_counts
from tashil.obstacles.choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    SETTLED_REVIEW_STATES,
    ObstacleStatus,
    ReviewState,
)
from tashil.obstacles.models import Obstacle, ProducerReview, Referral, open_referral_q
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit, UnitStatusChange

from . import scorecard
from .scorecard import percent

STOPPED = (UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE)
TREND_MONTHS = 12


@dataclass(frozen=True)
class Period:
    """A span of days with a Persian label: a Jalali week, month, season or year, or a year to date."""

    start: datetime.date
    end: datetime.date
    label: str

    @classmethod
    def month(cls, year, month):
        start, end = month_bounds(year, month)
        return cls(start, end, f"{MONTHS[month - 1]} {interface_digits(year)}")

    @classmethod
    def season(cls, year, season):
        from tashil.core.jalali import SEASONS

        start, end = season_bounds(year, season)
        return cls(start, end, f"{SEASONS[season - 1][2]} {interface_digits(year)}")

    @classmethod
    def year(cls, year):
        start, end = year_bounds(year)
        return cls(start, end, _("سال %(year)s") % {"year": interface_digits(year)})

    @classmethod
    def this_week(cls):
        start, end = week_bounds()
        return cls(start, end, _("این هفته"))

    @classmethod
    def year_to_date(cls):
        start, _end = year_bounds(jalali_today().year)
        return cls(start, today(), _("از آغاز سال تا امروز"))

    def q(self, field):
        return Q(**{f"{field}__range": (self.start, self.end)})


# Units ---------------------------------------------------------------------------------------------------


def unit_figures(area, user):
    """Units by status, inside and outside industrial zones: one query."""
    rows = (
        area.rows(IndustrialUnit.objects.all(), user)
        .order_by()
        .values("status")
        .annotate(inside=Count("pk", filter=Q(zone__isnull=False)), outside=Count("pk", filter=Q(zone__isnull=True)))
    )
    by_status = {row["status"]: row for row in rows}
    statuses = []
    for value, label in UnitStatus.choices:
        row = by_status.get(value, {"inside": 0, "outside": 0})
        statuses.append(
            {
                "value": value,
                "label": label,
                "inside": row["inside"],
                "outside": row["outside"],
                "total": row["inside"] + row["outside"],
            }
        )
    total = sum(s["total"] for s in statuses)
    stopped = sum(s["total"] for s in statuses if s["value"] in STOPPED)
    return {
        "statuses": statuses,
        "total": total,
        "inside": sum(s["inside"] for s in statuses),
        "outside": sum(s["outside"] for s in statuses),
        "stopped_share": percent(stopped, total),
    }


def units_by_division(area, user, limit=None):
    """Units by ISIC division (their class's group's division), active and stopped, the largest first, and those
    with no class yet: one query (the division's title read through the same joins)."""
    division = "isic_class__parent__parent"
    rows = (
        area.rows(IndustrialUnit.objects.all(), user)
        .order_by()
        .values(division, f"{division}__title_fa")
        .annotate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status=UnitStatus.ACTIVE)),
            stopped=Count("pk", filter=Q(status__in=STOPPED)),
        )
        .order_by("-total", division)
    )
    rows = [
        {
            "code": row[division] or "",
            "name": row[f"{division}__title_fa"] or _("بدون رده آیسیک"),
            "total": row["total"],
            "active": row["active"],
            "stopped": row["stopped"],
        }
        for row in rows
    ]
    return rows[:limit] if limit else rows


def reactivation_q(period=None):
    q = Q(from_status__in=STOPPED, to_status=UnitStatus.ACTIVE)
    return q & period.q("date") if period else q


def reactivations(area, user, periods):
    """Reactivations (semi-active or inactive → active) in each period, and how many the clinic brought
    about: one query. ``periods`` maps a name to a Period. Each change counts, as the status-change list
    filtered the same way shows them."""
    changes = area.rows(UnitStatusChange.objects.all(), user)
    aggregates = {}
    for name, period in periods.items():
        aggregates[name] = Count("pk", filter=reactivation_q(period))
        aggregates[f"{name}_clinic"] = Count("pk", filter=reactivation_q(period) & Q(clinic_case__isnull=False))
    return changes.aggregate(**aggregates)


def month_ends(count=TREND_MONTHS):
    """The last ``count`` Jalali months up to this one: (year, month, first day, last day), oldest first."""
    now = jalali_today()
    year, month = now.year, now.month
    months = []
    for _step in range(count):
        first, last = month_bounds(year, month)
        months.append((year, month, first, last))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def status_trend(area, user, count=TREND_MONTHS):
    """Units by status at the end of each of the last ``count`` Jalali months, from the status history.

    Every change moves one unit out of ``from_status`` into ``to_status`` (a registration comes from
    nowhere), so the number in a status at a date is the changes into it up to that date minus the changes
    out of it. One query buckets the changes by month; the running sums are over those few buckets.
    """
    months = month_ends(count)
    bucket = Case(
        When(date__lt=months[0][2], then=Value(-1)),
        *(When(date__lte=last, then=Value(index)) for index, (_y, _m, _first, last) in enumerate(months)),
        default=Value(count),
        output_field=IntegerField(),
    )
    rows = (
        area.rows(UnitStatusChange.objects.all(), user)
        .annotate(bucket=bucket)
        .order_by()
        .values("bucket", "from_status", "to_status")
        .annotate(n=Count("pk"))
    )
    flows = [{} for _index in range(count + 2)]  # -1 (before) .. count (after today)
    for row in rows:
        flow = flows[row["bucket"] + 1]
        flow[row["to_status"]] = flow.get(row["to_status"], 0) + row["n"]
        if row["from_status"]:
            flow[row["from_status"]] = flow.get(row["from_status"], 0) - row["n"]
    running = dict(flows[0])
    series = []
    for index, (year, month, _first, _last) in enumerate(months):
        for status, delta in flows[index + 1].items():
            running[status] = running.get(status, 0) + delta
        series.append(
            {"label": f"{MONTHS[month - 1]} {year % 100:02d}", **{s: running.get(s, 0) for s in UnitStatus.values}}
        )
    return series


# Obstacles -----------------------------------------------------------------------------------------------

OPEN = Q(status__in=OPEN_STATUSES)
RESOLVED = Q(status=ObstacleStatus.RESOLVED)
UNRESOLVABLE = Q(status=ObstacleStatus.UNRESOLVABLE)


def obstacle_figures(area, user):
    """Open / resolved / unresolvable, escalations and what is at stake, and how long resolving takes."""
    obstacles = area.rows(Obstacle.objects.all(), user)
    days = DaysBetween("closed_date", "reported_date")
    totals = obstacles.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=OPEN),
        resolved=Count("pk", filter=RESOLVED),
        unresolvable=Count("pk", filter=UNRESOLVABLE),
        escalated=Count("pk", filter=OPEN & ~Q(escalation_level=ScopeLevel.COUNTY)),
        jobs_at_risk=Sum("jobs_at_risk", filter=OPEN),
        rials_at_stake=Sum("amount", filter=OPEN),
        median_days=Percentile(days, 0.5, filter=RESOLVED),
        p90_days=Percentile(days, 0.9, filter=RESOLVED),
    )
    totals["overdue_referrals"] = area.rows(Referral.objects.overdue(), user).count()
    totals["resolved_share"] = percent(totals["resolved"], totals["resolved"] + totals["unresolvable"])
    return totals


def obstacles_by(area, user, field, label, limit=None):
    """Open / resolved / unresolvable grouped by ``field`` (domain, group, agency...): one query."""
    rows = (
        area.rows(Obstacle.objects.all(), user)
        .order_by()
        .values(field, label)
        .annotate(
            open=Count("pk", filter=OPEN),
            resolved=Count("pk", filter=RESOLVED),
            unresolvable=Count("pk", filter=UNRESOLVABLE),
            total=Count("pk"),
        )
        .order_by("-open", "-total", label)
    )
    rows = rows[:limit] if limit else rows
    return [dict(row, id=row[field], name=row[label]) for row in rows]


# Resolutions ---------------------------------------------------------------------------------------------


def resolution_figures(area, user, period):
    """Executed / being followed up / not executed (and %) of the resolutions passed in ``period``."""
    resolutions = area.rows(Resolution.objects.all(), user).filter(period.q("meeting__date"))
    return execution_counts(resolutions)


def resolutions_by_area(area, user, period):
    """The same per county (or per province at the national level): one query."""
    resolutions = area.rows(Resolution.objects.all(), user).filter(period.q("meeting__date"))
    if area.level == ScopeLevel.NATION:
        return execution_by(resolutions, "county__province", "county__province__name")
    return execution_by(resolutions, "county", "county__name")


# Impact --------------------------------------------------------------------------------------------------

IMPACT_RIALS = F("loans_rials") + F("debts_rials") + F("fines_rials")
IMPACT_SUMS = {
    "jobs_preserved": Sum("jobs_preserved"),
    "jobs_restored": Sum("jobs_restored"),
    "loans_rials": Sum("loans_rials"),
    "debts_rials": Sum("debts_rials"),
    "fines_rials": Sum("fines_rials"),
}


def impact_totals(row):
    """Zeros for the sums of no rows, and the headline totals: jobs (preserved + restored) and rials (all kinds)."""
    for key in (*IMPACT_SUMS, "records"):
        row[key] = int(row.get(key) or 0)
    row["jobs"] = row["jobs_preserved"] + row["jobs_restored"]
    row["rials"] = row["loans_rials"] + row["debts_rials"] + row["fines_rials"]
    return row


def impact_figures(area, user, period=None):
    """What the work saved in the area (optionally in a period): jobs preserved and restored, rials unlocked by
    kind, capacity restored (records with a figure and its mean): one query."""
    records = area.rows(ImpactRecord.objects.all(), user)
    if period is not None:
        records = records.filter(period.q("date"))
    row = records.aggregate(
        records=Count("pk"),
        **IMPACT_SUMS,
        capacity_records=Count("pk", filter=Q(capacity_restored__isnull=False)),
        capacity_mean=Avg("capacity_restored"),
    )
    row["capacity_mean"] = round(row["capacity_mean"], 1) if row["capacity_mean"] is not None else None
    return impact_totals(row)


def impact_by(area, user, field, label, limit=None, period=None):
    """The same sums grouped by ``field`` (agency, group, county, county__province): one query, largest first.
    Records with no value for ``field`` (a clinic revival credits no agency) are left out of the rows."""
    records = area.rows(ImpactRecord.objects.all(), user).exclude(**{f"{field}__isnull": True})
    if period is not None:
        records = records.filter(period.q("date"))
    rows = records.order_by().values(field, label).annotate(records=Count("pk"), **IMPACT_SUMS).order_by(label)
    rows = [impact_totals(dict(row, id=row[field], name=row[label])) for row in rows]
    rows.sort(key=lambda r: (-r["jobs"], -r["rials"], r["name"]))
    return rows[:limit] if limit else rows


def impact_beside_stake(area, user, period=None):
    """Per agency and per obstacle group: what the work saved (in the period) beside what is still at stake
    today — for a group its open obstacles, for an agency the referrals waiting for its answer (the inbox's
    open ones) — with their jobs at risk and rials. Two grouped queries each; a row for every agency or group
    with either, largest saving first, then largest at stake."""
    stakes = {
        "agency": area.rows(Referral.objects.filter(open_referral_q()), user)
        .values("agency", "agency__name")
        .annotate(
            waiting=Count("pk"), jobs_at_risk=Sum("obstacle__jobs_at_risk"), rials_at_stake=Sum("obstacle__amount")
        ),
        "group": area.rows(Obstacle.objects.filter(OPEN), user)
        .values("group", "group__name")
        .annotate(waiting=Count("pk"), jobs_at_risk=Sum("jobs_at_risk"), rials_at_stake=Sum("amount")),
    }
    breakdown = {}
    for field, at_stake in stakes.items():
        rows = {row["id"]: row for row in impact_by(area, user, field, f"{field}__name", period=period)}
        for stake in at_stake.order_by():
            row = rows.setdefault(stake[field], impact_totals({"id": stake[field], "name": stake[f"{field}__name"]}))
            row.update(
                waiting=stake["waiting"],
                jobs_at_risk=stake["jobs_at_risk"] or 0,
                rials_at_stake=stake["rials_at_stake"] or 0,
            )
        for row in rows.values():
            row.setdefault("waiting", 0)
            row.setdefault("jobs_at_risk", 0)
            row.setdefault("rials_at_stake", 0)
        breakdown[field] = sorted(
            rows.values(), key=lambda r: (-r["jobs"], -r["rials"], -r["jobs_at_risk"], -r["rials_at_stake"], r["name"])
        )
    return breakdown


def impact_by_area(area, user, period=None):
    """Per child area (provinces of the nation, counties of a province; the county itself at county level)."""
    if area.level == ScopeLevel.NATION:
        return impact_by(area, user, "county__province", "county__province__name", period=period)
    return impact_by(area, user, "county", "county__name", period=period)


# Agencies ------------------------------------------------------------------------------------------------


def agency_scorecard(area, user):
    """Per agency, every figure of the scorecard (declared in reports/scorecard.py)."""
    return scorecard.agency_scorecard(area, user)


def producer_reviews_by_agency(area, user):
    """Per agency, the producers' word on its «done» answers: how many were settled (confirmed, reopened or
    confirmed by silence), how many reopened, and the mean of each 1–5 rating given (silence rates nothing).
    Over the reviews the user sees in the area (a review is seen with its referral): one grouped query."""
    rows = (
        area.rows(ProducerReview.objects.filter(state__in=SETTLED_REVIEW_STATES), user)
        .order_by()
        .values("referral__agency")
        .annotate(
            reviews=Count("pk"),
            reopened=Count("pk", filter=Q(state=ReviewState.REOPENED)),
            outcome_rating=Avg("outcome_rating"),
            conduct_rating=Avg("conduct_rating"),
        )
    )
    return [{"agency": row.pop("referral__agency"), **row} for row in rows]


# The user's week -----------------------------------------------------------------------------------------


def upcoming_meetings(area, user, days=14, limit=6):
    now = today()
    return (
        area.rows(Meeting.objects.select_related("county", "site_unit"), user)
        .filter(date__range=(now, now + datetime.timedelta(days=days)), status=MeetingStatus.PLANNED)
        .order_by("date", "start_time")[:limit]
    )


def overdue_resolutions(area, user):
    now = today()
    return area.rows(Resolution.objects.filter(status__in=OPEN_RESOLUTION_STATUSES, deadline__lt=now), user)


def overdue_for_user(area, user, limit=5, counts=None):
    """What is past its deadline and in the user's hands: referrals and resolutions (the oldest, and how
    many; ``counts`` may bring the two numbers from the dashboard's cached figures)."""
    referrals = area.rows(Referral.objects.overdue().select_related("obstacle__unit", "agency"), user)
    resolutions = overdue_resolutions(area, user).select_related("agency", "meeting")
    counts = counts or {"referrals": referrals.count(), "resolutions": resolutions.count()}
    oldest_first = "due_date"
    if area.level == ScopeLevel.COUNTY:
        # In one county PostgreSQL would walk the whole country's due-date index looking for the county's
        # few late referrals (287 ms at national size); ordering by an expression the index does not hold
        # makes it start from the county's obstacles and sort the handful it finds (9 ms). The nation and
        # a province find theirs early on the index walk, so they keep it.
        oldest_first = Coalesce("due_date", "referred_date")
    return {
        "referrals": referrals.order_by(oldest_first, "pk")[:limit],
        "referral_count": counts["referrals"],
        "resolutions": resolutions.order_by("deadline")[:limit],
        "resolution_count": counts["resolutions"],
    }


# Areas side by side --------------------------------------------------------------------------------------


def by_area(area, user, period=None):
    """One row per child area (provinces of the nation, counties of a province) with the headline figures:
    three grouped queries (units, obstacles, resolutions), merged by area."""
    level = area.child_level
    if level is None:
        return []
    key = "county__province" if level == ScopeLevel.PROVINCE else "county"
    period = period or Period.year_to_date()
    units = (
        area.rows(IndustrialUnit.objects.all(), user)
        .order_by()
        .values(key, f"{key}__name")
        .annotate(
            units=Count("pk"),
            active=Count("pk", filter=Q(status=UnitStatus.ACTIVE)),
            semi_active=Count("pk", filter=Q(status=UnitStatus.SEMI_ACTIVE)),
            inactive=Count("pk", filter=Q(status=UnitStatus.INACTIVE)),
        )
    )
    obstacles = (
        area.rows(Obstacle.objects.all(), user)
        .order_by()
        .values(key)
        .annotate(
            open_obstacles=Count("pk", filter=OPEN),
            resolved=Count("pk", filter=RESOLVED & period.q("closed_date")),
            jobs_at_risk=Sum("jobs_at_risk", filter=OPEN),
        )
    )
    resolutions = (
        area.rows(Resolution.objects.exclude(status=ResolutionStatus.CANCELLED), user)
        .filter(period.q("meeting__date"))
        .order_by()
        .values(key)
        .annotate(resolutions=Count("pk"), executed=Count("pk", filter=Q(status=ResolutionStatus.EXECUTED)))
    )
    rows = {}
    blank = {
        "units": 0,
        "active": 0,
        "semi_active": 0,
        "inactive": 0,
        "open_obstacles": 0,
        "resolved": 0,
        "jobs_at_risk": 0,
        "resolutions": 0,
        "executed": 0,
    }
    for row in units:
        rows[row[key]] = {**blank, **row, "id": row[key], "name": row[f"{key}__name"]}
    for source in (obstacles, resolutions):
        for row in source:
            if row[key] in rows:
                rows[row[key]].update({k: v for k, v in row.items() if k != key})
    for row in rows.values():
        row["stopped_share"] = percent(row["semi_active"] + row["inactive"], row["units"])
        row["inactive_share"] = percent(row["inactive"], row["units"])
        row["execution_rate"] = percent(row["executed"], row["resolutions"])
        row["jobs_at_risk"] = row["jobs_at_risk"] or 0
        row["level"] = level
    return sorted(rows.values(), key=lambda r: r["name"])


def period_report(area, user, period):
    """The Jalali-period report: per child area (or the area itself at county level), what happened in the
    period — reactivations, obstacles registered and resolved, resolutions passed and executed, the impact
    recorded — beside what is still at stake today (open obstacles' jobs at risk and rials)."""
    level = area.child_level or ScopeLevel.COUNTY
    key = {"province": "county__province", "county": "county"}[level]
    change_key = f"unit__{key}"
    reactivated = dict(
        area.rows(UnitStatusChange.objects.all(), user)
        .filter(reactivation_q(period))
        .order_by()
        .values_list(change_key)
        .annotate(n=Count("pk"))
    )
    obstacles = {
        row[key]: row
        for row in area.rows(Obstacle.objects.all(), user)
        .order_by()
        .values(key)
        .annotate(
            registered=Count("pk", filter=period.q("reported_date")),
            resolved=Count("pk", filter=RESOLVED & period.q("closed_date")),
            closed=Count("pk", filter=Q(status__in=CLOSED_STATUSES) & period.q("closed_date")),
            jobs_at_risk=Sum("jobs_at_risk", filter=OPEN),
            rials_at_stake=Sum("amount", filter=OPEN),
        )
    }
    rows = []
    for row in by_area_base(area, user, key):
        area_id = row[key]
        obstacle = obstacles.get(area_id, {})
        rows.append(
            {
                "id": area_id,
                "name": row[f"{key}__name"],
                "level": level,
                "units": row["units"],
                "active": row["active"],
                "stopped": row["stopped"],
                "reactivated": reactivated.get(area_id, 0),
                "registered": obstacle.get("registered", 0),
                "resolved": obstacle.get("resolved", 0),
                "closed": obstacle.get("closed", 0),
                "jobs_at_risk": obstacle.get("jobs_at_risk") or 0,
                "rials_at_stake": obstacle.get("rials_at_stake") or 0,
            }
        )
    passed = {
        row[key]: row
        for row in area.rows(Resolution.objects.exclude(status=ResolutionStatus.CANCELLED), user)
        .filter(period.q("meeting__date"))
        .order_by()
        .values(key)
        .annotate(passed=Count("pk"), executed=Count("pk", filter=Q(status=ResolutionStatus.EXECUTED)))
    }
    impact = {row["id"]: row for row in impact_by(area, user, key, f"{key}__name", period=period)}
    for row in rows:
        resolution = passed.get(row["id"], {})
        row["passed"] = resolution.get("passed", 0)
        row["executed"] = resolution.get("executed", 0)
        row["execution_rate"] = percent(row["executed"], row["passed"])
        row["impact_jobs"] = impact.get(row["id"], {}).get("jobs", 0)
        row["impact_rials"] = impact.get(row["id"], {}).get("rials", 0)
    return sorted(rows, key=lambda r: r["name"])


def by_area_base(area, user, key):
    return (
        area.rows(IndustrialUnit.objects.all(), user)
        .order_by()
        .values(key, f"{key}__name")
        .annotate(
            units=Count("pk"),
            active=Count("pk", filter=Q(status=UnitStatus.ACTIVE)),
            stopped=Count("pk", filter=Q(status__in=STOPPED)),
        )
    )


def clinic_figures(area, user):
    """Clinic cases open and units revived by the clinic: one query."""
    return area.rows(ClinicCase.objects.all(), user).aggregate(
        open=Count("pk", filter=Q(closed_date__isnull=True)),
        revived=Count("pk", filter=Q(revival__isnull=False)),
    )
