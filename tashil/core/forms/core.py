"""Forms of core's own models: holidays, the weekly days off and saved views."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import Weekday
from tashil.core.models import Holiday, SavedView, WeekendDay

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


class SavedViewForm(TashilModelForm):
    """A name for a list's filters; the list and its filters come from the page the person saved it from."""

    class Meta:
        model = SavedView
        fields = ("name", "shared", "in_digest", "path", "query")
        widgets = {"path": forms.HiddenInput, "query": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        path = cleaned.get("path", "")
        if SavedView(path=path).list_view() is None:
            # The path is a hidden field: said above the form, where it is read.
            self.add_error(
                None,
                ValidationError(_("«%(path)s» فهرستی از تسهیل نیست و نمی‌توان آن را ذخیره کرد."), params={"path": path}),
            )
        return cleaned
