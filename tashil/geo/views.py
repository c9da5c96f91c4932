from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab

from . import filtersets, forms, services, tables
from .models import Closure, County, IndustrialZone, Province


class ProvinceListView(ObjectListView):
    queryset = Province.objects.annotate(county_count=Count("counties"))
    filterset_class = filtersets.ProvinceFilterSet
    table_class = tables.ProvinceTable
    per_page = 100


class ProvinceView(ObjectView):
    model = Province
    tabs = (Tab("counties", _("شهرستان‌ها"), "geo/includes/province_counties.html"),)

    def get_counties_context(self):
        counties = self.object.counties.annotate(zone_count=Count("zones"))
        return {"table": tables.CountyTable(counties, user=self.request.user, orderable=False)}


class ProvinceEditView(ObjectEditView):
    model = Province
    form_class = forms.ProvinceForm


class ProvinceDeleteView(ObjectDeleteView):
    model = Province


class CountyListView(ObjectListView):
    queryset = County.objects.select_related("province").annotate(zone_count=Count("zones"))
    filterset_class = filtersets.CountyFilterSet
    table_class = tables.CountyTable
    per_page = 100


class CountyView(ObjectView):
    """A county and its zones; orgs adds the agencies serving it (OrgsConfig.ready), geo imports no orgs."""

    queryset = County.objects.select_related("province")
    tabs = (Tab("zones", _("شهرک‌ها و نواحی صنعتی"), "generic/includes/tab_table.html"),)

    def get_zones_context(self):
        zones = scope.restrict(self.object.zones.select_related("county__province"), self.request.user)
        return {"table": tables.IndustrialZoneTable(zones, user=self.request.user, orderable=False)}


class CountyEditView(ObjectEditView):
    model = County
    form_class = forms.CountyForm


class CountyDeleteView(ObjectDeleteView):
    model = County


class IndustrialZoneListView(ObjectListView):
    queryset = IndustrialZone.objects.select_related("county__province")
    filterset_class = filtersets.IndustrialZoneFilterSet
    table_class = tables.IndustrialZoneTable


class IndustrialZoneView(ObjectView):
    queryset = IndustrialZone.objects.select_related("county__province")


class IndustrialZoneEditView(ObjectEditView):
    model = IndustrialZone
    form_class = forms.IndustrialZoneForm


class IndustrialZoneDeleteView(ObjectDeleteView):
    model = IndustrialZone


class ClosureListView(ObjectListView):
    """The closures of the user's provinces and counties: each took a working day out of their deadlines."""

    queryset = Closure.objects.select_related("province", "county")
    filterset_class = filtersets.ClosureFilterSet
    table_class = tables.ClosureTable


class ClosureView(ObjectView):
    queryset = Closure.objects.select_related("province", "county")


class ClosureEditView(ObjectEditView):
    model = Closure
    form_class = forms.ClosureForm


class ClosureDeleteView(ObjectDeleteView):
    model = Closure

    def perform_delete(self, obj):
        services.delete_closure(obj, user=self.request.user)
