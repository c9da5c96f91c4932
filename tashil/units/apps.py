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
        self.register_daily_work()

    def register_daily_work(self):
        """Monthly statistics' reminders (tashil.notifications.registry)."""
        from tashil.notifications import registry

        from .reminders import remind_monthly_reports, remind_reviews

        registry.daily_job("report_reminders", remind_monthly_reports)
        registry.daily_job("report_reviews", remind_reviews)
