from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet

from . import filtersets
from .models import Agency, AgencyContact


class AgencySerializer(TashilModelSerializer):
    derived_fields = ("province", "county")

    class Meta:
        model = Agency
        fields = (
            "id",
            "url",
            "name",
            "type",
            "level",
            "province",
            "county",
            "parent",
            "phone",
            "email",
            "address",
            "is_active",
        )


class AgencyContactSerializer(TashilModelSerializer):
    class Meta:
        model = AgencyContact
        fields = ("id", "url", "agency", "name", "position", "phone", "email")


class AgencyViewSet(TashilModelViewSet):
    queryset = Agency.objects.all()
    serializer_class = AgencySerializer
    filterset_class = filtersets.AgencyFilterSet


class AgencyContactViewSet(TashilModelViewSet):
    queryset = AgencyContact.objects.all()
    serializer_class = AgencyContactSerializer
    filterset_class = filtersets.AgencyContactFilterSet


ROUTES = [
    ("orgs/agencies", AgencyViewSet, "agency"),
    ("orgs/contacts", AgencyContactViewSet, "agencycontact"),
]
