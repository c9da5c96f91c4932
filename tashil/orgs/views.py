from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab

from . import filtersets, forms, tables
from .models import Agency, AgencyContact


class AgencyListView(ObjectListView):
    queryset = Agency.objects.select_related("province", "county")
    filterset_class = filtersets.AgencyFilterSet
    table_class = tables.AgencyTable


class AgencyView(ObjectView):
    queryset = Agency.objects.select_related("province", "county", "parent")
    tabs = (
        Tab("profile", _("مشخصات"), "orgs/includes/agency_profile.html"),
        Tab("contacts", _("رابطان"), "orgs/includes/agency_contacts.html"),
    )

    def get_contacts_context(self):
        contacts = scope.restrict(self.object.contacts.all(), self.request.user)
        return {"table": tables.AgencyContactTable(contacts, user=self.request.user, orderable=False)}


class AgencyEditView(ObjectEditView):
    model = Agency
    form_class = forms.AgencyForm


class AgencyDeleteView(ObjectDeleteView):
    model = Agency


class AgencyContactEditView(ObjectEditView):
    model = AgencyContact
    form_class = forms.AgencyContactForm


class AgencyContactDeleteView(ObjectDeleteView):
    model = AgencyContact
