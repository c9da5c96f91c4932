import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet
from tashil.units.filtersets import PlaceFilterMixin
from tashil.units.models import IndustrialUnit

from .models import Registration, Workshop


class WorkshopFilterSet(PlaceFilterMixin, TashilFilterSet):
    date_after = JalaliDateFilter(field_name="date", lookup_expr="gte", label=_("از تاریخ"))
    date_before = JalaliDateFilter(field_name="date", lookup_expr="lte", label=_("تا تاریخ"))

    class Meta:
        model = Workshop
        fields = ("province", "county", "status", "organiser", "date_after", "date_before", "is_public")


class RegistrationFilterSet(TashilFilterSet):
    search_fields = ("full_name", "mobile", "national_code")
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))

    class Meta:
        model = Registration
        fields = ("workshop", "unit", "status", "attended")
