from django.db import models
from django.utils.translation import gettext_lazy as _


class WBESCategory(models.TextChoices):
    """The World Bank Enterprise Surveys' business-environment obstacle categories."""

    ACCESS_TO_FINANCE = "access_to_finance", _("دسترسی به تأمین مالی")
    ACCESS_TO_LAND = "access_to_land", _("دسترسی به زمین")
    LICENSES_PERMITS = "licenses_permits", _("مجوزها و پروانه‌ها")
    CORRUPTION = "corruption", _("فساد")
    COURTS = "courts", _("دادگاه‌ها")
    CRIME = "crime", _("جرم، سرقت و بی‌نظمی")
    CUSTOMS_TRADE = "customs_trade", _("گمرک و مقررات تجارت")
    ELECTRICITY = "electricity", _("برق (و دیگر خدمات زیربنایی)")
    WORKFORCE_EDUCATION = "workforce_education", _("مهارت و آموزش نیروی کار")
    LABOR_REGULATIONS = "labor_regulations", _("مقررات کار")
    POLITICAL_INSTABILITY = "political_instability", _("بی‌ثباتی سیاسی و اقتصادی")
    INFORMAL_COMPETITION = "informal_competition", _("رقابت غیررسمی")
    TAX_ADMINISTRATION = "tax_administration", _("اداره مالیات")
    TAX_RATES = "tax_rates", _("نرخ‌های مالیات")
    TRANSPORT = "transport", _("حمل‌ونقل")


class Severity(models.IntegerChoices):
    """The Enterprise Surveys' 0–4 scale."""

    NONE = 0, _("۰ — بدون مانع")
    MINOR = 1, _("۱ — جزئی")
    MODERATE = 2, _("۲ — متوسط")
    MAJOR = 3, _("۳ — عمده")
    VERY_SEVERE = 4, _("۴ — بسیار شدید")


class Source(models.TextChoices):
    UNIT_REQUEST = "unit_request", _("درخواست واحد")
    FIELD_VISIT = "field_visit", _("بازدید میدانی")
    MEETING = "meeting", _("جلسه کارگروه")
    SERVICE_DESK = "service_desk", _("میز خدمت")
    CLINIC = "clinic", _("کلینیک صنعت")
    IMPORT = "import", _("ورود از فایل")


class ObstacleStatus(models.TextChoices):
    REGISTERED = "registered", _("ثبت‌شده")
    REFERRED = "referred", _("ارجاع‌شده")
    IN_PROGRESS = "in_progress", _("در دست اقدام")
    RESOLVED = "resolved", _("رفع‌شده")
    UNRESOLVABLE = "unresolvable", _("رفع‌نشدنی")
    WITHDRAWN = "withdrawn", _("منصرف‌شده")


OPEN_STATUSES = (ObstacleStatus.REGISTERED, ObstacleStatus.REFERRED, ObstacleStatus.IN_PROGRESS)
CLOSED_STATUSES = (ObstacleStatus.RESOLVED, ObstacleStatus.UNRESOLVABLE, ObstacleStatus.WITHDRAWN)

STATUS_COLOURS = {
    ObstacleStatus.REGISTERED: "secondary",
    ObstacleStatus.REFERRED: "primary",
    ObstacleStatus.IN_PROGRESS: "info",
    ObstacleStatus.RESOLVED: "success",
    ObstacleStatus.UNRESOLVABLE: "danger",
    ObstacleStatus.WITHDRAWN: "dark",
}


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("رفع در سطح اداری")
    SYSTEMIC = "systemic", _("نیازمند اصلاح قانون یا مقررات (موضوع فراگیر)")
    UNRESOLVABLE = "unresolvable", _("رفع‌نشدنی")
    WITHDRAWN = "withdrawn", _("انصراف واحد")


# The status an obstacle takes when it is closed with an outcome.
OUTCOME_STATUS = {
    Outcome.RESOLVED: ObstacleStatus.RESOLVED,
    Outcome.SYSTEMIC: ObstacleStatus.UNRESOLVABLE,
    Outcome.UNRESOLVABLE: ObstacleStatus.UNRESOLVABLE,
    Outcome.WITHDRAWN: ObstacleStatus.WITHDRAWN,
}


class FailureParty(models.TextChoices):
    AGENCY = "agency", _("دستگاه اجرایی")
    PRODUCER = "producer", _("تولیدکننده")
    EXTERNAL = "external", _("عوامل بیرونی")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("در انتظار پاسخ")
    ACCEPTED = "accepted", _("پذیرفته‌شده")
    IN_PROGRESS = "in_progress", _("در دست اقدام")
    DONE = "done", _("انجام‌شده")
    REJECTED = "rejected", _("ردشده")
    ESCALATED = "escalated", _("تشدیدشده به سطح بالاتر")
    AWAITING_PRODUCER = "awaiting_producer", _("در انتظار مدارک تولیدکننده")


# Still the agency's to answer, its clock running. A referral awaiting the producer's documents is not among
# them: its clock is paused (it cannot be late), and it runs again when the producer answers.
OPEN_REFERRAL_STATUSES = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
# Not yet settled: open, or paused on the producer (an agency is not referred the same obstacle twice meanwhile).
UNSETTLED_REFERRAL_STATUSES = (*OPEN_REFERRAL_STATUSES, ReferralStatus.AWAITING_PRODUCER)
REFERRAL_COLOURS = {
    ReferralStatus.PENDING: "warning",
    ReferralStatus.ACCEPTED: "primary",
    ReferralStatus.IN_PROGRESS: "info",
    ReferralStatus.DONE: "success",
    ReferralStatus.REJECTED: "danger",
    ReferralStatus.ESCALATED: "dark",
    ReferralStatus.AWAITING_PRODUCER: "secondary",
}


class EventKind(models.TextChoices):
    CREATED = "created", _("ثبت")
    COMMENT = "comment", _("یادداشت")
    REFERRAL = "referral", _("ارجاع")
    RESPONSE = "response", _("پاسخ دستگاه")
    STATUS = "status", _("تغییر وضعیت")
    ATTACHMENT = "attachment", _("پیوست")
    ESCALATION = "escalation", _("تشدید")
    SYSTEMIC = "systemic", _("موضوع فراگیر")
    WAIT = "wait", _("انتظار برای تولیدکننده")
    DEADLINE = "deadline", _("جابه‌جایی مهلت")
    ASSIGNMENT = "assignment", _("تعیین مسئول")
    REVIEW = "review", _("نظر تولیدکننده")


class ReviewState(models.TextChoices):
    """Where the producer's word on an agency's «done» stands."""

    PENDING = "pending", _("در انتظار نظر تولیدکننده")
    CONFIRMED = "confirmed", _("تأییدشده")
    REOPENED = "reopened", _("بازگشایی‌شده")
    SILENT = "silent", _("تأیید با سکوت")


# A review the producer (or the silence) has settled: what the reopen rate and the ratings count.
SETTLED_REVIEW_STATES = (ReviewState.CONFIRMED, ReviewState.REOPENED, ReviewState.SILENT)
REVIEW_COLOURS = {
    ReviewState.PENDING: "warning",
    ReviewState.CONFIRMED: "success",
    ReviewState.REOPENED: "danger",
    ReviewState.SILENT: "secondary",
}


class Rating(models.IntegerChoices):
    """The producer's 1–5 rating of an outcome or of an agency's conduct."""

    VERY_POOR = 1, _("۱ — بسیار بد")
    POOR = 2, _("۲ — بد")
    FAIR = 3, _("۳ — متوسط")
    GOOD = 4, _("۴ — خوب")
    EXCELLENT = 5, _("۵ — عالی")
