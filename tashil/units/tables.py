import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import DigitsColumn, JalaliDateColumn, NumberColumn, PercentColumn, TashilTable

from .choices import STATUS_COLOURS
from .models import IndustrialUnit, PeriodicReport, Product, Project, UnitStatusChange


class StatusColumn(tables.Column):
    """The unit status as a coloured badge on screen, its label in exports."""

    def value(self, value):
        return value

    def render(self, value, record, bound_column):
        status = bound_column.accessor.resolve(record)
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_COLOURS.get(status, "secondary"), value)


class IndustrialUnitTable(TashilTable):
    name = tables.Column(linkify=True)
    status = StatusColumn()
    zone = tables.Column(default=_("خارج از شهرک"))
    utilisation = PercentColumn()
    isic_code = DigitsColumn()
    mobile = DigitsColumn()

    class Meta(TashilTable.Meta):
        model = IndustrialUnit
        fields = (
            "name",
            "national_id",
            "status",
            "county",
            "zone",
            "isic_code",
            "activity",
            "employees",
            "size_class",
            "utilisation",
            "knowledge_based",
            "exporter",
            "manager_name",
            "mobile",
            "last_verified",
        )
        sequence = ("name", "status", "county", "zone", "isic_code", "employees", "utilisation", "...")

    export_only = ("national_id", "activity", "size_class", "knowledge_based", "exporter", "mobile")


class ProductTable(TashilTable):
    name = tables.Column(linkify=True)
    unit = tables.Column(linkify=True)

    class Meta(TashilTable.Meta):
        model = Product
        fields = ("name", "unit", "code", "annual_capacity", "capacity_unit", "is_public")


class ProjectTable(TashilTable):
    title = tables.Column(linkify=True)
    unit = tables.Column(linkify=True, default=_("سرمایه‌گذار تازه"))
    progress = PercentColumn()

    class Meta(TashilTable.Meta):
        model = Project
        fields = (
            "title",
            "unit",
            "investor_name",
            "county",
            "progress",
            "investment",
            "expected_jobs",
            "seeks_investor",
        )


class UnitStatusChangeTable(TashilTable):
    date = JalaliDateColumn(verbose_name=_("تاریخ"))
    unit = tables.Column(linkify=True)
    from_status = StatusColumn()
    to_status = StatusColumn()

    class Meta(TashilTable.Meta):
        model = UnitStatusChange
        fields = ("date", "unit", "from_status", "to_status", "reason", "user", "source")


class PeriodicReportTable(TashilTable):
    period = tables.Column(accessor="period_label", verbose_name=_("دوره"), order_by=("year", "month"), linkify=True)
    unit = tables.Column(linkify=True)
    utilisation = PercentColumn()
    sales = NumberColumn()

    class Meta(TashilTable.Meta):
        model = PeriodicReport
        fields = ("period", "unit", "production", "production_unit", "sales", "employees", "utilisation", "status")
