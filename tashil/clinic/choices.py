from django.db import models
from django.utils.translation import gettext_lazy as _


class HostType(models.TextChoices):
    UNIVERSITY = "university", _("دانشگاه")
    ENGINEERING = "engineering", _("سازمان نظام مهندسی / انجمن تخصصی")
    PRIVATE = "private", _("شرکت خصوصی مشاور")
    OTHER = "other", _("سایر")


class Dimension(models.TextChoices):
    """The dimensions of a diagnosis (آسیب‌شناسی); a centre's specialties are named the same way."""

    MANAGEMENT = "management", _("مدیریت")
    FINANCE = "finance", _("مالی و نقدینگی")
    MARKET = "market", _("بازار و فروش")
    PRODUCTION = "production", _("تولید و فناوری")
    WORKFORCE = "workforce", _("نیروی انسانی")
    LEGAL = "legal", _("حقوقی و مقرراتی")
    INFRASTRUCTURE = "infrastructure", _("زیرساخت")
    OWNERSHIP = "ownership", _("شرکا و مالکیت")


class Lever(models.TextChoices):
    WORKING_CAPITAL = "working_capital", _("سرمایه در گردش")
    NEW_INVESTOR = "new_investor", _("سرمایه‌گذار تازه")
    RAW_MATERIALS = "raw_materials", _("مواد اولیه")
    MARKETING = "marketing", _("بازاریابی")
    TECHNOLOGY = "technology", _("فناوری")
    INFRASTRUCTURE = "infrastructure", _("زیرساخت")
    OWNERSHIP_TRANSFER = "ownership_transfer", _("انتقال مالکیت")
    DISPUTE_SETTLEMENT = "dispute_settlement", _("حل اختلاف")
    LEGAL = "legal", _("حقوقی")


class CaseReason(models.TextChoices):
    SEMI_ACTIVE = "semi_active", _("نیمه‌فعال")
    INACTIVE = "inactive", _("غیرفعال")
    AT_RISK = "at_risk", _("در معرض توقف")
    ON_REQUEST = "on_request", _("به درخواست واحد")


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("پذیرش")
    DIAGNOSIS = "diagnosis", _("آسیب‌شناسی")
    PLAN = "plan", _("برنامه احیا")
    EXECUTION = "execution", _("اجرا")
    # A revival an expert proposed, until the secretariat confirms it (the unit's status changes then) or
    # returns it; the case goes back to the step it was at.
    AWAITING = "awaiting", _("در انتظار تأیید دبیرخانه")
    CLOSED = "closed", _("بسته")


CASE_ORDER = (
    CaseStatus.INTAKE,
    CaseStatus.DIAGNOSIS,
    CaseStatus.PLAN,
    CaseStatus.EXECUTION,
    CaseStatus.AWAITING,
    CaseStatus.CLOSED,
)
CASE_COLOURS = {
    CaseStatus.INTAKE: "secondary",
    CaseStatus.DIAGNOSIS: "info",
    CaseStatus.PLAN: "primary",
    CaseStatus.EXECUTION: "warning",
    CaseStatus.AWAITING: "danger",
    CaseStatus.CLOSED: "dark",
}


class CaseOutcome(models.TextChoices):
    REVIVED = "revived", _("احیا و فعال شد")
    IMPROVED = "improved", _("بهبود یافت ولی نیمه‌فعال ماند")
    NOT_REVIVABLE = "not_revivable", _("احیاپذیر نیست")
    WITHDRAWN = "withdrawn", _("انصراف")


class Owner(models.TextChoices):
    UNIT = "unit", _("واحد")
    AGENCY = "agency", _("دستگاه اجرایی")
    EXPERT = "expert", _("کارشناس کلینیک")


class VisitMode(models.TextChoices):
    ON_SITE = "on_site", _("حضوری در واحد")
    ONLINE = "online", _("برخط (ویدئویی)")


# A centre serves a county or a whole province.
CENTRE_LEVELS = [("county", _("شهرستان")), ("province", _("استان"))]
