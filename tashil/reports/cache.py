"""Keeps the county figures always current: a change to any counted model bumps its county's generation
(tashil.geo.cache, where the cache itself and its rules are described)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from tashil.geo.cache import bump_county


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
        transaction.on_commit(lambda: bump_county(county_id))


def connect():
    from tashil.clinic.models import ClinicCase
    from tashil.meetings.models import Meeting, Resolution
    from tashil.obstacles.models import Obstacle, Referral
    from tashil.units.models import IndustrialUnit, UnitStatusChange

    for model in (IndustrialUnit, UnitStatusChange, Obstacle, Referral, Meeting, Resolution, ClinicCase):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"reports-cache-{model._meta.label}-{signal}")
