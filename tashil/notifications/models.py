"""In-app notifications (the bell), each also sent by e-mail through the background task worker."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import Role
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

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a place: everyone sees only their own notifications, whatever their role."""
        return Q(recipient_id=membership.user_id)
