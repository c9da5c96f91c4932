from django import forms
from django.utils.translation import gettext_lazy as _

from tashil.core.forms import MobileField, TashilModelForm

from . import services
from .models import Registration, Workshop


class WorkshopForm(TashilModelForm):
    class Meta:
        model = Workshop
        fields = (
            "title",
            "topic",
            "trainer",
            "organiser",
            "centre",
            "county",
            "date",
            "start_time",
            "end_time",
            "place",
            "online_link",
            "capacity",
            "is_public",
            "description",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class RegistrationForm(TashilModelForm):
    """Register a person; whether they get a seat or a place on the waiting list is decided on saving."""

    class Meta:
        model = Registration
        fields = ("workshop", "unit", "full_name", "national_code", "mobile", "position")
        field_classes = {"mobile": MobileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["national_code"].widget.attrs.update({"dir": "ltr", "inputmode": "numeric"})
        if "workshop" in self.fields:
            from .models import Workshop

            open_workshops = Workshop.objects.filter(status="planned")
            if self.user is not None:
                open_workshops = open_workshops.for_user(self.user)
            self.fields["workshop"].queryset = open_workshops.order_by("date")
        if self.instance.pk:
            for name in ("workshop", "unit"):
                self.fields.pop(name, None)

    def save(self, commit=True):
        """Through ``services.save_registration``: a seat or the waiting list, as through the API."""
        registration = super().save(commit=False)
        if commit:
            services.save_registration(registration, user=self.user)
        return registration


class AttendanceForm(forms.Form):
    """Who came: a check box per confirmed registration."""

    present = forms.MultipleChoiceField(label=_("حاضران"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, workshop=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .choices import RegistrationStatus

        confirmed = workshop.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("unit")
        self.fields["present"].choices = [
            (r.pk, f"{r.full_name} — {r.unit or '—'}") for r in confirmed.order_by("full_name")
        ]
        self.initial["present"] = [str(r.pk) for r in confirmed if r.attended]
