import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet, YearFilter
from tashil.core.forms import DropdownCheckboxes
from tashil.core.persian import fold_digits
from tashil.core.validators import normalize_national_id
from tashil.geo.models import County, IndustrialZone, Province

from .choices import IsicLevel, ReportStatus, SizeClass, UnitStatus
from .forms import IsicPicker
from .models import IdentifierSight, IndustrialUnit, IsicCode, PeriodicReport, Product, Project, UnitStatusChange


@extend_schema_field(OpenApiTypes.STR)
class IsicFilter(django_filters.ModelChoiceFilter):
    """The rows under one ISIC entry of ``level`` (a division, a group), chosen by its code (``?isic_division=10``):
    those whose 4-digit ISIC code at ``field_path`` begins with it. Chosen with the searchable ISIC picker of that
    level: the page draws only the chosen entry, not the 88 divisions or 238 groups."""

    def __init__(self, level, field_path, **kwargs):
        self.field_path = field_path
        kwargs.setdefault("widget", IsicPicker(level))
        super().__init__(queryset=IsicCode.objects.filter(level=level), **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(**{f"{self.field_path}__startswith": value.code})


ZONE_CHOICES = (("inside", _("داخل شهرک یا ناحیه")), ("outside", _("خارج از شهرک‌ها و نواحی")))
YES_NO = (("true", _("بله")), ("false", _("خیر")))


class PlaceFilterMixin(django_filters.FilterSet):
    """Province and county filters over the object's county path, offering only the places the user works in.

    A county officer is not offered the other 30 provinces (nor a province secretariat the other provinces'
    counties): choices they could not use, which the page would also pay to render on every visit."""

    county_path = "county"

    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), label=_("استان"), method="filter_province"
    )
    county = django_filters.ModelChoiceFilter(queryset=County.objects.all(), label=_("شهرستان"), method="filter_county")

    def narrow_choices(self, form):
        super().narrow_choices(form)
        fields = form.fields
        single = None
        if getattr(self.user, "is_authenticated", False):
            from tashil.core import scope

            counties = scope.counties_in_scope(self.user)
            fields["county"].queryset = counties
            fields["province"].queryset = Province.objects.filter(pk__in=counties.values("province"))
            single = scope.single_county_id(self.user)
            if single:
                # One county is all this person works in: a choice of province and county would offer only
                # it. The filters stay (a link may carry ?county=) but are not shown in the bar.
                for name in ("province", "county"):
                    fields[name].widget = forms.HiddenInput()
        if "zone" in fields:
            # One county's zones by its id, not through a subquery of the counties in scope (the same rows,
            # a plainer query for the filter bar of most of the system's users).
            zones = IndustrialZone.objects.all()
            fields["zone"].queryset = (
                zones.filter(county_id=single) if single else zones.filter(county__in=fields["county"].queryset)
            )

    def filter_province(self, queryset, name, value: int):
        return queryset.filter(**{f"{self.county_path}__province": value})

    def filter_county(self, queryset, name, value: int):
        return queryset.filter(**{self.county_path: value})


class IndustrialUnitFilterSet(PlaceFilterMixin, TashilFilterSet):
    zone = django_filters.ModelChoiceFilter(queryset=IndustrialZone.objects.all(), label=_("شهرک یا ناحیه"))
    location = django_filters.ChoiceFilter(
        choices=ZONE_CHOICES, method="filter_location", label=_("محل استقرار"), empty_label=_("همه")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=UnitStatus.choices, label=_("وضعیت"), widget=DropdownCheckboxes
    )
    isic = django_filters.CharFilter(method="filter_isic", label=_("کد آیسیک (آغاز)"))
    # A division or a group of ISIC Rev.4: the units whose class lies in it (a class's code begins with its
    # group's and its division's, the class being the key the unit stores: no join).
    isic_division = IsicFilter(IsicLevel.DIVISION, "isic_class__code", label=_("قسمت آیسیک"))
    isic_group = IsicFilter(IsicLevel.GROUP, "isic_class__code", label=_("گروه آیسیک"))
    size_class = django_filters.ChoiceFilter(choices=SizeClass.choices, label=_("اندازه"))
    knowledge_based = django_filters.BooleanFilter(label=_("دانش‌بنیان"))
    exporter = django_filters.BooleanFilter(label=_("صادرکننده"))
    stale = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_stale", label=_("اطلاعات کهنه"), empty_label=_("همه")
    )

    class Meta:
        model = IndustrialUnit
        fields = (
            "province",
            "county",
            "zone",
            "location",
            "status",
            "isic_division",
            "isic_group",
            "isic",
            "size_class",
        )

    def search(self, queryset, name, value):
        """The words of a unit, and any of its agency identifiers typed whole (an economic code, a postal code,
        a subscription number) in any digit script: among those the user may read, so that another agency's
        number finds nothing for an officer (to find the unit by it would tell him it)."""
        found = super().search(queryset, name, value)
        digits = normalize_national_id(value)
        if not digits.isdigit() or not digits.isascii():
            return found
        return found | queryset.filter(IdentifierSight(self.user).q(digits))

    def filter_location(self, queryset, name, value):
        return queryset.filter(zone__isnull=(value == "outside"))

    def filter_isic(self, queryset, name, value):
        return queryset.filter(isic_code__startswith=fold_digits(value).strip())

    def filter_stale(self, queryset, name, value):
        stale = queryset.stale()
        return stale if value == "true" else queryset.exclude(pk__in=stale.values("pk"))


class ProductFilterSet(PlaceFilterMixin, TashilFilterSet):
    county_path = "unit__county"
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))

    class Meta:
        model = Product
        fields = ("province", "county", "unit", "capacity_unit", "is_public")

    def search(self, queryset, name, value):
        from tashil.core.persian import search_key

        key = search_key(value)
        return queryset.filter(Q(search_text__contains=key) | Q(unit__search_text__contains=key)) if key else queryset


class ProjectFilterSet(PlaceFilterMixin, TashilFilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))

    class Meta:
        model = Project
        fields = ("province", "county", "unit", "seeks_investor")


class UnitStatusChangeFilterSet(PlaceFilterMixin, TashilFilterSet):
    county_path = "unit__county"
    search_fields = ("reason",)
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))
    reactivation = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_reactivation", label=_("بازگشت به فعالیت"), empty_label=_("همه")
    )
    date_after = JalaliDateFilter(field_name="date", lookup_expr="gte", label=_("از تاریخ"))
    date_before = JalaliDateFilter(field_name="date", lookup_expr="lte", label=_("تا تاریخ"))
    clinic = django_filters.BooleanFilter(
        field_name="clinic_case", lookup_expr="isnull", exclude=True, label=_("به اعتبار کلینیک صنعت")
    )

    class Meta:
        model = UnitStatusChange
        fields = ("province", "county", "unit", "from_status", "to_status", "source")

    def filter_reactivation(self, queryset, name, value):
        """Semi-active or inactive → active: what the dashboards count as a reactivation."""
        q = Q(from_status__in=(UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE), to_status=UnitStatus.ACTIVE)
        return queryset.filter(q) if value == "true" else queryset.exclude(q)


class PeriodicReportFilterSet(PlaceFilterMixin, TashilFilterSet):
    county_path = "unit__county"
    year = YearFilter(label=_("سال"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("وضعیت بررسی"))
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))

    class Meta:
        model = PeriodicReport
        fields = ("province", "county", "unit", "year", "month", "status")

    def search(self, queryset, name, value):
        from tashil.core.persian import search_key

        key = search_key(value)
        return queryset.filter(unit__search_text__contains=key) if key else queryset
