import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import JalaliDateColumn, TashilTable

from .models import Notification


class NotificationTable(TashilTable):
    title = tables.Column(linkify=True)
    created = JalaliDateColumn(verbose_name=_("زمان"))
    read_at = JalaliDateColumn(verbose_name=_("خوانده‌شده"))

    class Meta(TashilTable.Meta):
        model = Notification
        fields = ("created", "kind", "title", "read_at")
        row_attrs = {"class": lambda record: "fw-semibold" if record.read_at is None else ""}
