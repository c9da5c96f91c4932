"""REST endpoints of the workshops: the public list (no sign-in) and the scoped staff API, where a
registration takes a seat or a place on the waiting list exactly as on the pages."""

from rest_framework import serializers

from tashil.catalog.api import PublicReadOnlyViewSet
from tashil.core.api.actions import api_action
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet

from . import actions, filtersets, services
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
    event = staticmethod(services.save_registration)


class PublicWorkshopViewSet(PublicReadOnlyViewSet):
    serializer_class = PublicWorkshopSerializer

    def get_queryset(self):
        return public_workshops().select_related("county").order_by("-date", "pk")


class WorkshopViewSet(TashilModelViewSet):
    queryset = Workshop.objects.select_related("county")
    serializer_class = WorkshopSerializer
    filterset_class = filtersets.WorkshopFilterSet
    attendance = api_action(actions.ATTENDANCE)


class RegistrationViewSet(TashilModelViewSet):
    queryset = Registration.objects.select_related("workshop", "unit")
    serializer_class = RegistrationSerializer
    filterset_class = filtersets.RegistrationFilterSet
    cancel = api_action(actions.CANCEL)


ROUTES = [
    ("public/workshops", PublicWorkshopViewSet, "public-workshop"),
    ("workshops/workshops", WorkshopViewSet, "workshop"),
    ("workshops/registrations", RegistrationViewSet, "registration"),
]
