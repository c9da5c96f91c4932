"""Iran's provinces and counties (reference data) and the industrial zones inside counties."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role
from tashil.core.jalali import format_jalali
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


class Closure(BaseModel):
    """A day a province's or a county's offices were closed (heat, pollution, an election): no working day for
    the deadlines of the agencies of that place. A province-wide closure has no county."""

    date = models.DateField(verbose_name=_("تاریخ"))
    province = models.ForeignKey(Province, verbose_name=_("استان"), related_name="closures", on_delete=models.PROTECT)
    county = models.ForeignKey(
        County,
        verbose_name=_("شهرستان"),
        related_name="closures",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("برای تعطیلی سراسر استان خالی بگذارید."),
    )
    reason = models.CharField(verbose_name=_("علت"), max_length=300)

    # A province-wide closure has no county. A province's staff reach every closure of the province; a county's
    # staff write their county's and read their province's too (they count there).
    scope_place_paths = ("province", "county")
    scope_province_rows_for_counties = VIEW
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: ALL_ACTIONS,
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: VIEW,
        Role.CLINIC_EXPERT: VIEW,
    }

    class Meta:
        verbose_name = _("تعطیلی استان یا شهرستان")
        verbose_name_plural = _("تعطیلی‌های استانی و شهرستانی")
        ordering = ("-date", "province__name")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "province"],
                condition=Q(county__isnull=True),
                name="closure_unique_province_day",
                violation_error_message=_("تعطیلی سراسری این استان در این روز پیش‌تر ثبت شده است."),
            ),
            models.UniqueConstraint(
                fields=["date", "county"],
                name="closure_unique_county_day",
                violation_error_message=_("تعطیلی این شهرستان در این روز پیش‌تر ثبت شده است."),
            ),
        ]

    def __str__(self):
        return f"{format_jalali(self.date)} — {self.place}"

    @property
    def place(self):
        if self.county_id:
            return _("شهرستان %(name)s") % {"name": self.county}
        return _("استان %(name)s") % {"name": self.province}

    def get_absolute_url(self):
        return object_url("geo:closure", self.pk)

    def clean(self):
        if self.county_id:
            self.province_id = self.county.province_id
        if not self.province_id:
            raise ValidationError({"province": _("استان تعطیل‌شده را برگزینید.")})
