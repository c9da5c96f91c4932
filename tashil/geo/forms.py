from tashil.core.forms import TashilModelForm

from .models import County, IndustrialZone, Province


class ProvinceForm(TashilModelForm):
    class Meta:
        model = Province
        fields = ("name", "name_en", "code")


class CountyForm(TashilModelForm):
    class Meta:
        model = County
        fields = ("province", "name", "name_en", "code")


class IndustrialZoneForm(TashilModelForm):
    class Meta:
        model = IndustrialZone
        fields = ("county", "name", "kind", "operator", "area_hectares", "latitude", "longitude", "is_active")
