from .base import TashilForm, TashilModelForm, style_form
from .fields import (
    JalaliDateField,
    JalaliDateInput,
    MobileField,
    PersianDecimalField,
    PersianIntegerField,
    TimeField,
)
from .widgets import AutocompleteSelect, DropdownCheckboxes

__all__ = [
    "AutocompleteSelect",
    "DropdownCheckboxes",
    "JalaliDateField",
    "JalaliDateInput",
    "MobileField",
    "PersianDecimalField",
    "PersianIntegerField",
    "TashilForm",
    "TashilModelForm",
    "TimeField",
    "style_form",
]
