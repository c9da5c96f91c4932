from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "tashil.geo"
    label = "geo"
    verbose_name = _("تقسیمات کشوری")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .calendar import forget_closure
        from .models import Closure

        # The per-place cache of closure days, kept true whoever saves a closure (core.workdays does the same for
        # the holidays): a cache's upkeep, not an event's effect.
        for signal in (post_save, post_delete):
            signal.connect(forget_closure, sender=Closure, dispatch_uid=f"geo-closure-calendar-{signal}")
