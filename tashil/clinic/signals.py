"""The revival credit: when a unit under the clinic's care becomes active again, the case gets the credit."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from tashil.units.choices import UnitStatus
from tashil.units.models import UnitStatusChange


@receiver(post_save, sender=UnitStatusChange)
def credit_revival(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.to_status != UnitStatus.ACTIVE:
        return
    if instance.from_status not in (UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE):
        return
    from .models import ClinicCase

    case = (
        ClinicCase.objects.filter(unit_id=instance.unit_id, revival__isnull=True, opened_date__lte=instance.date)
        .exclude(status="intake")
        .order_by("-opened_date")
        .first()
    )
    if case is not None and (case.is_open or case.closed_date is None or case.closed_date >= instance.date):
        case.credit(instance)
