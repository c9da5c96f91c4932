from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from tashil.accounts.models import User
from tashil.core.forms import TashilForm, TashilModelForm, style_form
from tashil.obstacles.forms import grouped_choices
from tashil.obstacles.models import ObstacleGroup

from .choices import CaseOutcome, Dimension, Lever
from .models import (
    ActionItem,
    Centre,
    CentreExpert,
    ClinicCase,
    Diagnosis,
    DiagnosisScore,
    InspectionVisit,
    WeeklyUpdate,
)


class ChoicesListField(forms.MultipleChoiceField):
    """A JSON list of choice codes, edited as checkboxes."""

    widget = forms.CheckboxSelectMultiple


class CentreForm(TashilModelForm):
    specialties = ChoicesListField(label=_("تخصص‌ها"), choices=Dimension.choices, required=False)

    class Meta:
        model = Centre
        fields = (
            "name",
            "host_type",
            "host_name",
            "level",
            "county",
            "province",
            "specialties",
            "yearly_capacity",
            "phone",
            "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].required = False
        self.fields["specialties"].widget.attrs["class"] = "checkbox-columns"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("county"):
            cleaned["province"] = cleaned["county"].province
            self.instance.province = cleaned["province"]
        elif not cleaned.get("province"):
            self.add_error("province", _("استان کانون را برگزینید."))
        return cleaned


class CentreExpertForm(TashilModelForm):
    specialties = ChoicesListField(label=_("تخصص‌ها"), choices=Dimension.choices, required=False)

    class Meta:
        model = CentreExpert
        fields = ("centre", "user", "specialties", "is_active")


class ClinicCaseForm(TashilModelForm):
    class Meta:
        model = ClinicCase
        fields = ("unit", "centre", "reason", "experts", "opened_date", "summary")
        widgets = {"experts": forms.CheckboxSelectMultiple, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        centre = self.data.get("centre") or self.initial.get("centre") or self.instance.centre_id
        experts = User.objects.filter(clinic_rosters__is_active=True).distinct()
        self.fields["experts"].queryset = experts.filter(clinic_rosters__centre_id=centre) if centre else experts.none()
        self.fields["experts"].help_text = _("کارشناسان کانون برگزیده (پس از انتخاب کانون و ذخیره نمایش داده می‌شوند).")

    def save(self, commit=True):
        """Through ``services.save_case``: the county's figures count the case."""
        case = super().save(commit=False)
        if commit:
            from . import services

            services.save_case(case, user=self.user)
            self.save_m2m()
        return case


class CloseCaseForm(TashilForm):
    outcome = forms.ChoiceField(
        label=_("نتیجه"),
        choices=CaseOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("نتیجه پرونده را برگزینید.")},
    )
    note = forms.CharField(label=_("شرح"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewRevivalForm(TashilForm):
    """The secretariat's word on a revival an expert proposed."""

    decision = forms.ChoiceField(
        label=_("نتیجه بررسی"),
        choices=[("confirm", _("تأیید احیا")), ("return", _("برگشت به کارشناس"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("تأیید یا برگشت نتیجه را برگزینید.")},
    )
    reason = forms.CharField(label=_("دلیل برگشت"), required=False, max_length=500)


class DiagnosisForm(TashilModelForm):
    levers = ChoicesListField(label=_("اهرم‌های احیا"), choices=Lever.choices, required=False)

    class Meta:
        model = Diagnosis
        fields = ("summary", "levers", "date")
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levers"].widget.attrs["class"] = "checkbox-columns"


class ScoreForm(forms.ModelForm):
    class Meta:
        model = DiagnosisScore
        fields = ("dimension", "score", "findings", "needs_agency", "group")
        widgets = {"findings": forms.Textarea(attrs={"rows": 2}), "dimension": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = ObstacleGroup.objects.filter(is_active=True)
        self.fields["group"].queryset = groups
        self.fields["group"].choices = grouped_choices(groups)
        self.fields["group"].required = False
        style_form(self)

    def has_changed(self):
        # A row left at its suggested score is still a score: save it.
        return True

    @property
    def dimension_label(self):
        code = self.initial.get("dimension") or self.instance.dimension
        return Dimension(code).label if code in Dimension.values else ""


def score_formset(diagnosis, data=None):
    """A row for every dimension: the scored ones, then the ones still to score (every row is saved)."""
    scored = set(diagnosis.scores.values_list("dimension", flat=True)) if diagnosis.pk else set()
    missing = [code for code in Dimension.values if code not in scored]
    formset_class = inlineformset_factory(
        Diagnosis, DiagnosisScore, form=ScoreForm, extra=len(missing), can_delete=False
    )
    return formset_class(data, instance=diagnosis, initial=[{"dimension": code, "score": 3} for code in missing])


class ActionItemForm(TashilModelForm):
    class Meta:
        model = ActionItem
        fields = ("case", "title", "owner", "agency", "expert", "deadline", "weight", "progress", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class WeeklyUpdateForm(TashilModelForm):
    class Meta:
        model = WeeklyUpdate
        fields = ("case", "date", "done", "blockers", "next_step")
        widgets = {f: forms.Textarea(attrs={"rows": 2}) for f in ("done", "blockers", "next_step")}

    def save(self, commit=True):
        update = super().save(commit=False)
        if update.author_id is None and self.user is not None:
            update.author = self.user
        if commit:
            update.save()
        return update


class InspectionVisitForm(TashilModelForm):
    class Meta:
        model = InspectionVisit
        fields = ("case", "date", "mode", "duration_minutes", "participants", "observations", "expert")
        widgets = {"observations": forms.Textarea(attrs={"rows": 3})}
