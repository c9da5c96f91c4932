import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import TashilFilterSet

from .models import County, IndustrialZone, Province


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
