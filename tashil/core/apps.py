from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tashil.core"
    label = "core"
    verbose_name = _("هسته")

    def ready(self):
        from . import changelog, workdays  # noqa: F401  (signal receivers)
