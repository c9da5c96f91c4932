"""The agency scorecard: every figure declared once, here.

A **source** is one grouped query over the area's rows (referrals, resolutions, meetings' attendance) that
returns one row per agency; a **figure** is a column of the scorecard: its key in those rows, its Persian
label, how it is shown, and the list whose rows it counts (``link``). ``agency_scorecard`` runs each source
once — never a query per agency — and merges them by agency; the page, its export, the dashboard's excerpt
and the API all read the same rows. A new figure is one ``Figure`` added to ``FIGURES`` (and, when it needs
another query, one ``Source`` added to ``SOURCES``); nothing else changes.

The counts are fair by construction: a referral's due date and first-response target are stored already net
of its agency's place's closures and of the days it waited on the producer (obstacles.services), so "on time"
compares two stored dates, and a median of working days reads the stored ``first_response_days``.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from tashil.core.aggregates import Percentile
from tashil.core.jalali import today
from tashil.impact.models import ImpactRecord
from tashil.meetings.choices import AttendanceStatus, ResolutionStatus
from tashil.meetings.models import Attendance, Resolution
from tashil.obstacles.choices import OPEN_REFERRAL_STATUSES, OPEN_STATUSES, SETTLED_REVIEW_STATES, ReviewState
from tashil.obstacles.models import (
    Referral,
    first_response_late_q,
    first_response_on_time_q,
    settled_late_q,
    settled_on_time_q,
    waited_q,
)
from tashil.orgs.models import Agency


def percent(part, whole, digits=1):
    return round(100 * part / whole, digits) if whole else None


@dataclass(frozen=True)
class Source:
    """Grouped queries: ``rows(area, user)`` yields dicts with ``agency`` (its key) and counts, one or more per agency;
    ``finish(entry)`` adds the figures derived from them (shares, rounding) once merged."""

    name: str
    rows: object
    defaults: dict
    finish: object = None


@dataclass(frozen=True)
class Link:
    """The list a figure counts: a list page's name and its filters (the agency's is added)."""

    name: str
    params: dict
    # Lists that open on a default filter (the referrals open on those awaiting an answer) are asked for all.
    all_states: bool = False
    agency_param: str = "agency"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    kind: str = "count"  # count | percent | decimal
    link: Link | None = None
    # Shown in red when not zero (what is late now).
    alarm: bool = False
    # The count the linked list shows: the figure itself, or for a share, a median or a sum the count of the rows
    # it is taken over (the on-time share's list holds the referrals done on time). Tests compare the two.
    counts: str = ""

    @property
    def counted(self):
        return self.counts or self.key


# ---------------------------------------------------------------------------------------- referrals


def referral_rows(area, user):
    """Three grouped queries, each as lean as its figure allows at a nation's million referrals: the counts
    read the referrals alone; the overdue ones also their obstacle's state, among the open referrals only; the
    median reads the index on (agency, first_response_days) alone (a median is an ordered aggregate, which
    PostgreSQL cannot compute in parallel or by hashing: read from the table it took four seconds)."""
    now = today()
    referrals = area.rows(Referral.objects.all(), user).order_by()
    counts = referrals.values("agency").annotate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(first_response_date__isnull=False)),
        first_on_time=Count("pk", filter=first_response_on_time_q()),
        first_late=Count("pk", filter=first_response_late_q(now)),
        on_time=Count("pk", filter=settled_on_time_q()),
        late=Count("pk", filter=settled_late_q()),
        waited=Count("pk", filter=waited_q()),
        days_waited=Sum("days_waited"),
    )
    overdue = (
        referrals.filter(status__in=OPEN_REFERRAL_STATUSES, obstacle__status__in=OPEN_STATUSES, due_date__lt=now)
        .values("agency")
        .annotate(overdue_now=Count("pk"))
    )
    medians = (
        referrals.filter(first_response_days__isnull=False)
        .values("agency")
        .annotate(first_days=Percentile("first_response_days", 0.5))
    )
    return [*counts, *overdue, *medians]


def finish_referrals(entry):
    # On time among the referrals whose promptness is decided: settled, escalated, or past due unsettled now.
    entry["on_time_share"] = percent(entry["on_time"], entry["on_time"] + entry["late"] + entry["overdue_now"])
    entry["first_on_time_share"] = percent(entry["first_on_time"], entry["first_on_time"] + entry["first_late"])
    entry["days_waited"] = entry["days_waited"] or 0
    if entry["first_days"] is not None:
        entry["first_days"] = round(entry["first_days"], 1)


# ---------------------------------------------------------------------------------------- resolutions


def resolution_rows(area, user):
    return (
        area.rows(Resolution.objects.exclude(status=ResolutionStatus.CANCELLED), user)
        .exclude(agency__isnull=True)
        .order_by()
        .values("agency")
        .annotate(
            resolutions=Count("pk"),
            executed=Count("pk", filter=Q(status=ResolutionStatus.EXECUTED)),
            failures=Count("pk", filter=Q(status=ResolutionStatus.NOT_EXECUTED, failure_party="agency")),
        )
    )


def finish_resolutions(entry):
    entry["executed_share"] = percent(entry["executed"], entry["resolutions"])


# ---------------------------------------------------------------------------------------- attendance


def attendance_rows(area, user):
    """Meetings each agency was present at, represented at, or absent from (as recorded in the minutes)."""
    return (
        area.rows(Attendance.objects.exclude(agency__isnull=True), user)
        .order_by()
        .values("agency")
        .annotate(
            **{
                status: Count("meeting", filter=Q(status=status), distinct=True)
                for status in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED, AttendanceStatus.ABSENT)
            }
        )
    )


def finish_attendance(entry):
    attended = entry["present"] + entry["represented"]
    entry["attendance_share"] = percent(attended, attended + entry["absent"])


# ---------------------------------------------------------------------------------------- impact


def impact_rows(area, user):
    """What the headquarters recorded as saved by the obstacles and resolutions credited to each agency."""
    return (
        area.rows(ImpactRecord.objects.exclude(agency__isnull=True), user)
        .order_by()
        .values("agency")
        .annotate(
            impact_records=Count("pk"),
            impact_jobs=Sum(F("jobs_preserved") + F("jobs_restored")),
            impact_rials=Sum(F("loans_rials") + F("debts_rials") + F("fines_rials")),
        )
    )


def finish_impact(entry):
    entry["impact_jobs"], entry["impact_rials"] = int(entry["impact_jobs"] or 0), int(entry["impact_rials"] or 0)


# ---------------------------------------------------------------------------------------- the producers' word


def review_rows(area, user):
    """The producers' confirmations, reopenings and ratings of each agency's «done» (reports.figures)."""
    from .figures import producer_reviews_by_agency

    return producer_reviews_by_agency(area, user)


def finish_reviews(entry):
    # Reopened among the «done» answers the producer (or the silence) settled.
    entry["reopen_share"] = percent(entry["reopened"], entry["reviews"])
    for key in ("outcome_rating", "conduct_rating"):
        if entry[key] is not None:
            entry[key] = round(float(entry[key]), 1)


SOURCES = [
    Source(
        "referrals",
        referral_rows,
        {
            "received": 0,
            "answered": 0,
            "first_on_time": 0,
            "first_late": 0,
            "first_days": None,
            "on_time": 0,
            "late": 0,
            "overdue_now": 0,
            "waited": 0,
            "days_waited": 0,
        },
        finish_referrals,
    ),
    Source("resolutions", resolution_rows, {"resolutions": 0, "executed": 0, "failures": 0}, finish_resolutions),
    Source("attendance", attendance_rows, {"present": 0, "represented": 0, "absent": 0}, finish_attendance),
    Source(
        "reviews",
        review_rows,
        {"reviews": 0, "reopened": 0, "outcome_rating": None, "conduct_rating": None},
        finish_reviews,
    ),
    Source("impact", impact_rows, {"impact_records": 0, "impact_jobs": 0, "impact_rials": 0}, finish_impact),
]

REFERRALS = "obstacles:referral_list"
RESOLUTIONS = "meetings:resolution_list"
MEETINGS = "meetings:meeting_list"
IMPACT = "impact:impactrecord_list"
REVIEWS = "obstacles:producerreview_list"
SETTLED_REVIEWS = [state.value for state in SETTLED_REVIEW_STATES]
COUNTED_RESOLUTIONS = [status for status in ResolutionStatus.values if status != ResolutionStatus.CANCELLED]

FIGURES = [
    Figure("received", _("ارجاع دریافتی"), link=Link(REFERRALS, {}, all_states=True)),
    Figure(
        "first_on_time_share",
        _("نخستین پاسخ در موعد (٪)"),
        "percent",
        Link(REFERRALS, {"promptness": "first_on_time"}, all_states=True),
        counts="first_on_time",
    ),
    Figure(
        "first_days",
        _("میانه روز کاری تا نخستین پاسخ"),
        "decimal",
        Link(REFERRALS, {"promptness": "answered"}, all_states=True),
        counts="answered",
    ),
    Figure(
        "on_time_share",
        _("انجام در مهلت (٪)"),
        "percent",
        Link(REFERRALS, {"promptness": "on_time"}, all_states=True),
        counts="on_time",
    ),
    Figure("overdue_now", _("گذشته از مهلت اکنون"), link=Link(REFERRALS, {"overdue": "true"}), alarm=True),
    Figure(
        "days_waited",
        _("روز کاری انتظار برای تولیدکننده"),
        link=Link(REFERRALS, {"promptness": "waited"}, all_states=True),
        counts="waited",
    ),
    Figure("resolutions", _("مصوبات"), link=Link(RESOLUTIONS, {"status": COUNTED_RESOLUTIONS})),
    Figure(
        "executed_share",
        _("اجرای مصوبات (٪)"),
        "percent",
        Link(RESOLUTIONS, {"status": ResolutionStatus.EXECUTED.value}),
        counts="executed",
    ),
    Figure(
        "failures",
        _("اجرانشده به قصور دستگاه"),
        link=Link(RESOLUTIONS, {"status": "not_executed", "failure_party": "agency"}),
    ),
    Figure(
        "present",
        _("حضور در جلسات"),
        link=Link(MEETINGS, {"attendance": AttendanceStatus.PRESENT.value}, agency_param="attendee"),
    ),
    Figure(
        "represented",
        _("با نماینده"),
        link=Link(MEETINGS, {"attendance": AttendanceStatus.REPRESENTED.value}, agency_param="attendee"),
    ),
    Figure(
        "absent",
        _("غیبت"),
        link=Link(MEETINGS, {"attendance": AttendanceStatus.ABSENT.value}, agency_param="attendee"),
        alarm=True,
    ),
    Figure(
        "reopen_share",
        _("بازگشایی به دست تولیدکننده (٪)"),
        "percent",
        Link(REVIEWS, {"state": [ReviewState.REOPENED.value]}),
        alarm=True,
        counts="reopened",
    ),
    Figure(
        "outcome_rating",
        _("امتیاز نتیجه از نگاه تولیدکننده (از ۵)"),
        "decimal",
        Link(REVIEWS, {"state": SETTLED_REVIEWS}),
        counts="reviews",
    ),
    Figure(
        "conduct_rating",
        _("امتیاز رفتار دستگاه از نگاه تولیدکننده (از ۵)"),
        "decimal",
        Link(REVIEWS, {"state": SETTLED_REVIEWS}),
        counts="reviews",
    ),
    Figure(
        "impact_jobs",
        _("اثر: اشتغال حفظ یا بازگشته (نفر)"),
        link=Link(IMPACT, {}),
        counts="impact_records",
    ),
    Figure(
        "impact_rials",
        _("اثر: منابع آزادشده (ریال)"),
        link=Link(IMPACT, {}),
        counts="impact_records",
    ),
]

# The dashboard's excerpt of the scorecard: its first rows, with these figures (the page has them all).
DASHBOARD_FIGURES = [
    figure
    for figure in FIGURES
    if figure.key in ("received", "first_on_time_share", "on_time_share", "overdue_now", "executed_share", "absent")
]


def agency_scorecard(area, user):
    """One row per agency with every source's counts and every figure, sorted with the most overdue first.
    The sources group by the agency's key alone; the names are read once, for the agencies found."""
    rows = {}
    defaults = {}
    for source in SOURCES:
        defaults.update(source.defaults)
    for source in SOURCES:
        for row in source.rows(area, user):
            entry = rows.setdefault(row["agency"], {**defaults, "id": row["agency"]})
            entry.update({k: v for k, v in row.items() if k != "agency"})
    names = dict(Agency.objects.filter(pk__in=list(rows)).values_list("pk", "name"))
    for pk, entry in rows.items():
        entry["name"] = names[pk]
        for source in SOURCES:
            if source.finish:
                source.finish(entry)
    return sorted(rows.values(), key=lambda e: (-e["overdue_now"], -e["received"], e["name"]))
