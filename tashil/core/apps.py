from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tashil.core"
    label = "core"
    verbose_name = _("هسته")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        # Signal receivers (the change log, the work calendar, the saved views' generation), system checks.
        from . import changelog, checks, context_processors, workdays  # noqa: F401
        from .aggregates import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="tashil-sqlite-functions")
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="tashil-create-cache-table")


def create_cache_table(sender, using, verbosity=1, **kwargs):
    """The database cache's table (settings.CACHES, dbcache://…), made by every `migrate`: `make run`, `make serve`,
    the benchmarks and the tests need no separate `createcachetable`. Nothing to do for other caches."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=verbosity)
