from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tashil.reports"
    label = "reports"
    verbose_name = _("داشبوردها و گزارش‌ها")

    def ready(self):
        from .cache import connect

        connect()
