"""Forms of the registry. The import uses the same unit form (see importer.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.forms import (
    AutocompleteSelect,
    IdentifierField,
    JalaliDateField,
    MobileField,
    TashilForm,
    TashilModelForm,
)
from tashil.core.jalali import jalali_today, today
from tashil.core.persian import fold_digits, to_persian_digits

from .choices import IsicLevel, UnitStatus
from .models import AGENCY_IDENTIFIERS, IndustrialUnit, IsicCode, PeriodicReport, Product, Project, isic_class_error

UNIT_PROFILE_FIELDS = (
    "name",
    "activity",
    "address",
    "latitude",
    "longitude",
    "manager_name",
    "phone",
    "mobile",
    "email",
    "website",
    "employees",
    "nominal_capacity",
    "utilisation",
    "knowledge_based",
    "exporter",
    # The unit knows its own numbers best: its representative keeps them current.
    "economic_code",
    "workshop_code",
    "postal_code",
    "production_id",
    "electricity_subscription",
    "gas_subscription",
    "water_subscription",
)


class IsicPicker(AutocompleteSelect):
    """The searchable ISIC picker: typing a code or part of a title (any spelling) lists the matching entries of
    one ``level`` (units:isic_picker): classes on the forms, divisions or groups in the unit list's filter bar.
    Only the chosen entry is drawn with the page, never the 419 classes (nor the 326 divisions and groups a filter
    bar would otherwise render on every visit)."""

    template_name = "forms/widgets/isic_picker.html"

    def __init__(self, level=IsicLevel.CLASS, attrs=None):
        self.level = level
        super().__init__(IsicCode._meta.label_lower, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["level"] = self.level
        return context


class IsicClassField(forms.ModelChoiceField):
    """An ISIC class by its code, as the picker sends it or a sheet or the API types it (in any digit script). A
    code of another level (a group, a division) is refused saying what it is and which class to choose instead."""

    widget = IsicPicker

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=IsicCode.objects.all() if queryset is None else queryset, **kwargs)
        self.queryset = self.queryset.filter(level=IsicLevel.CLASS)
        self.found = {}  # code → entry, once per field: an import's rows share one form's fields

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, IsicCode):
            value = value.code
        code = "".join(fold_digits(value).split()).upper()
        if code not in self.found:
            self.found[code] = IsicCode.objects.filter(code=code).first()
        entry = self.found[code]
        if entry is None:
            raise forms.ValidationError(
                _("کد «%(code)s» در طبقه‌بندی ISIC ویرایش ۴ نیست؛ رده چهاررقمی فعالیت را از فهرست برگزینید."),
                code="invalid_choice",
                params={"code": to_persian_digits(code)},
            )
        if entry.level != IsicLevel.CLASS:
            raise forms.ValidationError(isic_class_error(entry), code="invalid_choice")
        return entry


class UnitForm(TashilModelForm):
    """The secretariat's form: every field; the status only when the unit is first registered."""

    class Meta:
        model = IndustrialUnit
        fields = (
            "name",
            "national_id",
            "licence_number",
            "licence_date",
            "isic_class",
            "activity",
            "county",
            "zone",
            "status",
            "address",
            "postal_code",
            "economic_code",
            "workshop_code",
            "production_id",
            "electricity_subscription",
            "gas_subscription",
            "water_subscription",
            "latitude",
            "longitude",
            "manager_name",
            "phone",
            "mobile",
            "email",
            "website",
            "employees",
            "nominal_capacity",
            "utilisation",
            "knowledge_based",
            "exporter",
            "last_verified",
            "notes",
        )
        field_classes = {
            "mobile": MobileField,
            "isic_class": IsicClassField,
            **dict.fromkeys(AGENCY_IDENTIFIERS, IdentifierField),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fit_fields()

    def fit_fields(self):
        """What this unit's form shows: numeric identities typed left to right, the zone's empty choice named, and
        the status only for a unit not yet registered."""
        for name in ("national_id",):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"dir": "ltr", "inputmode": "numeric"})
        if "zone" in self.fields:
            self.fields["zone"].empty_label = _("خارج از شهرک‌ها و نواحی صنعتی")
        if self.instance.pk and "status" in self.fields:
            # A status change needs a reason and enters the history: it has its own action.
            del self.fields["status"]

    def clean_national_id(self):
        from tashil.core.validators import normalize_national_id

        return normalize_national_id(self.cleaned_data.get("national_id", ""))

    def save(self, commit=True):
        """Through the units' events: registering a unit (its first status in the history) or editing one."""
        unit = super().save(commit=False)
        if "isic_class" in self.fields and unit.isic_class_id is None and self.initial.get("isic_class"):
            unit.isic_code = ""  # the class taken away: the code that followed it goes too
        if commit:
            from . import services

            if unit.pk is None:
                services.create_unit(unit, user=self.user)
            else:
                services.update_unit(unit, user=self.user)
        return unit


class RepresentativeUnitForm(UnitForm):
    """What a unit's representative may change: the public profile and contacts, not identity or status."""

    class Meta(UnitForm.Meta):
        fields = UNIT_PROFILE_FIELDS


class StatusChangeForm(TashilForm):
    to_status = forms.ChoiceField(label=_("وضعیت تازه"), choices=UnitStatus.choices)
    date = JalaliDateField(label=_("تاریخ تغییر"), initial=today)
    reason = forms.CharField(label=_("دلیل"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)

    def __init__(self, *args, unit=None, **kwargs):
        self.unit = unit
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["to_status"].choices = [c for c in UnitStatus.choices if c[0] != unit.status]


class ProductForm(TashilModelForm):
    class Meta:
        model = Product
        fields = (
            "unit",
            "name",
            "isic_class",
            "code",
            "annual_capacity",
            "capacity_unit",
            "description",
            "photo",
            "is_public",
        )
        field_classes = {"isic_class": IsicClassField}

    def save(self, commit=True):
        """Through ``services.save_product``: the unit is found by its products, in the registry and the directory."""
        product = super().save(commit=False)
        if commit:
            from . import services

            services.save_product(product, user=self.user)
        return product


class ProjectForm(TashilModelForm):
    class Meta:
        model = Project
        fields = (
            "unit",
            "county",
            "investor_name",
            "title",
            "description",
            "progress",
            "investment",
            "expected_jobs",
            "seeks_investor",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].required = False
        self.fields["county"].help_text = _("برای طرح وابسته به واحد، شهرستان واحد به کار می‌رود.")


class PeriodicReportForm(TashilModelForm):
    class Meta:
        model = PeriodicReport
        fields = (
            "unit",
            "year",
            "month",
            "production",
            "production_unit",
            "sales",
            "employees",
            "utilisation",
            "notes",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = jalali_today()
        if self.instance.pk is None:
            # A new report opens on the unit's first month not yet sent (last month for a unit with none; the
            # model form's initial values are the empty new report's, so they are set here, not on the fields).
            unit_id = self.initial.get("unit") or self.only_unit()
            if unit_id and not self.initial.get("unit"):
                self.initial["unit"] = unit_id
            year, month = PeriodicReport.next_period(unit_id)
            for name, value in (("year", year), ("month", month)):
                if not self.initial.get(name):
                    self.initial[name] = value
        self.fields["year"].widget.attrs["placeholder"] = to_persian_digits(now.year)

    def only_unit(self):
        """The unit a representative reports for, when the unit field offers one unit only."""
        units = list(self.fields["unit"].queryset.values_list("pk", flat=True)[:2])
        return units[0] if len(units) == 1 else None

    def save(self, commit=True):
        report = super().save(commit=False)
        if report.pk is None and self.user is not None:
            report.submitted_by = self.user
        if report.status == "returned":
            report.status = "submitted"  # a corrected report goes back for review
        if commit:
            report.save()
        return report


class ReviewForm(TashilForm):
    decision = forms.ChoiceField(
        label=_("نتیجه بررسی"),
        choices=[("approve", _("تأیید")), ("return", _("برگشت برای اصلاح"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("دلیل برگشت"),
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": _("دلیل برگشت (برای برگشت لازم است)"), "aria-label": _("دلیل برگشت")}
        ),
    )


class ImportForm(TashilForm):
    MAX_BYTES = 25 * 1024 * 1024

    file = forms.FileField(
        label=_("فایل XLSX یا CSV"),
        help_text=_("سرستون‌ها در یکی از ده سطر نخست باشند؛ راهنمای ستون‌ها در پایین همین صفحه آمده است."),
    )
    county = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("شهرستان پیش‌فرض"),
        help_text=_("برای ردیف‌هایی که ستون شهرستان ندارند."),
    )
    partial = forms.BooleanField(
        required=False,
        label=_("ردیف‌های درست ثبت شوند حتی اگر ردیف نادرستی باشد"),
    )

    def __init__(self, *args, model=IndustrialUnit, action="add", county=True, **kwargs):
        """``model``, ``action``: the kind of import's (units, obstacles, meetings); the counties offered are those
        the person may take it in. ``county`` false: the kind places its rows itself (officers by their agency)."""
        super().__init__(*args, **kwargs)
        if county:
            self.fields["county"].queryset = scope.counties_in_scope(self.user, model, action)
        else:
            del self.fields["county"]
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("فایل «%(name)s» نه XLSX است نه CSV."), params={"name": upload.name})
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("فایل بزرگ‌تر از ۲۵ مگابایت است؛ آن را در چند فایل بفرستید."))
        return upload


class ReturnReasonForm(TashilForm):
    """The reason sent back with the reports returned together from the list."""

    note = forms.CharField(label=_("دلیل برگشت"), max_length=500)


def person_label(user):
    return user.get_full_name() or user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    """A person by full name (the user name when there is none)."""

    def label_from_instance(self, obj):
        return person_label(obj)


class FollowerForm(TashilForm):
    """The follower (پیگیر): only experts of a secretariat holding the county are offered."""

    follower = PersonChoiceField(
        label=_("پیگیر در دبیرخانه"),
        queryset=None,
        required=False,
        empty_label=_("— هیچ‌کس —"),
        error_messages={"invalid_choice": _("این شخص کارشناس دبیرخانه این شهرستان نیست؛ از فهرست برگزینید.")},
    )

    def __init__(self, *args, county=None, current=None, **kwargs):
        from .services import secretariat_experts

        super().__init__(*args, **kwargs)
        self.fields["follower"].queryset = secretariat_experts(county)
        self.fields["follower"].initial = current
