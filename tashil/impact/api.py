"""REST endpoints of the impact records: listed and filtered as on the list page, recorded and corrected through
the same events as the form (services.record_impact / update_impact)."""

from django.db import transaction

from tashil.core.api.exceptions import run
from tashil.core.api.serializers import TashilModelSerializer, scoped_save_check
from tashil.core.api.viewsets import TashilModelViewSet

from . import filtersets, services
from .models import ImpactRecord

SOURCES = ("obstacle", "resolution", "clinic_case")


class ImpactRecordSerializer(TashilModelSerializer):
    full_clean_exclude = ("unit", "county", "agency", "group")

    class Meta:
        model = ImpactRecord
        fields = (
            "id",
            "url",
            "obstacle",
            "resolution",
            "clinic_case",
            "unit",
            "county",
            "agency",
            "group",
            "date",
            "jobs_preserved",
            "jobs_restored",
            "loans_rials",
            "debts_rials",
            "fines_rials",
            "capacity_restored",
            "evidence",
            "recorded_by",
        )
        read_only_fields = ("unit", "county", "agency", "group", "recorded_by")

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # A record's source is fixed once recorded, as on the edit page.
            for name in SOURCES:
                fields[name].read_only = True
        return fields


class ImpactRecordViewSet(TashilModelViewSet):
    queryset = ImpactRecord.objects.select_related("unit", "county", "agency", "group")
    serializer_class = ImpactRecordSerializer
    filterset_class = filtersets.ImpactRecordFilterSet

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        sources = {name: data.pop(name, None) for name in SOURCES}
        with transaction.atomic():
            record = run(lambda: services.record_impact(user=self.request.user, **sources, **data))
            scoped_save_check(self.request.user, record, "add")
        serializer.instance = record

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        with transaction.atomic():
            record = run(lambda: services.update_impact(serializer.instance, user=self.request.user, **data))
            scoped_save_check(self.request.user, record, "change")
        serializer.instance = record


ROUTES = [("impact/records", ImpactRecordViewSet, "impactrecord")]
