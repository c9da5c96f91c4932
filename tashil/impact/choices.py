from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    """What an impact record credits: a resolved obstacle, a verified resolution or a unit revived by the clinic."""

    OBSTACLE = "obstacle", _("مانع رفع‌شده")
    RESOLUTION = "resolution", _("مصوبه اجراشده و تأییدشده")
    CLINIC_CASE = "clinic_case", _("واحد احیاشده در کلینیک")


# The kinds of rials a record unlocks, each a field of ImpactRecord: (field, label).
RIAL_KINDS = (
    ("loans_rials", _("تسهیلات پرداخت‌شده (ریال)")),
    ("debts_rials", _("بدهی تسویه یا تقسیط‌شده (ریال)")),
    ("fines_rials", _("جرائم بخشوده‌شده (ریال)")),
)
