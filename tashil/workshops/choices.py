from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", _("برنامه‌ریزی‌شده")
    HELD = "held", _("برگزارشده")
    CANCELLED = "cancelled", _("لغوشده")


class Organiser(models.TextChoices):
    HEADQUARTERS = "headquarters", _("ستاد تسهیل")
    CLINIC = "clinic", _("کلینیک صنعت")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("ثبت‌نام قطعی")
    WAITLISTED = "waitlisted", _("فهرست انتظار")
    CANCELLED = "cancelled", _("انصراف")


WORKSHOP_COLOURS = {
    WorkshopStatus.PLANNED: "primary",
    WorkshopStatus.HELD: "success",
    WorkshopStatus.CANCELLED: "secondary",
}
REGISTRATION_COLOURS = {
    RegistrationStatus.REGISTERED: "success",
    RegistrationStatus.WAITLISTED: "warning",
    RegistrationStatus.CANCELLED: "secondary",
}
