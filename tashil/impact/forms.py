from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tashil.core.forms import TashilModelForm
from tashil.core.persian import to_persian_digits
from tashil.core.validators import validate_percent

from . import services
from .models import ImpactRecord

NUMBERS = ("jobs_preserved", "jobs_restored", "loans_rials", "debts_rials", "fines_rials")


def validate_not_negative(value):
    """A count of people or an amount of rials is never below zero; the typed value is named."""
    if value is not None and value < 0:
        raise ValidationError(
            _("«%(value)s» پذیرفتنی نیست؛ این عدد نمی‌تواند منفی باشد."),
            code="negative",
            params={"value": to_persian_digits(value)},
        )


class ImpactRecordForm(TashilModelForm):
    """What a source saved, typed by the secretariat: the source travels in a hidden field (from the «ثبت اثر»
    button of its page) and is fixed once recorded."""

    class Meta:
        model = ImpactRecord
        fields = (
            "obstacle",
            "resolution",
            "clinic_case",
            "date",
            "jobs_preserved",
            "jobs_restored",
            "loans_rials",
            "debts_rials",
            "fines_rials",
            "capacity_restored",
            "evidence",
            "evidence_file",
        )
        widgets = {
            "obstacle": forms.HiddenInput,
            "resolution": forms.HiddenInput,
            "clinic_case": forms.HiddenInput,
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("obstacle", "resolution", "clinic_case"):
                self.fields.pop(name)
        for name in NUMBERS:
            field = self.fields[name]
            # The model's own «greater than or equal to 0» is replaced by a message naming the typed value.
            field.validators = [validate_not_negative]
            field.min_value = None
        # Below zero is out of the 0–100 range too: one message (core's) for both ends.
        self.fields["capacity_restored"].validators = [validate_percent]
        self.fields["capacity_restored"].min_value = None

    def clean(self):
        cleaned = super().clean()
        # Blank counts and amounts are zero, before the model's rules (was anything saved?) read them.
        for name in NUMBERS:
            if name in cleaned and cleaned[name] is None:
                cleaned[name] = 0
        if not self.instance.pk and not any(cleaned.get(name) for name in ("obstacle", "resolution", "clinic_case")):
            raise ValidationError(
                _("اثر از دکمه «ثبت اثر» صفحه مانع رفع‌شده، مصوبه تأییدشده یا پرونده کلینیک ثبت می‌شود.")
            )
        return cleaned

    def save(self, commit=True):
        """Through the impact events, as the API does."""
        data = {name: self.cleaned_data.get(name) for name in services.FIELDS if name in self.cleaned_data}
        if self.instance.pk:
            return services.update_impact(self.instance, user=self.user, **data)
        sources = {name: self.cleaned_data.get(name) for name in ("obstacle", "resolution", "clinic_case")}
        return services.record_impact(user=self.user, **sources, **data)
