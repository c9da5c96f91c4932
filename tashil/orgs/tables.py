import django_tables2 as tables

from tashil.core.tables import TashilTable

from .models import Agency, AgencyContact


class AgencyTable(TashilTable):
    name = tables.Column(linkify=True)

    class Meta(TashilTable.Meta):
        model = Agency
        fields = ("name", "type", "level", "province", "county", "phone", "is_active")


class AgencyContactTable(TashilTable):
    class Meta(TashilTable.Meta):
        model = AgencyContact
        fields = ("name", "position", "phone", "email")
