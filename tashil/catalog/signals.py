"""The public search text of a profile follows its unit and the unit's public products."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tashil.units.models import IndustrialUnit, Product

from .models import PublicProfile


def refresh(unit_id):
    profile = PublicProfile.objects.filter(unit_id=unit_id).select_related("unit").first()
    if profile is not None:
        profile.refresh_keys()


@receiver(post_save, sender=IndustrialUnit, dispatch_uid="catalog-unit-saved")
def unit_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        refresh(instance.pk)


@receiver(post_save, sender=Product, dispatch_uid="catalog-product-saved")
@receiver(post_delete, sender=Product, dispatch_uid="catalog-product-deleted")
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(instance.unit_id)
