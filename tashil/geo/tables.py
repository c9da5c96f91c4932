import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import JalaliDateColumn, NumberColumn, OpenableLinkColumn, TashilTable

from .models import Closure, County, IndustrialZone, Province


class ProvinceTable(TashilTable):
    name = tables.Column(linkify=True)
    county_count = NumberColumn(verbose_name=_("شهرستان‌ها"))

    class Meta(TashilTable.Meta):
        model = Province
        fields = ("name", "name_en", "code", "county_count")


class CountyTable(TashilTable):
    name = tables.Column(linkify=True)
    province = tables.Column(linkify=True)
    zone_count = NumberColumn(verbose_name=_("شهرک‌ها و نواحی"))

    class Meta(TashilTable.Meta):
        model = County
        fields = ("name", "province", "code", "zone_count")


class IndustrialZoneTable(TashilTable):
    name = OpenableLinkColumn()
    county = tables.Column(linkify=True)
    province = tables.Column(accessor="county__province", verbose_name=_("استان"))

    class Meta(TashilTable.Meta):
        model = IndustrialZone
        fields = ("name", "kind", "county", "province", "operator", "area_hectares", "is_active")


class ClosureTable(TashilTable):
    date = JalaliDateColumn(verbose_name=_("تاریخ"), linkify=True)
    province = tables.Column(verbose_name=_("استان"))
    county = tables.Column(verbose_name=_("شهرستان"), default=_("سراسر استان"))

    class Meta(TashilTable.Meta):
        model = Closure
        fields = ("date", "province", "county", "reason")
