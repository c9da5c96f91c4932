"""The public search text of a profile follows its unit and the unit's public products.

Every units event that changes what a profile's search text is made of — a unit registered, edited or imported,
a product saved or deleted (``units.services.save_product`` / ``delete_product``) — runs ``refresh_units``
through the units' hook (``tashil.units.services.after_units_changed``, registered in CatalogConfig.ready())."""

from .models import PublicProfile


def refresh_units(changed):
    """The search text of exactly the profiles whose unit ``changed.updated`` holds, in one update per batch."""
    ids = [unit.pk for unit in changed.updated]
    if not ids:
        return
    profiles = list(PublicProfile.objects.filter(unit_id__in=ids).select_related("unit"))
    for profile in profiles:
        profile.build_keys()
    PublicProfile.objects.bulk_update(profiles, ["name_key", "search_text", "words"])
