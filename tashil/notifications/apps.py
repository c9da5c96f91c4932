from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tashil.notifications"
    label = "notifications"
    verbose_name = _("اعلان‌ها")

    def ready(self):
        from tashil.accounts.registry import register_sms

        from .sms import send_sms

        register_sms(send_sms)
