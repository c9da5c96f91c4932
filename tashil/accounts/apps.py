from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tashil.accounts"
    label = "accounts"
    verbose_name = _("کاربران و دسترسی")

    def ready(self):
        from . import audit, person_cache  # noqa: F401  (the access log's and the person cache's signal receivers)
