"""The public accountability boundary, in one place: what a citizen may read about a province's or a county's
headquarters without signing in — resolutions by agency with their execution state and rate, the systemic
issues raised and their state, and the impact figures — and nothing about any unit.

Only aggregates leave here: counts and sums per agency and per area, and the title and state of each systemic
issue (a rule to change, not a unit's affair). No unit's name, obstacle, amount at stake, evidence or note is
read. Every figure is as of ``as_of()``: today minus ``TASHIL_PUBLIC_LAG_DAYS``, so what is published has been
through the secretariat's checks; a resolution executed or an issue closed after that day still counts as being
followed up. The page, the CSV and the DCAT description all read ``accountability(area)``.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404

from tashil.core.choices import ScopeLevel
from tashil.core.jalali import today
from tashil.geo.areas import Area
from tashil.geo.models import County, Province
from tashil.impact.models import ImpactRecord
from tashil.meetings.choices import ResolutionStatus
from tashil.meetings.models import Resolution
from tashil.obstacles.choices import CLOSED_STATUSES
from tashil.obstacles.models import SystemicIssue

from .figures import IMPACT_SUMS, impact_totals, percent

# Seconds a computed page is kept: the figures lag by days, so an hour old is as good as new.
CACHE_SECONDS = 60 * 60


def lag_days():
    return max(0, settings.TASHIL_PUBLIC_LAG_DAYS)


def as_of():
    """The last day the public figures count."""
    return today() - datetime.timedelta(days=lag_days())


def public_area(level, pk):
    """A province or a county by id (404 for anything else)."""
    if level == ScopeLevel.PROVINCE:
        province = Province.objects.filter(pk=pk).first()
        if province is None:
            raise Http404
        return Area(ScopeLevel.PROVINCE, province=province)
    if level == ScopeLevel.COUNTY:
        county = County.objects.select_related("province").filter(pk=pk).first()
        if county is None:
            raise Http404
        return Area(ScopeLevel.COUNTY, province=county.province, county=county)
    raise Http404


def resolutions_by_agency(area, day):
    """Per agency: resolutions passed up to ``day`` and, as of that day, executed / not executed / still being
    followed up, with the execution rate. Cancelled ones are left out. One grouped query."""
    executed = Q(status=ResolutionStatus.EXECUTED, closed_date__lte=day)
    not_executed = Q(status=ResolutionStatus.NOT_EXECUTED, closed_date__lte=day)
    rows = (
        Resolution.objects.filter(area.q(Resolution), meeting__date__lte=day, agency__isnull=False)
        .exclude(status=ResolutionStatus.CANCELLED)
        .order_by()
        .values("agency", "agency__name")
        .annotate(
            total=Count("pk"),
            executed=Count("pk", filter=executed),
            not_executed=Count("pk", filter=not_executed),
        )
    )
    result = []
    for row in rows:
        row = {
            "id": row["agency"],
            "name": row["agency__name"],
            "total": row["total"],
            "executed": row["executed"],
            "not_executed": row["not_executed"],
        }
        row["following"] = row["total"] - row["executed"] - row["not_executed"]
        row["rate"] = percent(row["executed"], row["total"])
        result.append(row)
    return result


def impact_by_agency(area, day):
    rows = (
        ImpactRecord.objects.filter(area.q(ImpactRecord), date__lte=day, agency__isnull=False)
        .order_by()
        .values("agency")
        .annotate(records=Count("pk"), **IMPACT_SUMS)
    )
    return {row["agency"]: impact_totals(dict(row)) for row in rows}


def impact_of(area, day):
    row = ImpactRecord.objects.filter(area.q(ImpactRecord), date__lte=day).aggregate(records=Count("pk"), **IMPACT_SUMS)
    return impact_totals(row)


def systemic_issues(area, day):
    """The systemic issues raised in the area up to ``day`` and their state as of that day."""
    place = Q(county=area.county) if area.county else Q(province=area.province)
    issues = (
        SystemicIssue.objects.filter(place, created__date__lte=day)
        .annotate(obstacle_count=Count("obstacles"))
        .order_by("-created", "-pk")
    )
    result = []
    for issue in issues:
        closed = issue.status in CLOSED_STATUSES and issue.closed_date is not None and issue.closed_date <= day
        result.append(
            {
                "id": issue.pk,
                "title": issue.title,
                "level": issue.level,
                "state": issue.status if closed else "following",
                "raised": issue.created.date(),
                "obstacles": issue.obstacle_count,
            }
        )
    return result


def compute(area, day):
    agencies = resolutions_by_agency(area, day)
    credited = impact_by_agency(area, day)
    for row in agencies:
        impact = credited.pop(row["id"], None) or impact_totals({})
        row["impact_jobs"], row["impact_rials"] = impact["jobs"], impact["rials"]
    # An agency credited with impact on obstacles it answered, with no resolution of its own in the area.
    if credited:
        from tashil.orgs.models import Agency

        names = dict(Agency.objects.filter(pk__in=credited).values_list("pk", "name"))
        for agency_id, impact in credited.items():
            agencies.append(
                {
                    "id": agency_id,
                    "name": names.get(agency_id, ""),
                    "total": 0,
                    "executed": 0,
                    "not_executed": 0,
                    "following": 0,
                    "rate": None,
                    "impact_jobs": impact["jobs"],
                    "impact_rials": impact["rials"],
                }
            )
    agencies.sort(key=lambda r: (-r["total"], r["name"]))
    totals = {key: sum(r[key] for r in agencies) for key in ("total", "executed", "not_executed", "following")}
    totals["rate"] = percent(totals["executed"], totals["total"])
    return {
        "agencies": agencies,
        "totals": totals,
        "issues": systemic_issues(area, day),
        "impact": impact_of(area, day),
    }


def accountability(area):
    """Everything the public page, its CSV and its dataset description show for ``area``, as of ``as_of()``."""
    day = as_of()
    if not settings.TASHIL_REPORT_CACHE:
        return {**compute(area, day), "as_of": day, "lag_days": lag_days()}
    key = f"tashil:public-accountability:{area.level}:{area.query}:{day.isoformat()}"
    data = cache.get(key)
    if data is None:
        data = compute(area, day)
        cache.set(key, data, CACHE_SECONDS)
    return {**data, "as_of": day, "lag_days": lag_days()}
