from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("فعال")
    SEMI_ACTIVE = "semi_active", _("نیمه‌فعال")
    INACTIVE = "inactive", _("غیرفعال")
    UNDER_CONSTRUCTION = "under_construction", _("در حال احداث")
    CLOSED = "closed", _("تعطیل دائم")


class IsicLevel(models.TextChoices):
    """The four levels of ISIC Rev.4, named as the Statistical Centre of Iran names them."""

    SECTION = "section", _("بخش")
    DIVISION = "division", _("قسمت")
    GROUP = "group", _("گروه")
    CLASS = "class", _("رده")


# Bootstrap colours for status badges.
STATUS_COLOURS = {
    UnitStatus.ACTIVE: "success",
    UnitStatus.SEMI_ACTIVE: "warning",
    UnitStatus.INACTIVE: "danger",
    UnitStatus.UNDER_CONSTRUCTION: "info",
    UnitStatus.CLOSED: "dark",
}


class SizeClass(models.TextChoices):
    """Size by employees, as the Statistical Centre of Iran groups industrial establishments."""

    MICRO = "micro", _("خرد (۱ تا ۹ نفر)")
    SMALL = "small", _("کوچک (۱۰ تا ۴۹ نفر)")
    MEDIUM = "medium", _("متوسط (۵۰ تا ۹۹ نفر)")
    LARGE = "large", _("بزرگ (۱۰۰ نفر و بیشتر)")


def size_class_for(employees):
    if employees is None:
        return ""
    if employees < 10:
        return SizeClass.MICRO
    if employees < 50:
        return SizeClass.SMALL
    if employees < 100:
        return SizeClass.MEDIUM
    return SizeClass.LARGE


class StatusChangeSource(models.TextChoices):
    MANUAL = "manual", _("ثبت کارشناس")
    IMPORT = "import", _("ورود از فایل")
    CLINIC = "clinic", _("کلینیک صنعت")
    REGISTRATION = "registration", _("ثبت اولیه")


class DataCheckStatus(models.TextChoices):
    """A request that a unit's representative confirm its data: waiting, or answered by a confirmation."""

    PENDING = "pending", _("در انتظار تأیید نماینده")
    CONFIRMED = "confirmed", _("تأیید شد")


class CapacityUnit(models.TextChoices):
    TON = "ton", _("تن")
    KILOGRAM = "kg", _("کیلوگرم")
    PIECE = "piece", _("عدد")
    SET = "set", _("دستگاه")
    METRE = "m", _("متر")
    SQUARE_METRE = "m2", _("متر مربع")
    CUBIC_METRE = "m3", _("متر مکعب")
    LITRE = "litre", _("لیتر")
    PAIR = "pair", _("جفت")
    PACK = "pack", _("بسته")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("در انتظار بررسی")
    APPROVED = "approved", _("تأیید شده")
    RETURNED = "returned", _("برگشت برای اصلاح")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("در صف بررسی")
    PREVIEWED = "previewed", _("بررسی‌شده، آماده ثبت")
    APPLYING = "applying", _("در صف ثبت")
    APPLIED = "applied", _("ثبت شد")
    REFUSED = "refused", _("ثبت نشد: ردیف نادرست دارد")
    FAILED = "failed", _("فایل خوانا نبود")
