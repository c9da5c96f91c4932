import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import TashilFilterSet
from tashil.geo.models import County, Province

from .models import Agency, AgencyContact


class AgencyFilterSet(TashilFilterSet):
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), label=_("استان"))
    county = django_filters.ModelChoiceFilter(queryset=County.objects.all(), label=_("شهرستان"))

    class Meta:
        model = Agency
        fields = ("type", "level", "province", "county", "is_active")


class AgencyContactFilterSet(TashilFilterSet):
    search_fields = ("name", "position")

    class Meta:
        model = AgencyContact
        fields = ("agency",)
