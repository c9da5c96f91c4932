import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import TashilFilterSet, YearFilter
from tashil.core.jalali import year_bounds

from .models import Closure, County, IndustrialZone, Province


class ProvinceFilterSet(TashilFilterSet):
    search_fields = ("name", "name_en")

    class Meta:
        model = Province
        fields = ()


class CountyFilterSet(TashilFilterSet):
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), label=_("استان"))

    class Meta:
        model = County
        fields = ("province",)


class IndustrialZoneFilterSet(TashilFilterSet):
    province = django_filters.ModelChoiceFilter(
        field_name="county__province", queryset=Province.objects.all(), label=_("استان")
    )
    county = django_filters.ModelChoiceFilter(queryset=County.objects.all(), label=_("شهرستان"))

    class Meta:
        model = IndustrialZone
        fields = ("province", "county", "kind", "is_active")


class ClosureFilterSet(TashilFilterSet):
    year = YearFilter(method="filter_year", label=_("سال"))
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), label=_("استان"))
    county = django_filters.ModelChoiceFilter(queryset=County.objects.all(), label=_("شهرستان"))
    search_fields = ("reason",)

    class Meta:
        model = Closure
        fields = ("year", "province", "county")

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__range=year_bounds(int(value)))
