from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tashil.notifications"
    label = "notifications"
    verbose_name = _("اعلان‌ها")

    def ready(self):
        from . import registry
        from .tasks import check_sms_delivery

        registry.daily_job("sms_delivery", check_sms_delivery)
