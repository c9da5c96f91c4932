import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import TashilFilterSet

from .models import Notification, OutgoingSMS, ReminderSettings


class NotificationFilterSet(TashilFilterSet):
    search_fields = ("title", "body")
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("خوانده‌نشده"))

    class Meta:
        model = Notification
        fields = ("kind", "unread")


class OutgoingSMSFilterSet(TashilFilterSet):
    search_fields = ("number", "text")

    class Meta:
        model = OutgoingSMS
        fields = ("status", "kind", "urgent")


class ReminderSettingsFilterSet(TashilFilterSet):
    search_fields = ("county__name",)

    class Meta:
        model = ReminderSettings
        fields = ()
