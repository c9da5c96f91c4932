"""Choices the whole project shares: roles and scope levels (the vocabulary of the scope helper)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("مدیر سامانه")
    SECRETARIAT = "secretariat", _("دبیرخانه")
    MANAGER = "manager", _("مدیر")
    AGENCY_OFFICER = "agency_officer", _("کارشناس دستگاه اجرایی")
    CLINIC_EXPERT = "clinic_expert", _("کارشناس کلینیک صنعت")
    UNIT_REP = "unit_rep", _("نماینده واحد صنعتی")


class ScopeLevel(models.TextChoices):
    NATION = "nation", _("کشور")
    PROVINCE = "province", _("استان")
    COUNTY = "county", _("شهرستان")


class ChangeAction(models.TextChoices):
    CREATE = "create", _("ایجاد")
    UPDATE = "update", _("ویرایش")
    DELETE = "delete", _("حذف")
    EVENT = "event", _("رویداد")


class ChangeSource(models.TextChoices):
    WEB = "web", _("صفحات سامانه")
    API = "api", _("API")
    IMPORT = "import", _("ورود از فایل")
    TASK = "task", _("پردازش پس‌زمینه")
    COMMAND = "command", _("فرمان مدیریتی")
    REFERENCE = "reference", _("داده‌های پایه")
    DEMO = "demo", _("داده‌های نمایشی")
    SYSTEM = "system", _("سامانه")


class Weekday(models.IntegerChoices):
    """Python's weekday() numbers with their Persian names, in the Iranian week's order."""

    SATURDAY = 5, _("شنبه")
    SUNDAY = 6, _("یکشنبه")
    MONDAY = 0, _("دوشنبه")
    TUESDAY = 1, _("سه‌شنبه")
    WEDNESDAY = 2, _("چهارشنبه")
    THURSDAY = 3, _("پنجشنبه")
    FRIDAY = 4, _("جمعه")


VIEW = frozenset({"view"})
ALL_ACTIONS = frozenset({"view", "add", "change", "delete"})

# Who may do what on a model unless the model says otherwise (BaseModel.role_actions).
DEFAULT_ROLE_ACTIONS = {
    Role.ADMIN: ALL_ACTIONS,
    Role.SECRETARIAT: ALL_ACTIONS,
    Role.MANAGER: VIEW,
}
