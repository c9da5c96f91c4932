from .base import TashilForm, TashilModelForm, style_form
from .fields import (
    IdentifierField,
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
    "IdentifierField",
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
