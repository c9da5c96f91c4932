"""The impact records: the list (each dashboard figure links to it, narrowed), a record's page, and the form the
«ثبت اثر» button of a resolved obstacle, a verified resolution or a revived unit's clinic case opens."""

from django.utils.translation import gettext_lazy

from tashil.core import scope
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab

from . import filtersets, forms, tables
from .models import ImpactRecord

RELATED = ("unit", "county", "agency", "group", "obstacle", "resolution__meeting", "clinic_case__unit")


class ImpactRecordListView(ObjectListView):
    queryset = ImpactRecord.objects.select_related(*RELATED)
    filterset_class = filtersets.ImpactRecordFilterSet
    table_class = tables.ImpactRecordTable
    title = gettext_lazy("اثر اقدامات (اشتغال و منابع)")


class ImpactRecordView(ObjectView):
    queryset = ImpactRecord.objects.select_related(*RELATED, "recorded_by")
    tabs = (Tab("record", gettext_lazy("اثر"), "impact/tabs/record.html"),)


class ImpactRecordEditView(ObjectEditView):
    """Add (from a source's «ثبت اثر» button: ?obstacle= | ?resolution= | ?clinic_case=) and correct."""

    model = ImpactRecord
    form_class = forms.ImpactRecordForm

    def get_initial(self):
        """The source named in the query string, fetched through the scope helper: another place's answers 404."""
        initial = {}
        for name, model in source_models().items():
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = scope.get_object_or_404(model, self.request.user, "view", pk=int(value))
        return initial

    def save(self, form):
        return form.save()


def source_models():
    from tashil.clinic.models import ClinicCase
    from tashil.meetings.models import Resolution
    from tashil.obstacles.models import Obstacle

    return {"obstacle": Obstacle, "resolution": Resolution, "clinic_case": ClinicCase}


class ImpactRecordDeleteView(ObjectDeleteView):
    model = ImpactRecord
