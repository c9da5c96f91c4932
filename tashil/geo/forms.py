from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.forms import TashilModelForm

from . import services
from .models import Closure, County, IndustrialZone, Province


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


class ClosureForm(TashilModelForm):
    """A closure of a province or county, offered only in the places the user's secretariat works in."""

    class Meta:
        model = Closure
        fields = ("date", "province", "county", "reason")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            counties = scope.counties_in_scope(self.user, Closure, "add")
            self.fields["county"].queryset = counties
            self.fields["province"].queryset = Province.objects.filter(pk__in=counties.values("province_id"))
        self.fields["province"].help_text = _("برای تعطیلی یک شهرستان، استان از خود شهرستان خوانده می‌شود.")
        self.fields["province"].required = False

    def save(self, commit=True):
        return services.save_closure(self.instance, user=self.user)
