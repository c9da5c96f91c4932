"""Demo: what Pakdasht's secretariat recorded as saved on the obstacles the demo resolved and the resolutions
verified — jobs, rials by kind, capacity — through the impact service, dated a few weeks back so the public
accountability page (which lags) shows them too."""

import datetime

from tashil.core.jalali import today
from tashil.meetings.choices import ResolutionStatus
from tashil.meetings.models import Resolution
from tashil.obstacles.choices import ObstacleStatus
from tashil.obstacles.models import Obstacle

from . import services
from .models import ImpactRecord

# (jobs preserved, jobs restored, loans, debts settled, fines waived, capacity restored %, evidence)
FIGURES = (
    (45, 0, 12_000_000_000, 0, 0, 30, "نامه بانک ملی شعبه پاکدشت: پرداخت تسهیلات سرمایه در گردش"),
    (0, 18, 0, 3_500_000_000, 0, 25, "توافق تقسیط بدهی با تأمین اجتماعی و فهرست بیمه کارکنان بازگشته"),
    (22, 0, 0, 0, 850_000_000, None, "رأی هیئت بخشودگی جرائم مالیاتی"),
    (12, 6, 4_000_000_000, 0, 0, 40, "صورت‌جلسه بازدید و گواهی وصل برق"),
)


def load(context):
    county = context.county
    if ImpactRecord.objects.filter(county=county).exists():
        return
    user = context.users.get("dabir.pakdasht")
    resolutions = Resolution.objects.filter(
        county=county, status=ResolutionStatus.EXECUTED, verified_at__isnull=False, impact__isnull=True
    ).filter(unit__isnull=False)
    sources = [{"resolution": r} for r in resolutions.exclude(obstacle__impact__isnull=False)[:2]]
    credited = [s["resolution"].obstacle_id for s in sources if s["resolution"].obstacle_id]
    obstacles = Obstacle.objects.filter(county=county, status=ObstacleStatus.RESOLVED, impact__isnull=True).exclude(
        pk__in=credited
    )
    sources += [{"obstacle": o} for o in obstacles.order_by("closed_date", "pk")[: len(FIGURES) - len(sources)]]
    for step, (source, figures) in enumerate(zip(sources, FIGURES, strict=False)):
        preserved, restored, loans, debts, fines, capacity, evidence = figures
        services.record_impact(
            user=user,
            date=today() - datetime.timedelta(days=45 - 7 * step),
            jobs_preserved=preserved,
            jobs_restored=restored,
            loans_rials=loans,
            debts_rials=debts,
            fines_rials=fines,
            capacity_restored=capacity,
            evidence=evidence,
            **source,
        )
