from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "tashil.impact"
    label = "impact"
    verbose_name = _("اثر اقدامات")

    def ready(self):
        from . import hooks

        hooks.connect()
