import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import TashilFilterSet
from tashil.units.filtersets import PlaceFilterMixin
from tashil.units.models import IndustrialUnit

from .choices import CaseOutcome, CaseReason, CaseStatus
from .models import Centre, ClinicCase


class CentreFilterSet(TashilFilterSet):
    search_fields = ("name", "host_name")

    class Meta:
        model = Centre
        fields = ("host_type", "level", "province", "is_active")


class ClinicCaseFilterSet(PlaceFilterMixin, TashilFilterSet):
    centre = django_filters.ModelChoiceFilter(queryset=Centre.objects.all(), label=_("کانون"))
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("مرحله"))
    reason = django_filters.ChoiceFilter(choices=CaseReason.choices, label=_("دلیل پذیرش"))
    outcome = django_filters.ChoiceFilter(choices=CaseOutcome.choices, label=_("نتیجه"))
    no_update = django_filters.BooleanFilter(method="filter_no_update", label=_("بی‌گزارش این هفته"))
    revived = django_filters.BooleanFilter(field_name="revival", lookup_expr="isnull", exclude=True, label=_("احیاشده"))
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))

    class Meta:
        model = ClinicCase
        fields = ("province", "county", "centre", "status", "reason", "outcome", "no_update", "revived", "unit")

    def search(self, queryset, name, value):
        from tashil.core.persian import search_key

        key = search_key(value)
        return queryset.filter(unit__search_text__contains=key) if key else queryset

    def filter_no_update(self, queryset, name, value):
        if value is None:
            return queryset
        stale = ClinicCase.objects.without_update_this_week().values("pk")
        return queryset.filter(pk__in=stale) if value else queryset.exclude(pk__in=stale)
