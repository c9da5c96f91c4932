"""Forms of core's own models: holidays, the weekly days off and saved views."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import Weekday
from tashil.core.models import Holiday, SavedView, WeekendDay

from .base import TashilForm, TashilModelForm
from .fields import JalaliDateField


class HolidayForm(TashilModelForm):
    class Meta:
        model = Holiday
        fields = ("date", "title", "is_fixed", "lunar", "confirmed")


class HolidayConfirmForm(TashilForm):
    """The national secretariat's confirmation of a lunar holiday: its date on the official calendar."""

    date = JalaliDateField(
        label=_("تاریخ در تقویم رسمی"),
        help_text=_("اگر تقویم رسمی تعطیل را یک روز جلوتر یا عقب‌تر اعلام کرده، تاریخ را اصلاح کنید."),
    )

    def __init__(self, *args, holiday=None, **kwargs):
        super().__init__(*args, **kwargs)
        if holiday is not None:
            self.fields["date"].initial = holiday.date


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
