from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "tashil.units"
    label = "units"
    verbose_name = _("بانک اطلاعات واحدهای صنعتی")

    def ready(self):
        from tashil.accounts.registry import register_unit_finder
        from tashil.core.badges import register_colours

        from .choices import STATUS_COLOURS
        from .services import find_by_national_id

        register_colours(STATUS_COLOURS)
        register_unit_finder(find_by_national_id)
