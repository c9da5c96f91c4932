"""REST endpoints of the clinic, scoped: an expert sees only their centre's cases."""

from rest_framework import serializers, status
from rest_framework.response import Response

from tashil.core.api.actions import api_action
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet
from tashil.obstacles.api import ObstacleSerializer

from . import actions, filtersets, services
from .models import ActionItem, Centre, ClinicCase, Diagnosis, DiagnosisScore, WeeklyUpdate


class CentreSerializer(TashilModelSerializer):
    derived_fields = ("province", "county")

    class Meta:
        model = Centre
        fields = (
            "id",
            "url",
            "name",
            "host_type",
            "host_name",
            "level",
            "province",
            "county",
            "specialties",
            "yearly_capacity",
            "is_active",
        )


class CaseSerializer(TashilModelSerializer):
    event = staticmethod(services.save_case)  # admitting a unit, as on the page
    progress = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = ClinicCase
        fields = (
            "id",
            "url",
            "unit",
            "centre",
            "experts",
            "reason",
            "status",
            "outcome",
            "opened_date",
            "closed_date",
            "summary",
            "progress",
            "revival",
        )
        read_only_fields = ("status", "outcome", "closed_date", "revival")


class ScoreSerializer(TashilModelSerializer):
    class Meta:
        model = DiagnosisScore
        fields = ("id", "dimension", "score", "findings", "needs_agency", "group", "obstacle")
        read_only_fields = ("obstacle",)


class DiagnosisSerializer(TashilModelSerializer):
    scores = ScoreSerializer(many=True, read_only=True)
    event = staticmethod(services.save_diagnosis)  # as the diagnosis page records it

    class Meta:
        model = Diagnosis
        fields = ("id", "case", "summary", "levers", "date", "scores")


class ActionItemSerializer(TashilModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionItem
        fields = (
            "id",
            "case",
            "title",
            "owner",
            "agency",
            "expert",
            "deadline",
            "weight",
            "progress",
            "notes",
            "is_overdue",
        )


class WeeklyUpdateSerializer(TashilModelSerializer):
    class Meta:
        model = WeeklyUpdate
        fields = ("id", "case", "date", "done", "blockers", "next_step", "author")
        read_only_fields = ("author",)

    def create(self, validated_data):
        validated_data["author"] = self.context["request"].user
        return super().create(validated_data)


class CentreViewSet(TashilModelViewSet):
    queryset = Centre.objects.all()
    serializer_class = CentreSerializer
    filterset_class = filtersets.CentreFilterSet


class CaseViewSet(TashilModelViewSet):
    queryset = ClinicCase.objects.select_related("unit", "centre")
    serializer_class = CaseSerializer
    filterset_class = filtersets.ClinicCaseFilterSet
    advance = api_action(actions.ADVANCE)
    close = api_action(actions.CLOSE)
    review = api_action(actions.REVIEW)
    obstacles = api_action(
        actions.FINDINGS,
        response=lambda view, case, created: Response(
            ObstacleSerializer(created, many=True, context={"request": view.request}).data, status.HTTP_201_CREATED
        ),
        response_schema=ObstacleSerializer(many=True),
    )


class DiagnosisViewSet(TashilModelViewSet):
    queryset = Diagnosis.objects.prefetch_related("scores")
    serializer_class = DiagnosisSerializer
    filterset_fields = ("case",)


class ActionItemViewSet(TashilModelViewSet):
    queryset = ActionItem.objects.select_related("case")
    serializer_class = ActionItemSerializer
    filterset_fields = ("case", "owner")


class WeeklyUpdateViewSet(TashilModelViewSet):
    queryset = WeeklyUpdate.objects.select_related("case")
    serializer_class = WeeklyUpdateSerializer
    filterset_fields = ("case",)


ROUTES = [
    ("clinic/centres", CentreViewSet, "centre"),
    ("clinic/cases", CaseViewSet, "cliniccase"),
    ("clinic/diagnoses", DiagnosisViewSet, "diagnosis"),
    ("clinic/action-items", ActionItemViewSet, "actionitem"),
    ("clinic/updates", WeeklyUpdateViewSet, "weeklyupdate"),
]
