"""Agencies (دستگاه‌های اجرایی) that remove obstacles and execute resolutions, and their contacts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role, ScopeLevel
from tashil.core.fields import DigitsCharField
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import search_key

from .choices import AgencyType


class AgencyQuerySet(ScopedQuerySet):
    def serving(self, county):
        """Agencies whose jurisdiction covers ``county``: its own, its province's and national ones."""
        return self.filter(
            Q(level=ScopeLevel.NATION)
            | Q(level=ScopeLevel.PROVINCE, province_id=county.province_id)
            | Q(level=ScopeLevel.COUNTY, county=county)
        )


class Agency(BaseModel):
    """A government body or company at a level (county, province, nation) that units' problems are referred to."""

    name = models.CharField(verbose_name=_("نام"), max_length=200)
    type = models.CharField(verbose_name=_("نوع دستگاه"), max_length=30, choices=AgencyType.choices)
    level = models.CharField(verbose_name=_("سطح"), max_length=10, choices=ScopeLevel.choices)
    province = models.ForeignKey(
        "geo.Province",
        verbose_name=_("استان"),
        related_name="agencies",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="agencies",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("دستگاه بالادست"),
        related_name="children",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("دستگاهی که موارد ارجاع‌شده در صورت تشدید به آن می‌رود."),
    )
    phone = DigitsCharField(verbose_name=_("تلفن"), max_length=30, blank=True)
    email = models.EmailField(verbose_name=_("رایانامه"), blank=True)
    address = models.CharField(verbose_name=_("نشانی"), max_length=300, blank=True)
    is_active = models.BooleanField(verbose_name=_("فعال"), default=True)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)

    objects = AgencyQuerySet.as_manager()
    # Every staff member sees every agency (to refer to it); a secretariat writes those of its place, an agency's
    # own level (a province's agency has no county).
    scope_all_rows_actions = VIEW
    scope_place_paths = ("province", "county")
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: ALL_ACTIONS,
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: VIEW,
        Role.CLINIC_EXPERT: VIEW,
    }

    searchable = True

    class Meta:
        verbose_name = _("دستگاه اجرایی")
        verbose_name_plural = _("دستگاه‌های اجرایی")
        ordering = ("level", "name")
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(level=ScopeLevel.NATION),
                name="agency_unique_national_name",
                violation_error_message=_("دستگاه ملی دیگری با همین نام ثبت شده است."),
            ),
            models.UniqueConstraint(
                fields=["name", "province"],
                condition=Q(level=ScopeLevel.PROVINCE),
                name="agency_unique_provincial_name",
                violation_error_message=_("دستگاه استانی دیگری با همین نام در این استان ثبت شده است."),
            ),
            models.UniqueConstraint(
                fields=["name", "county"],
                condition=Q(level=ScopeLevel.COUNTY),
                name="agency_unique_county_name",
                violation_error_message=_("دستگاه دیگری با همین نام در این شهرستان ثبت شده است."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.level == ScopeLevel.COUNTY and not self.county_id:
            raise ValidationError({"county": _("دستگاه شهرستانی باید شهرستان داشته باشد.")})
        if self.level == ScopeLevel.PROVINCE and not self.province_id:
            raise ValidationError({"province": _("دستگاه استانی باید استان داشته باشد.")})
        if self.level == ScopeLevel.NATION:
            self.province = None
            self.county = None
        if self.level == ScopeLevel.PROVINCE:
            self.county = None
        if self.county_id:
            self.province_id = self.county.province_id

    def save(self, *args, **kwargs):
        self.search_text = search_key(self.name)
        super().save(*args, **kwargs)


class AgencyContact(BaseModel):
    """A person at an agency the headquarters calls or invites to meetings."""

    agency = models.ForeignKey(Agency, verbose_name=_("دستگاه"), related_name="contacts", on_delete=models.CASCADE)
    name = models.CharField(verbose_name=_("نام و نام خانوادگی"), max_length=150)
    position = models.CharField(verbose_name=_("سمت"), max_length=150, blank=True)
    phone = DigitsCharField(verbose_name=_("تلفن"), max_length=30, blank=True)
    email = models.EmailField(verbose_name=_("رایانامه"), blank=True)

    role_actions = Agency.role_actions
    scope_parent = "agency"

    class Meta:
        verbose_name = _("رابط دستگاه")
        verbose_name_plural = _("رابطان دستگاه")
        ordering = ("agency", "name")

    def __str__(self):
        return f"{self.name} ({self.agency})"

    def get_absolute_url(self):
        return self.agency.get_absolute_url()

    def get_changelog_parent(self):
        return self.agency
