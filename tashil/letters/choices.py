from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    REFERRAL = "referral", _("ارجاع")
    RESOLUTION_NOTICE = "resolution_notice", _("ابلاغ مصوبه")
    INVITATION = "invitation", _("دعوتنامه")
    REMINDER = "reminder", _("یادآوری")
    GENERAL = "general", _("نامه عمومی")


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("پیش‌نویس")
    ISSUED = "issued", _("صادرشده")


LETTER_COLOURS = {LetterStatus.DRAFT: "secondary", LetterStatus.ISSUED: "success"}
