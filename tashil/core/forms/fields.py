"""Form fields for Persian input: Jalali dates, and numbers typed in any digit script."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tashil.core.jalali import format_jalali, parse_jalali, parse_time
from tashil.core.persian import format_number, parse_number, to_persian_digits
from tashil.core.validators import normalize_mobile, normalize_national_id, validate_mobile


class JalaliDateInput(forms.TextInput):
    """A text box showing ۱۴۰۳/۰۷/۲۳, with the vendored Jalali date picker attached by tashil.js."""

    def __init__(self, attrs=None):
        defaults = {
            "data-jdp": "",
            "placeholder": "مثلاً ۱۴۰۳/۰۷/۲۳",
            "autocomplete": "off",
            "dir": "ltr",
            "class": "form-control jalali-date",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return format_jalali(value, persian=True)
        return super().format_value(value)


class JalaliDateField(forms.DateField):
    """Accepts 1403/7/23, ۱۴۰۳/۰۷/۲۳ and 1403-07-23; refuses impossible dates with a Persian message."""

    widget = JalaliDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_jalali(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return format_jalali(value, persian=True)
        return value


class TimeInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"placeholder": "۰۹:۰۰", "dir": "ltr", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.time):
            return to_persian_digits(value.strftime("%H:%M"))
        return super().format_value(value)


class TimeField(forms.TimeField):
    widget = TimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        return parse_time(value)


class NumberInput(forms.TextInput):
    """A text box (not type=number, which refuses Persian digits) that shows numbers in Persian digits."""

    def __init__(self, attrs=None, grouped=True):
        self.grouped = grouped
        super().__init__({"inputmode": "decimal", "dir": "ltr", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, str):
            return value
        if self.grouped:
            return format_number(value)
        return to_persian_digits(value)


class _PersianNumberMixin:
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                value = parse_number(value)
            except ValueError:
                raise ValidationError(_("«%(value)s» عدد نیست."), code="invalid", params={"value": value}) from None
        return super().to_python(value)


class PersianIntegerField(_PersianNumberMixin, forms.IntegerField):
    widget = NumberInput

    def __init__(self, *args, grouped=True, **kwargs):
        kwargs.setdefault("widget", NumberInput(grouped=grouped))
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        # IntegerField adds min/max/step for type=number inputs; a text box does not need them.
        return {}


class PersianDecimalField(_PersianNumberMixin, forms.DecimalField):
    widget = NumberInput

    def widget_attrs(self, widget):
        return {}


class IdentifierField(forms.CharField):
    """A number made of digits typed any way (Persian or Arabic digits, spaces, dashes: ۳۳۹۱۸-۱۳۵۷۹): cleaned to
    Latin digits alone before its length and validators are checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"dir": "ltr", "inputmode": "numeric"})
        self.widget.attrs.pop("maxlength", None)  # what is typed may carry dashes and spaces

    def to_python(self, value):
        return normalize_national_id(super().to_python(value))


class MobileField(forms.CharField):
    """An Iranian mobile number typed any way (۰۹۱۲ ۱۲۳ ۴۵۶۷, +98 912...); stored as 09121234567."""

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 20
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"dir": "ltr", "inputmode": "tel", "placeholder": "۰۹۱۲۱۲۳۴۵۶۷"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        validate_mobile(value)
        return normalize_mobile(value)
