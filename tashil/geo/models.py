"""Iran's provinces and counties (reference data) and the industrial zones inside counties."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role
from tashil.core.links import object_url
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import search_key

from .choices import ZoneKind

STAFF_VIEW = {
    Role.ADMIN: ALL_ACTIONS,
    Role.SECRETARIAT: VIEW,
    Role.MANAGER: VIEW,
    Role.AGENCY_OFFICER: VIEW,
    Role.CLINIC_EXPERT: VIEW,
}


class Province(BaseModel):
    """One of Iran's 31 provinces (استان)."""

    name = models.CharField(verbose_name=_("نام"), max_length=100, unique=True)
    name_en = models.CharField(verbose_name=_("نام انگلیسی"), max_length=100, blank=True)
    code = models.PositiveSmallIntegerField(
        verbose_name=_("کد"), unique=True, help_text=_("کد استان در تقسیمات کشوری (همان شماره ISO 3166-2:IR).")
    )

    role_actions = STAFF_VIEW

    class Meta:
        verbose_name = _("استان")
        verbose_name_plural = _("استان‌ها")
        ordering = ("name",)

    def __str__(self):
        return self.name

    @property
    def iso_3166_2(self):
        return f"IR-{self.code:02d}"


class CountyQuerySet(ScopedQuerySet):
    def search(self, text):
        return self.filter(search_text__contains=search_key(text))


class County(BaseModel):
    """A county (شهرستان): the level at which a facilitation headquarters works day to day."""

    province = models.ForeignKey(Province, verbose_name=_("استان"), related_name="counties", on_delete=models.PROTECT)
    name = models.CharField(verbose_name=_("نام"), max_length=100)
    name_en = models.CharField(
        verbose_name=_("نام انگلیسی"),
        max_length=100,
        blank=True,
        help_text=_("برای تارنمای عمومی به انگلیسی؛ بارگذاری داده‌های پایه آن را از نام فارسی آوانویسی می‌کند."),
    )
    code = models.PositiveIntegerField(verbose_name=_("کد"), unique=True)
    search_text = models.CharField(max_length=200, editable=False, db_index=True)

    objects = CountyQuerySet.as_manager()
    role_actions = STAFF_VIEW
    searchable = True

    class Meta:
        verbose_name = _("شهرستان")
        verbose_name_plural = _("شهرستان‌ها")
        ordering = ("province__name", "name")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="county_unique_name_in_province",
                violation_error_message=_("این استان شهرستانی با همین نام دارد."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_key(self.name)
        super().save(*args, **kwargs)


class IndustrialZone(BaseModel):
    """An industrial town or area (شهرک / ناحیه صنعتی), special economic zone or technology park in a county."""

    county = models.ForeignKey(County, verbose_name=_("شهرستان"), related_name="zones", on_delete=models.PROTECT)
    name = models.CharField(verbose_name=_("نام"), max_length=150)
    kind = models.CharField(verbose_name=_("نوع"), max_length=20, choices=ZoneKind.choices, default=ZoneKind.TOWN)
    operator = models.CharField(
        verbose_name=_("متولی"), max_length=150, blank=True, help_text=_("مثلاً شرکت شهرک‌های صنعتی استان")
    )
    area_hectares = models.DecimalField(
        verbose_name=_("مساحت (هکتار)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    latitude = models.DecimalField(
        verbose_name=_("عرض جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        verbose_name=_("طول جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_active = models.BooleanField(verbose_name=_("فعال"), default=True)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)

    scope_county_path = "county"
    role_actions = {
        **STAFF_VIEW,
        Role.SECRETARIAT: ALL_ACTIONS,
    }

    searchable = True

    class Meta:
        verbose_name = _("شهرک یا ناحیه صنعتی")
        verbose_name_plural = _("شهرک‌ها و نواحی صنعتی")
        ordering = ("county__name", "name")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"],
                name="zone_unique_name_in_county",
                violation_error_message=_("این شهرستان شهرک یا ناحیه‌ای با همین نام دارد."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("geo:industrialzone", self.pk)
