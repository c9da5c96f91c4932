from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tashil.notifications"
    label = "notifications"
    verbose_name = _("اعلان‌ها")

    def ready(self):
        from tashil.accounts.registry import register_sms
        from tashil.core import person

        from . import registry, services
        from .sms import send_sms
        from .tasks import check_sms_delivery

        registry.daily_job("sms_delivery", check_sms_delivery)
        register_sms(send_sms)
        person.register("unread", services.unread_count)
