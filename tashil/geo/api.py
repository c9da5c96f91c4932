from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet

from . import filtersets
from .models import County, IndustrialZone, Province


class ProvinceSerializer(TashilModelSerializer):
    class Meta:
        model = Province
        fields = ("id", "url", "name", "name_en", "code")


class CountySerializer(TashilModelSerializer):
    class Meta:
        model = County
        fields = ("id", "url", "province", "name", "code")


class IndustrialZoneSerializer(TashilModelSerializer):
    class Meta:
        model = IndustrialZone
        fields = (
            "id",
            "url",
            "county",
            "name",
            "kind",
            "operator",
            "area_hectares",
            "latitude",
            "longitude",
            "is_active",
        )


class ProvinceViewSet(TashilModelViewSet):
    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    filterset_class = filtersets.ProvinceFilterSet


class CountyViewSet(TashilModelViewSet):
    queryset = County.objects.all()
    serializer_class = CountySerializer
    filterset_class = filtersets.CountyFilterSet


class IndustrialZoneViewSet(TashilModelViewSet):
    queryset = IndustrialZone.objects.all()
    serializer_class = IndustrialZoneSerializer
    filterset_class = filtersets.IndustrialZoneFilterSet


ROUTES = [
    ("geo/provinces", ProvinceViewSet, "province"),
    ("geo/counties", CountyViewSet, "county"),
    ("geo/zones", IndustrialZoneViewSet, "industrialzone"),
]
