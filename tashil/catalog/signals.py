"""The public search text of a profile follows its unit and the unit's public products.

A unit's events (registered, edited, imported) call ``refresh_units`` through the units' hook
(``tashil.units.services.after_units_changed``). Products have no event of their own yet: their saves and
deletes (the product pages, the API, the admin's inline) are followed with Django's signals."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tashil.units.models import Product

from .models import PublicProfile


def refresh(unit_id):
    profile = PublicProfile.objects.filter(unit_id=unit_id).select_related("unit").first()
    if profile is not None:
        profile.refresh_keys()


def refresh_units(changed):
    """The search text of exactly the profiles whose unit ``changed.updated`` holds, in one update per batch."""
    ids = [unit.pk for unit in changed.updated]
    if not ids:
        return
    profiles = list(PublicProfile.objects.filter(unit_id__in=ids).select_related("unit"))
    for profile in profiles:
        profile.build_keys()
    PublicProfile.objects.bulk_update(profiles, ["name_key", "search_text", "words"])


@receiver(post_save, sender=Product, dispatch_uid="catalog-product-saved")
@receiver(post_delete, sender=Product, dispatch_uid="catalog-product-deleted")
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(instance.unit_id)
