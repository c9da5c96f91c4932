"""In-app notifications (the bell), sent on by e-mail and SMS as each person chooses; the text messages
sent; the reminders each secretariat turns on, and the log that sends each reminder once."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role
from tashil.core.links import object_url
from tashil.core.models import BaseModel


class NotificationKind(models.TextChoices):
    REFERRED = "referred", _("ارجاع تازه")
    ANSWERED = "answered", _("پاسخ دستگاه")
    OVERDUE = "overdue", _("گذشت مهلت")
    ESCALATED = "escalated", _("تشدید")
    DIGEST = "digest", _("خلاصه روزانه")
    INFO = "info", _("اطلاع")
    CONTACT = "contact", _("پیام بازدیدکننده")
    INQUIRY = "inquiry", _("درخواست سرمایه‌گذاری")
    WORKSHOP = "workshop", _("کارگاه آموزشی")
    REMINDER = "reminder", _("یادآوری پیش از مهلت")
    REPORT_DUE = "report_due", _("یادآوری آمار ماهانه")
    REPORT_REVIEW = "report_review", _("آمار در انتظار بررسی")
    CLINIC_STALE = "clinic_stale", _("پرونده کلینیک بی‌گزارش")
    DATA_CHECK = "data_check", _("درخواست تأیید اطلاعات واحد")


class Notification(BaseModel):
    """Something a person should know: shown under the bell until read, and e-mailed once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("گیرنده"), related_name="notifications", on_delete=models.CASCADE
    )
    kind = models.CharField(verbose_name=_("نوع"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(verbose_name=_("عنوان"), max_length=300)
    body = models.TextField(verbose_name=_("متن"), blank=True)
    url = models.CharField(verbose_name=_("پیوند"), max_length=500, blank=True)
    read_at = models.DateTimeField(verbose_name=_("خوانده‌شده در"), null=True, blank=True)
    emailed_at = models.DateTimeField(verbose_name=_("رایانامه فرستاده شد در"), null=True, blank=True)

    changelog_enabled = False
    # Everyone sees only their own notifications, whatever their role.
    scope_owner_path = "recipient"
    role_actions = {role: frozenset({"view", "change"}) for role in Role}

    class Meta:
        verbose_name = _("اعلان")
        verbose_name_plural = _("اعلان‌ها")
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("notifications:open", self.pk)


class ChannelPreference(BaseModel):
    """A person's choice of channels for one kind of notice; without a row the defaults apply (channels.py).
    The bell (in-app) always shows every notice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        related_name="channel_preferences",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(verbose_name=_("نوع اعلان"), max_length=20, choices=NotificationKind.choices)
    email = models.BooleanField(verbose_name=_("رایانامه"), default=True)
    sms = models.BooleanField(verbose_name=_("پیامک"), default=False)

    changelog_enabled = False
    # Everyone sees and changes only their own choices.
    scope_owner_path = "user"
    role_actions = {role: frozenset({"view", "change"}) for role in Role}

    class Meta:
        verbose_name = _("ترجیح مجرای اعلان")
        verbose_name_plural = _("ترجیح‌های مجرای اعلان")
        ordering = ("user", "kind")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="channel_preference_once_per_kind",
                violation_error_message=_("برای این نوع اعلان پیش‌تر ترجیحی ثبت شده است."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_kind_display()}"


class SMSStatus(models.TextChoices):
    QUEUED = "queued", _("در صف ارسال")
    HELD = "held", _("نگه‌داشته تا پایان ساعات سکوت")
    SENT = "sent", _("فرستاده شد")
    DELIVERED = "delivered", _("رسید")
    FAILED = "failed", _("ناموفق")


class OutgoingSMS(BaseModel):
    """One text message: written when a notice is sent by SMS, sent by the task worker (tasks.send_outgoing_sms),
    its delivery asked of the gateway by the daily job."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("گیرنده"),
        related_name="text_messages",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="text_messages",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("شهرستان گیرنده، برای آنکه دبیرخانه پیامک‌های حوزه خود را ببیند."),
    )
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("اعلان"),
        related_name="text_messages",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    number = models.CharField(verbose_name=_("شماره همراه"), max_length=11)
    text = models.TextField(verbose_name=_("متن پیامک"))
    kind = models.CharField(verbose_name=_("نوع"), max_length=20, choices=NotificationKind.choices, blank=True)
    urgent = models.BooleanField(verbose_name=_("فوری"), default=False)
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=10, choices=SMSStatus.choices, default=SMSStatus.QUEUED
    )
    send_after = models.DateTimeField(verbose_name=_("ارسال پس از"), null=True, blank=True)
    provider_id = models.CharField(verbose_name=_("شناسه در سامانه پیامک"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(verbose_name=_("دفعات تلاش"), default=0)
    error = models.CharField(verbose_name=_("خطا"), max_length=500, blank=True)
    sent_at = models.DateTimeField(verbose_name=_("زمان ارسال"), null=True, blank=True)
    delivered_at = models.DateTimeField(verbose_name=_("زمان رسیدن"), null=True, blank=True)

    changelog_enabled = False
    scope_county_path = "county"
    role_actions = {Role.ADMIN: VIEW, Role.SECRETARIAT: VIEW}

    class Meta:
        verbose_name = _("پیامک")
        verbose_name_plural = _("پیامک‌ها")
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=["status", "sent_at"], name="sms_status_idx")]

    def __str__(self):
        return f"{self.number}: {self.text[:40]}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("notifications:outgoingsms_list") + f"?q={self.number}"


DAYS_BEFORE_RANGE = _("«روز کاری پیش از مهلت» باید عددی از ۱ تا ۱۵ باشد.")
DUE_DAY_RANGE = _("«روز مهلت آمار ماهانه» باید روزی از ۱ تا ۲۹ ماه باشد.")


class ReminderSettings(BaseModel):
    """A county secretariat's reminders: which are sent, and how many working days before a deadline.
    A county without a row gets the defaults below."""

    county = models.OneToOneField(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="reminder_settings",
        on_delete=models.CASCADE,
        error_messages={"unique": _("تنظیمات یادآوری این شهرستان پیش‌تر ثبت شده است؛ همان را ویرایش کنید.")},
    )
    days_before = models.PositiveSmallIntegerField(
        verbose_name=_("روز کاری پیش از مهلت"),
        default=2,
        validators=[MinValueValidator(1, DAYS_BEFORE_RANGE), MaxValueValidator(15, DAYS_BEFORE_RANGE)],
        help_text=_("یادآوری چند روز کاری پیش از مهلت ارجاع یا مصوبه فرستاده شود (۱ تا ۱۵)."),
    )
    referrals = models.BooleanField(verbose_name=_("یادآوری مهلت ارجاع‌ها"), default=True)
    resolutions = models.BooleanField(verbose_name=_("یادآوری مهلت مصوبات"), default=True)
    monthly_reports = models.BooleanField(verbose_name=_("یادآوری آمار ماهانه به واحدها"), default=True)
    report_due_day = models.PositiveSmallIntegerField(
        verbose_name=_("روز مهلت آمار ماهانه"),
        default=10,
        validators=[MinValueValidator(1, DUE_DAY_RANGE), MaxValueValidator(29, DUE_DAY_RANGE)],
        help_text=_("آمار هر ماه تا این روزِ ماه بعد (شمسی) باید ثبت شود (۱ تا ۲۹)."),
    )
    report_reviews = models.BooleanField(verbose_name=_("یادآوری آمار در انتظار بررسی به دبیرخانه"), default=True)
    clinic_updates = models.BooleanField(verbose_name=_("یادآوری گزارش هفتگی کلینیک به کارشناس"), default=True)

    scope_county_path = "county"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: frozenset({"view", "add", "change"}),
        Role.MANAGER: VIEW,
    }

    class Meta:
        verbose_name = _("تنظیمات یادآوری")
        verbose_name_plural = _("تنظیمات یادآوری")
        ordering = ("county__name",)

    def __str__(self):
        return str(_("یادآوری‌های %(county)s") % {"county": self.county})

    def get_absolute_url(self):
        return object_url("notifications:remindersettings_edit", self.pk)


class SentReminder(models.Model):
    """One reminder sent: its key (what, which stage, which deadline) is unique, so the daily job run twice,
    or two workers at once, sends nothing twice."""

    key = models.CharField(verbose_name=_("کلید یادآوری"), max_length=120, unique=True)
    sent_at = models.DateTimeField(verbose_name=_("زمان ارسال"), auto_now_add=True)
    recipients = models.PositiveIntegerField(verbose_name=_("شمار گیرندگان"), default=0)

    class Meta:
        verbose_name = _("یادآوری فرستاده")
        verbose_name_plural = _("یادآوری‌های فرستاده")
        ordering = ("-sent_at",)

    def __str__(self):
        return self.key


SMS_COLOURS = {
    SMSStatus.QUEUED: "secondary",
    SMSStatus.HELD: "info",
    SMSStatus.SENT: "primary",
    SMSStatus.DELIVERED: "success",
    SMSStatus.FAILED: "danger",
}
