"""Keeps the county figures always current: a change to any counted model bumps its county's generation
(tashil.geo.cache, where the cache itself and its rules are described)."""

from django.db.models.signals import post_delete, post_save

from tashil.geo.cache import bump_counties_on_commit


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


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    county_id = _county_of(instance)
    if county_id:
        bump_counties_on_commit({county_id})


def units_changed(changed):
    """A units event (registered, edited, status changed, imported): each county it touched, once per
    transaction (an import's batches share one)."""
    bump_counties_on_commit(changed.counties)


def connect():
    from tashil.clinic.models import ClinicCase
    from tashil.meetings.models import Meeting, Resolution
    from tashil.obstacles.models import Obstacle, Referral
    from tashil.units.models import IndustrialUnit, UnitStatusChange
    from tashil.units.services import after_units_changed

    after_units_changed(units_changed)
    for model in (Obstacle, Referral, Meeting, Resolution, ClinicCase):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"reports-cache-{model._meta.label}-{signal}")
    # A unit's delete (the generic delete page) and the cascade of its history to it: Django tells of a cascade
    # only through post_delete, so deletes keep the signal.
    for model in (IndustrialUnit, UnitStatusChange):
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reports-cache-{model._meta.label}-{post_delete}")
