import django_tables2 as tables
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import DigitsColumn, JalaliDateColumn, NumberColumn, TashilTable

from .models import SMS_COLOURS, Notification, OutgoingSMS, ReminderSettings


class NotificationTable(TashilTable):
    title = tables.Column()
    created = JalaliDateColumn(verbose_name=_("زمان"))
    read_at = JalaliDateColumn(verbose_name=_("خوانده‌شده"))

    class Meta(TashilTable.Meta):
        model = Notification
        fields = ("created", "kind", "title", "read_at")
        row_attrs = {"class": lambda record: "fw-semibold" if record.read_at is None else ""}

    def render_title(self, record, value):
        """The title, and under it the start of the text (which obstacle an answer is about, say): two
        hundred answers in a row all read «پاسخ «اداره …»: انجام‌شده» otherwise."""
        body = Truncator(record.body).chars(160) if record.body else ""
        return format_html(
            '<a href="{}">{}</a>{}',
            record.get_absolute_url(),
            value,
            format_html('<div class="small text-muted fw-normal">{}</div>', body) if body else "",
        )

    def value_title(self, record, value):
        return f"{value} — {record.body}" if record.body else value


class OutgoingSMSTable(TashilTable):
    created = JalaliDateColumn(verbose_name=_("زمان ثبت"))
    number = DigitsColumn()
    status = tables.Column()
    sent_at = JalaliDateColumn()
    attempts = NumberColumn()

    class Meta(TashilTable.Meta):
        model = OutgoingSMS
        fields = ("created", "recipient", "number", "kind", "text", "urgent", "status", "attempts", "sent_at", "error")

    def render_status(self, record, value):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>', SMS_COLOURS.get(record.status, "secondary"), value
        )

    def value_status(self, record, value):
        return value


class ReminderSettingsTable(TashilTable):
    county = tables.Column(linkify=lambda record: record.get_absolute_url())
    days_before = NumberColumn()
    report_due_day = NumberColumn()

    class Meta(TashilTable.Meta):
        model = ReminderSettings
        fields = (
            "county",
            "days_before",
            "referrals",
            "resolutions",
            "monthly_reports",
            "report_due_day",
            "report_reviews",
            "clinic_updates",
        )
