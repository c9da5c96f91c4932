import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import DigitsColumn, JalaliDateColumn, NumberColumn, OpenableLinkColumn, TashilTable
from tashil.obstacles.tables import BadgeColumn

from .choices import MEETING_COLOURS, RESOLUTION_COLOURS
from .models import Meeting, MeetingSeries, Resolution


class MeetingSeriesTable(TashilTable):
    title = tables.Column(linkify=True)
    meeting_count = NumberColumn(verbose_name=_("جلسات"))

    class Meta(TashilTable.Meta):
        model = MeetingSeries
        fields = ("title", "county", "kind", "weekday", "start_time", "default_place", "meeting_count", "is_active")


class MeetingTable(TashilTable):
    number = DigitsColumn(linkify=True)
    date = JalaliDateColumn()
    status = BadgeColumn(colours=MEETING_COLOURS)
    resolution_count = NumberColumn(verbose_name=_("مصوبات"))

    class Meta(TashilTable.Meta):
        model = Meeting
        fields = ("number", "series", "date", "start_time", "place", "site_unit", "status", "resolution_count")


class ResolutionTable(TashilTable):
    number = DigitsColumn(linkify=True, verbose_name=_("شماره"))
    meeting = OpenableLinkColumn(order_by=("meeting__date",))
    text = tables.Column(attrs={"td": {"class": "resolution-text"}})
    deadline = JalaliDateColumn()
    status = BadgeColumn(colours=RESOLUTION_COLOURS)
    verification = tables.Column(verbose_name=_("تأیید"), accessor="awaiting_verification", orderable=False)

    class Meta(TashilTable.Meta):
        model = Resolution
        fields = ("number", "meeting", "text", "unit", "agency", "deadline", "status", "verification", "failure_party")
        row_attrs = {"class": lambda record: "table-warning" if record.is_overdue else ""}

    export_only = ("failure_party",)

    def render_meeting(self, value):
        return value.short_label

    def render_verification(self, value):
        return _("در انتظار تأیید") if value else "—"

    def value_verification(self, value):
        return str(_("در انتظار تأیید")) if value else ""
