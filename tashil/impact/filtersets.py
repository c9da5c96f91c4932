import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet
from tashil.obstacles.models import ObstacleDomain, ObstacleGroup
from tashil.orgs.models import Agency
from tashil.units.filtersets import PlaceFilterMixin

from .choices import SourceKind
from .models import ImpactRecord


class ImpactRecordFilterSet(PlaceFilterMixin, TashilFilterSet):
    source = django_filters.ChoiceFilter(choices=SourceKind.choices, method="filter_source", label=_("منشأ"))
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("دستگاه"))
    domain = django_filters.ModelChoiceFilter(
        field_name="group__domain", queryset=ObstacleDomain.objects.all(), label=_("حوزه")
    )
    group = django_filters.ModelChoiceFilter(queryset=ObstacleGroup.objects.all(), label=_("گروه مانع"))
    after = JalaliDateFilter(field_name="date", lookup_expr="gte", label=_("از تاریخ"))
    before = JalaliDateFilter(field_name="date", lookup_expr="lte", label=_("تا تاریخ"))

    class Meta:
        model = ImpactRecord
        fields = ("agency", "group")

    def filter_source(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False}) if value in SourceKind.values else queryset
