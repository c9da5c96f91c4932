"""Forms of core's own models: holidays and the weekly days off."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import Weekday
from tashil.core.models import Holiday, WeekendDay

from .base import TashilForm, TashilModelForm


class HolidayForm(TashilModelForm):
    class Meta:
        model = Holiday
        fields = ("date", "title", "is_fixed")


class WeekendForm(TashilForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("روزهای تعطیل هفته"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def save(self):
        chosen = set(self.cleaned_data["weekdays"])
        WeekendDay.objects.exclude(weekday__in=chosen).delete()
        for weekday in chosen:
            WeekendDay.objects.get_or_create(weekday=weekday)
