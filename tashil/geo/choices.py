from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneKind(models.TextChoices):
    TOWN = "town", _("شهرک صنعتی")
    AREA = "area", _("ناحیه صنعتی")
    SPECIAL = "special", _("منطقه ویژه اقتصادی")
    TECH_PARK = "tech_park", _("پارک علم و فناوری")
