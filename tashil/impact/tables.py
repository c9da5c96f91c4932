import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import JalaliDateColumn, NumberColumn, OpenableLinkColumn, PercentColumn, TashilTable

from .models import ImpactRecord


class ImpactRecordTable(TashilTable):
    date = JalaliDateColumn(linkify=True)
    source = tables.Column(
        verbose_name=_("منشأ"), empty_values=(), orderable=False, accessor="source_kind", linkify=False
    )
    unit = OpenableLinkColumn()
    jobs_preserved = NumberColumn()
    jobs_restored = NumberColumn()
    loans_rials = NumberColumn()
    debts_rials = NumberColumn()
    fines_rials = NumberColumn()
    capacity_restored = PercentColumn()

    class Meta(TashilTable.Meta):
        model = ImpactRecord
        fields = (
            "date",
            "source",
            "unit",
            "county",
            "agency",
            "group",
            "jobs_preserved",
            "jobs_restored",
            "loans_rials",
            "debts_rials",
            "fines_rials",
            "capacity_restored",
        )

    def render_source(self, record):
        return f"{record.get_source_kind_display()}: {record.source()}"

    def value_source(self, record):
        return self.render_source(record)
