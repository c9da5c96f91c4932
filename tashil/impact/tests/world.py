"""The impact records' part of the test world: one on county A's obstacle (credited to agency A), one on county
B's. Written directly, as a fixture: the rules of recording (the source resolved first, something saved,
evidence) are the service's, tested in test_impact.py through the page and the API."""

from tashil.impact.models import ImpactRecord
from tashil.site.testing.world import world_builder


@world_builder
def build_impact(w):
    w.impact_a = ImpactRecord.objects.create(
        obstacle=w.obstacle_a,
        jobs_preserved=12,
        loans_rials=3 * 10**9,
        evidence="نامه بانک درباره پرداخت تسهیلات",
        recorded_by=w.users["secretariat"],
    )
    w.impact_b = ImpactRecord.objects.create(
        obstacle=w.obstacle_b, jobs_restored=4, evidence="فهرست بیمه کارکنان", recorded_by=w.users["secretariat_b"]
    )
