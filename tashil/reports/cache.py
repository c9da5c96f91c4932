"""Keeps the county figures always current: every event of a counted model bumps its county's generation
(tashil.geo.cache, where the cache itself and its rules are described).

The lower apps call their hooks once per event (or import batch) with the counties it changed; this app
registers ``counties_changed`` with each of them (``connect``, from ReportsConfig.ready()). Bumps are made once
per county per transaction (``geo.cache.bump_counties_on_commit``)."""

from django.db.models.signals import post_delete

from tashil.geo.cache import bump_counties_on_commit


def counties_changed(changed):
    """An event of units, obstacles, meetings or the clinic: each county it touched, once it commits."""
    bump_counties_on_commit(changed.counties)


def _county_of(instance):
    for path in ("county_id", "unit.county_id", "obstacle.county_id", "meeting.county_id"):
        target = instance
        try:
            for part in path.split("."):
                target = getattr(target, part)
        except AttributeError:
            continue
        if target:
            return target
    return None


def _deleted(sender, instance, **kwargs):
    county_id = _county_of(instance)
    if county_id:
        bump_counties_on_commit({county_id})


def connect():
    from tashil.clinic.models import ClinicCase
    from tashil.clinic.services import after_cases_changed
    from tashil.impact.models import ImpactRecord
    from tashil.impact.services import after_impact_changed
    from tashil.meetings.models import Attendance, Meeting, Resolution
    from tashil.meetings.services import after_meetings_changed
    from tashil.obstacles.models import Obstacle, Referral
    from tashil.obstacles.services import after_obstacles_changed
    from tashil.units.models import IndustrialUnit, UnitStatusChange
    from tashil.units.services import after_units_changed

    hooks = (
        after_units_changed,
        after_obstacles_changed,
        after_meetings_changed,
        after_cases_changed,
        after_impact_changed,
    )
    for register in hooks:
        register(counties_changed)
    # Deletes keep a receiver: Django tells of a delete only through post_delete — the generic delete page and
    # the API's DELETE (core, which knows no domain), the admin, and the cascade of an obstacle's referrals or a
    # unit's history with it.
    counted = (IndustrialUnit, UnitStatusChange, Obstacle, Referral, Meeting, Resolution, Attendance, ClinicCase)
    for model in (*counted, ImpactRecord):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"reports-cache-{model._meta.label}-delete")
