import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.persian import format_number
from tashil.core.tables import JalaliDateColumn, NumberColumn, PercentColumn, TashilTable
from tashil.obstacles.tables import BadgeColumn

from .choices import CASE_COLOURS
from .models import ActionItem, Centre, ClinicCase


class CentreTable(TashilTable):
    """Each centre's load and outcomes: the national view of the clinic."""

    name = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    open_cases = NumberColumn(verbose_name=_("پرونده باز"))
    cases_this_year = tables.Column(verbose_name=_("پذیرش امسال از ظرفیت"))
    closed_cases = NumberColumn(verbose_name=_("بسته‌شده"))
    revived = NumberColumn(verbose_name=_("احیاشده"))
    improved = NumberColumn(verbose_name=_("بهبود نسبی"))
    not_revivable = NumberColumn(verbose_name=_("احیاناپذیر"))
    overdue_actions = NumberColumn(verbose_name=_("اقدام معوق"))

    class Meta(TashilTable.Meta):
        model = Centre
        fields = (
            "name",
            "province",
            "county",
            "open_cases",
            "cases_this_year",
            "closed_cases",
            "revived",
            "improved",
            "not_revivable",
            "overdue_actions",
        )

    def render_cases_this_year(self, value, record):
        used = format_number(value)
        if not record.yearly_capacity:
            return used
        share = format_number(round(100 * value / record.yearly_capacity))
        return _("%(used)s از %(capacity)s (%(share)s٪)") % {
            "used": used,
            "capacity": format_number(record.yearly_capacity),
            "share": share,
        }

    def value_cases_this_year(self, value):
        return value


class ClinicCaseTable(TashilTable):
    id = tables.Column(linkify=True, verbose_name=_("پرونده"))
    unit = tables.Column(linkify=True)
    status = BadgeColumn(colours=CASE_COLOURS)
    opened_date = JalaliDateColumn()
    closed_date = JalaliDateColumn()
    plan_progress = PercentColumn(verbose_name=_("پیشرفت برنامه"), accessor="plan_progress", orderable=False)

    class Meta(TashilTable.Meta):
        model = ClinicCase
        fields = (
            "id",
            "unit",
            "county",
            "centre",
            "reason",
            "status",
            "plan_progress",
            "opened_date",
            "outcome",
            "closed_date",
        )

    def render_id(self, value):
        from tashil.core.persian import to_persian_digits

        return to_persian_digits(value)


class ActionItemTable(TashilTable):
    title = tables.Column()
    deadline = JalaliDateColumn()
    progress = PercentColumn()
    edit = tables.TemplateColumn(
        template_name="clinic/includes/action_edit.html", verbose_name="", orderable=False, exclude_from_export=True
    )

    class Meta(TashilTable.Meta):
        model = ActionItem
        fields = ("title", "owner", "agency", "expert", "deadline", "weight", "progress")
        row_attrs = {"class": lambda record: "table-warning" if record.is_overdue else ""}
