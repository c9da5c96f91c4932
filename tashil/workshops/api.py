"""REST endpoints of the workshops: the public list (no sign-in) and the scoped staff API, where a
registration takes a seat or a place on the waiting list exactly as on the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from tashil.catalog.api import PublicReadOnlyViewSet
from tashil.core.api import fields as api_fields
from tashil.core.api.exceptions import run
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet

from . import filtersets
from .models import Registration, Workshop
from .public import public_workshops


class PublicWorkshopSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.name")
    seats_left = serializers.SerializerMethodField()

    class Meta:
        model = Workshop
        fields = (
            "id",
            "title",
            "topic",
            "trainer",
            "county",
            "date",
            "start_time",
            "end_time",
            "place",
            "capacity",
            "seats_left",
            "status",
        )

    def get_seats_left(self, workshop) -> int:
        return workshop.seats_left()


class WorkshopSerializer(TashilModelSerializer):
    class Meta:
        model = Workshop
        fields = (
            "id",
            "url",
            "title",
            "topic",
            "description",
            "trainer",
            "organiser",
            "centre",
            "county",
            "date",
            "start_time",
            "end_time",
            "place",
            "online_link",
            "capacity",
            "is_public",
            "status",
        )
        read_only_fields = ("status",)


class RegistrationSerializer(TashilModelSerializer):
    class Meta:
        model = Registration
        fields = (
            "id",
            "url",
            "workshop",
            "unit",
            "full_name",
            "national_code",
            "mobile",
            "position",
            "status",
            "attended",
        )
        read_only_fields = ("status", "attended")

    derived_fields = ("mobile", "national_code")

    def create(self, validated_data):
        validated_data["registered_by"] = self.context["request"].user
        return super().create(validated_data)


class AttendanceRequest(serializers.Serializer):
    present = serializers.ListField(child=api_fields.IdField(), help_text="ids of the registrations present")


class PublicWorkshopViewSet(PublicReadOnlyViewSet):
    serializer_class = PublicWorkshopSerializer

    def get_queryset(self):
        return public_workshops().select_related("county").order_by("-date", "pk")


class WorkshopViewSet(TashilModelViewSet):
    queryset = Workshop.objects.select_related("county")
    serializer_class = WorkshopSerializer
    filterset_class = filtersets.WorkshopFilterSet
    action_map_override = {"attendance": "attendance"}

    @extend_schema(request=AttendanceRequest, responses=WorkshopSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        workshop = self.get_object()
        payload = AttendanceRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        run(lambda: workshop.record_attendance(payload.validated_data["present"]))
        workshop.refresh_from_db()
        return Response(self.get_serializer(workshop).data)


class RegistrationViewSet(TashilModelViewSet):
    queryset = Registration.objects.select_related("workshop", "unit")
    serializer_class = RegistrationSerializer
    filterset_class = filtersets.RegistrationFilterSet
    action_map_override = {"cancel": "cancel"}

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = self.get_object()
        run(registration.cancel)
        return Response(self.get_serializer(registration).data)


ROUTES = [
    ("public/workshops", PublicWorkshopViewSet, "public-workshop"),
    ("workshops/workshops", WorkshopViewSet, "workshop"),
    ("workshops/registrations", RegistrationViewSet, "registration"),
]
