from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tashil.core import scope
from tashil.core.forms import TashilModelForm
from tashil.obstacles.models import Referral
from tashil.orgs.models import Agency

from .choices import LetterKind
from .models import IncomingLetterNote, Letter, Secretariat


class LetterForm(TashilModelForm):
    """A letter's draft: prefilled from its record (see services.*_draft), typed over, then issued. The record it
    concerns travels in hidden fields, scoped like every choice; the register is the user's secretariat's."""

    attachment = forms.FileField(
        label=gettext_lazy("پیوست"),
        required=False,
        help_text=gettext_lazy("فایلی که با نامه فرستاده می‌شود؛ برای پیوست دیگر، پیش‌نویس را دوباره ویرایش کنید."),
    )

    class Meta:
        model = Letter
        fields = (
            "kind",
            "recipient_agency",
            "recipient_name",
            "recipient_position",
            "subject",
            "body",
            "due_date",
            "referrals",
            "copies",
            "signer_name",
            "signer_position",
            "obstacle",
            "meeting",
            "resolution",
        )
        widgets = {
            "obstacle": forms.HiddenInput,
            "meeting": forms.HiddenInput,
            "resolution": forms.HiddenInput,
            "copies": forms.CheckboxSelectMultiple,
            "referrals": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 9}),
        }

    def __init__(self, *args, county=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.county = county
        if county is not None:
            serving = Agency.objects.serving(county).filter(is_active=True)
            self.fields["recipient_agency"].queryset = serving
            self.fields["copies"].queryset = serving
        agency = self.agency_asked()
        referrals = self.fields["referrals"].queryset.select_related("obstacle__unit")
        if agency is not None:
            chosen = [getattr(r, "pk", r) for r in self.initial.get("referrals") or ()]
            open_or_chosen = Q(pk__in=Referral.objects.open().values("pk")) | Q(pk__in=chosen)
            referrals = referrals.filter(open_or_chosen, agency_id=agency)
        else:
            referrals = referrals.none()
        self.fields["referrals"].queryset = referrals.order_by("due_date", "pk")
        self.fields["referrals"].label_from_instance = lambda r: f"{r.obstacle.unit} — {r.obstacle.title}"
        self.fields["kind"].widget = forms.HiddenInput()

    def agency_asked(self):
        value = self.data.get("recipient_agency") if self.is_bound else self.initial.get("recipient_agency")
        value = getattr(value, "pk", value)
        return int(value) if str(value or "").isdigit() else None

    def clean(self):
        data = super().clean()
        agency = data.get("recipient_agency")
        referrals = data.get("referrals") or []
        if agency is not None and any(r.agency_id != agency.pk for r in referrals):
            self.add_error(
                "referrals",
                _("همه ارجاع‌های یک نامه باید به دستگاه گیرنده آن («%(agency)s») باشند.") % {"agency": agency},
            )
        if data.get("kind") == LetterKind.REFERRAL and not referrals:
            self.add_error("referrals", _("نامه ارجاع دست‌کم یک ارجاع به دستگاه گیرنده می‌خواهد."))
        if not self.instance.pk:
            self.secretariat = self.register_for(data, referrals)
        upload = data.get("attachment")
        if upload is not None and upload.size > settings.TASHIL_ATTACHMENT_MAX_MB * 1024 * 1024:
            self.add_error(
                "attachment",
                _("پیوست «%(name)s» بزرگ‌تر از %(limit)s مگابایت است.")
                % {"name": upload.name, "limit": settings.TASHIL_ATTACHMENT_MAX_MB},
            )
        return data

    def register_for(self, data, referrals):
        """The register the new letter goes in: the user's secretariat's for the record's county."""
        from tashil.geo.models import County

        from .services import county_of, secretariat_for

        county = county_of(data.get("resolution"), data.get("meeting"), data.get("obstacle"), referrals) or self.county
        if county is None and scope.single_county_id(self.user):
            county = County.objects.get(pk=scope.single_county_id(self.user))
        secretariat = secretariat_for(self.user, county)
        if secretariat is None:
            self.add_error(None, _("شما در دبیرخانه‌ای که این نامه را در دفتر خود ثبت کند عضو نیستید."))
        return secretariat


class SecretariatForm(TashilModelForm):
    class Meta:
        model = Secretariat
        fields = ("name", "letterhead", "prefix", "number_format", "signer_name", "signer_position")


class IncomingLetterNoteForm(TashilModelForm):
    """The number and date of an agency's reply letter, noted on a referral or a resolution."""

    class Meta:
        model = IncomingLetterNote
        fields = ("referral", "resolution", "number", "date", "note")
        widgets = {"referral": forms.HiddenInput, "resolution": forms.HiddenInput}

    def clean(self):
        data = super().clean()
        if not data.get("referral") and not data.get("resolution"):
            raise ValidationError(_("نامه وارده را از صفحه ارجاع یا مصوبه‌ای که به آن پاسخ می‌دهد ثبت کنید."))
        return data

    def limit_choices_to_scope(self):
        """The officer adds notes to their agency's referrals and resolutions: choices by what they see."""
        super().limit_choices_to_scope()
        for name in ("referral", "resolution"):
            field = self.fields[name]
            field.queryset = scope.restrict(field.queryset.model.objects.all(), self.user, "view")
