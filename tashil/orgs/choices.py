from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyType(models.TextChoices):
    SAMT = "samt", _("صنعت، معدن و تجارت")
    TAX = "tax", _("امور مالیاتی")
    SOCIAL_SECURITY = "social_security", _("تأمین اجتماعی")
    BANK = "bank", _("بانک")
    ELECTRICITY = "electricity", _("برق")
    GAS = "gas", _("گاز")
    WATER = "water", _("آب و فاضلاب")
    ENVIRONMENT = "environment", _("حفاظت محیط زیست")
    LABOUR = "labour", _("تعاون، کار و رفاه اجتماعی")
    CUSTOMS = "customs", _("گمرک")
    JUDICIARY = "judiciary", _("دادگستری")
    INDUSTRIAL_PARKS = "industrial_parks", _("شرکت شهرک‌های صنعتی")
    STANDARDS = "standards", _("استاندارد")
    MUNICIPALITY = "municipality", _("شهرداری")
    GOVERNORATE = "governorate", _("استانداری / فرمانداری")
    OTHER = "other", _("سایر")
