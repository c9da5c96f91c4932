from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tashil.core"
    label = "core"
    verbose_name = _("هسته")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import changelog, workdays  # noqa: F401  (signal receivers)
        from .aggregates import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="tashil-sqlite-functions")
