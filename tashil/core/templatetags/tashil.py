"""Template filters for Persian display: Jalali dates, Persian digits and numbers, and a few helpers."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tashil.core import display, jalali, scope
from tashil.core.persian import format_number, format_percent

register = template.Library()


@register.filter
def jdate(value, pattern=None):
    """۱۴۰۳/۰۷/۲۳ (or a pattern such as "{d} {month} {y}")."""
    if pattern:
        return jalali.format_jalali(value, pattern)
    return jalali.format_jalali(value)


@register.filter
def jdatetime(value):
    """۱۴۰۳/۰۷/۲۳ ۱۴:۳۰ in Tehran time."""
    return jalali.format_jalali_datetime(value)


@register.filter
def jdate_long(value):
    """۲۳ مهر ۱۴۰۳; in the English public site 14 Oct 2024 (23 Mehr 1403)."""
    return jalali.format_long(value)


# A province or county by its English name on the English public site.
register.filter("local_name", display.local_name)


@register.filter
def place(county):
    """A county and its province as the interface writes them: «شهرستان الف، استان الف», "Abadan, Khuzestan"."""
    if not county:
        return ""
    return _("%(county)s، %(province)s") % {
        "county": display.local_name(county),
        "province": display.local_name(county.province),
    }


@register.filter
def num(value, decimals=None):
    """A number with grouped thousands in Persian digits (Latin in the English interface)."""
    return format_number(value, decimals, persian=jalali.persian_digits_active())


@register.filter
def openable(obj, user):
    """Whether ``user`` may open ``obj``'s page: a page links only to what its reader may open."""
    return obj is not None and scope.can_object(user, obj, "view")


@register.filter
def fa(value):
    """Digits of any text in Persian (in the Persian interface)."""
    return jalali.interface_digits(value)


@register.filter
def billions(value):
    """Rials in billions (میلیارد), one decimal: amounts at stake read at a glance."""
    if value in (None, ""):
        return ""
    from decimal import Decimal

    return format_number(round(Decimal(value) / Decimal(10**9), 1), persian=jalali.persian_digits_active())


@register.filter
def percent(value, decimals=0):
    return format_percent(value, decimals, persian=jalali.persian_digits_active())


@register.filter
def status_colour(value):
    """The Bootstrap colour registered for a status value (see core.badges)."""
    from tashil.core.badges import COLOURS

    return COLOURS.get(str(value), "secondary")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def status_badge(label, css="secondary"):
    return format_html('<span class="badge text-bg-{}">{}</span>', css, label)
