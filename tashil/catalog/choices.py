from django.db import models
from django.utils.translation import gettext_lazy as _


class Moderation(models.TextChoices):
    """Whether the secretariat lets a unit's public profile appear on the public site."""

    PUBLISHED = "published", _("منتشرشده")
    HIDDEN = "hidden", _("پنهان‌شده توسط دبیرخانه")


MODERATION_COLOURS = {Moderation.PUBLISHED: "success", Moderation.HIDDEN: "danger"}


class Proximity(models.IntegerChoices):
    """How near a matched unit is: the order in which matches are proposed."""

    COUNTY = 0, _("همین شهرستان")
    PROVINCE = 1, _("همین استان")
    NATION = 2, _("دیگر استان‌ها")
