"""Serializer fields that refuse, with a Persian message naming the field, what a model's ``clean()`` or the
pages could not take: a date outside the Jalali years the pages accept, JSON of the wrong shape."""

import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tashil.core.jalali import MAX_YEAR, MIN_YEAR, days_in_month, format_jalali, to_gregorian


class DateField(serializers.DateField):
    """A date within the Jalali years a person may type on the pages (1300–1500): year 999 or 9999 is a
    typing mistake, and a year before 1000 breaks the Jalali rendering of every page that shows it."""

    first = to_gregorian(MIN_YEAR, 1, 1)
    last = to_gregorian(MAX_YEAR, 12, days_in_month(MAX_YEAR, 12))

    def to_internal_value(self, value):
        date = super().to_internal_value(value)
        if isinstance(date, datetime.date) and not self.first <= date <= self.last:
            raise serializers.ValidationError(
                _("تاریخ «%(field)s» (%(value)s) پذیرفتنی نیست؛ تاریخ باید میان %(first)s و %(last)s باشد.")
                % {
                    "field": self.label or self.field_name,
                    "value": value,
                    "first": format_jalali(self.first),
                    "last": format_jalali(self.last),
                },
                code="date_range",
            )
        return date


class JSONField(serializers.JSONField):
    """A JSON value of the model field's shape: where the model's default is a list, only a list (``null`` or
    a number sent as a form field would otherwise reach the model's ``clean()`` as a TypeError)."""

    def __init__(self, *, shape=None, **kwargs):
        self.shape = shape
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value is None and not self.allow_null:
            raise serializers.ValidationError(
                _("«%(field)s» نمی‌تواند خالی (null) باشد.") % {"field": self.label or self.field_name}, code="null"
            )
        if self.shape is not None and value is not None and not isinstance(value, self.shape):
            raise serializers.ValidationError(
                _('«%(field)s» باید فهرستی از مقدارها باشد، مثلاً ["…"].') % {"field": self.label or self.field_name},
                code="shape",
            )
        return value


class IdField(serializers.IntegerField):
    """The id of a row: a positive integer a database column can hold (beyond 64 bits SQLite overflows and
    PostgreSQL answers out of range)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


class ScopedPrimaryKey(serializers.PrimaryKeyRelatedField):
    """A related object by its id, among those the caller may see (``Model.objects.for_user``): another scope's
    answers as one that does not exist, with a Persian message."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("«{pk_value}» پیدا نشد یا در حوزه دسترسی شما نیست."),
        "incorrect_type": _("شناسه باید عدد باشد، نه {data_type}."),
    }

    def get_queryset(self):
        return super().get_queryset().for_user(self.context["request"].user)
