"""System checks of Tashil's own settings (run by every manage.py command and on server start)."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

# Caches that each process keeps to itself (or does not keep at all): with several gunicorn workers, a task
# worker and management commands, each would see its own county figures, working-day calendar, rate limits.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches)
def shared_cache(app_configs=None, **kwargs):
    """Under the production settings (TASHIL_SHARED_CACHE_REQUIRED) every cache must be shared by processes, but
    those declared per process (TASHIL_PER_PROCESS_CACHES: what they hold comes from the code alone)."""
    if not getattr(settings, "TASHIL_SHARED_CACHE_REQUIRED", False):
        return []
    errors = []
    for alias, conf in settings.CACHES.items():
        if alias in getattr(settings, "TASHIL_PER_PROCESS_CACHES", ()):
            continue
        backend = import_string(conf["BACKEND"])
        if any(issubclass(backend, import_string(path)) for path in PER_PROCESS_CACHES):
            errors.append(
                checks.Error(
                    f"کش «{alias}» ({conf['BACKEND']}) در هر فرایند جداست: کارگرهای gunicorn، کارگر وظایف و "
                    "فرمان‌های manage.py آمار شهرستان‌ها، تقویم کاری و شمارش محدودیت‌ها را هر یک جدا نگه می‌دارند.",
                    hint="CACHE_URL را به کش مشترک بدهید: redis://… (چند سرور) یا dbcache://tashil_cache "
                    "(پیش‌فرض؛ جدول آن با migrate ساخته می‌شود). docs/deploy.md",
                    obj=f"CACHES[{alias!r}]",
                    id="tashil.E001",
                )
            )
    return errors
