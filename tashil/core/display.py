"""How a field's value reads to a person: choice labels, related names, Jalali dates, Persian numbers."""

import datetime
import decimal
import re

from django.db import models
from django.utils.translation import gettext as _

from .jalali import format_jalali, format_jalali_datetime, persian_digits_active
from .persian import format_number, to_persian_digits
from .validators import validate_jalali_year

DIGITS_ONLY = re.compile(r"[0-9۰-۹+\-/ ()]*[0-9][0-9۰-۹+\-/ ()]*")


def local_name(obj):
    """A reference object (a province, a county) by its English name on the English public site, where it has one;
    by its Persian name otherwise. Names people typed (a unit's, a product's) have no English form and stay."""
    if obj is None or obj == "":
        return ""
    english = getattr(obj, "name_en", "")
    return english if english and not persian_digits_active() else str(obj)


def display_value(field, value, persian=True):
    if value is None or value == "":
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("بله") if value else _("خیر")
    if isinstance(value, datetime.datetime):
        return format_jalali_datetime(value, persian=persian)
    if isinstance(value, datetime.date):
        return format_jalali(value, persian=persian)
    if isinstance(value, int) and validate_jalali_year in getattr(field, "validators", ()):
        # A year reads ۱۴۰۵, never ۱٬۴۰۵.
        return to_persian_digits(value) if persian else str(value)
    if isinstance(value, datetime.time):
        text = f"{value.hour}:{value.minute:02d}"
        return to_persian_digits(text) if persian else text
    if isinstance(value, int | float | decimal.Decimal):
        return format_number(value, persian=persian)
    if isinstance(field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    if DIGITS_ONLY.fullmatch(str(value)):
        # A telephone, a code or an identifier typed as text: in the interface's digits like any number.
        return to_persian_digits(str(value)) if persian else str(value)
    return str(value)


def object_fields(obj, names=None, exclude=("id", "created", "updated", "search_text", "password"), hidden=()):
    """(label, text) pairs of an object's fields, for a generic profile panel; ``hidden``: those the reader may
    not read (scope.hidden_fields)."""
    rows = []
    fields = [obj._meta.get_field(name) for name in names] if names else obj._meta.concrete_fields
    for field in fields:
        if field.name in exclude or field.name in hidden or not getattr(field, "editable", True):
            continue
        value = getattr(obj, field.name)
        rows.append((field.verbose_name, display_value(field, value)))
    return rows
