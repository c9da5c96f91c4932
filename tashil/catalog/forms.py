"""Forms of the public face: what representatives and the secretariat edit, and what visitors send."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from tashil.core.forms import TashilForm, TashilModelForm
from tashil.core.persian import clean_text
from tashil.core.validators import normalize_mobile
from tashil.units.models import Product

from .choices import Moderation
from .models import Booth, Certificate, ContactMessage, Exhibition, InvestmentInquiry, PublicProfile, UnitInput

SIGNER_SALT = "tashil.catalog.visitor-form"
MAX_FORM_AGE = 24 * 60 * 60


class PublicProfileForm(TashilModelForm):
    class Meta:
        model = PublicProfile
        fields = (
            "listed",
            "brand",
            "introduction",
            "logo",
            "show_address",
            "show_phone",
            "show_mobile",
            "show_email",
            "show_website",
            "show_manager",
            "show_location",
        )
        widgets = {"introduction": forms.Textarea(attrs={"rows": 5})}


class ModerationForm(TashilForm):
    moderation = forms.ChoiceField(label=_("وضعیت انتشار"), choices=Moderation.choices)
    note = forms.CharField(
        label=_("یادداشت برای واحد"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("moderation") == Moderation.HIDDEN and not data.get("note"):
            self.add_error("note", _("دلیل پنهان کردن معرفی را بنویسید تا واحد آن را ببیند."))
        return data


class CertificateForm(TashilModelForm):
    class Meta:
        model = Certificate
        fields = ("unit", "title", "issuer", "number", "valid_until", "is_public")


class UnitInputForm(TashilModelForm):
    class Meta:
        model = UnitInput
        fields = ("unit", "name", "code", "yearly_quantity", "quantity_unit", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"dir": "ltr", "inputmode": "numeric"})

    def clean_code(self):
        from tashil.core.persian import fold_digits

        code = fold_digits(self.cleaned_data.get("code", "")).replace(" ", "")
        if code and not code.isdigit():
            raise forms.ValidationError(_("کد «%(value)s» باید فقط رقم باشد."), params={"value": code})
        return code


class ExhibitionForm(TashilModelForm):
    class Meta:
        model = Exhibition
        fields = ("title", "county", "start_date", "end_date", "place", "description", "is_public", "is_permanent")


class BoothForm(TashilModelForm):
    """A booth: the showcased products are chosen from the unit's own, once the unit is known."""

    class Meta:
        model = Booth
        fields = ("exhibition", "unit", "number", "hall", "description", "products")
        widgets = {"products": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_id = self.data.get("unit") or self.initial.get("unit") or self.instance.unit_id
        products = self.fields["products"]
        if unit_id and str(unit_id).isdigit():
            products.queryset = Product.objects.filter(unit_id=unit_id).order_by("name")
            products.help_text = _("محصولاتی از این واحد که در غرفه نمایش داده می‌شوند.")
        else:
            products.queryset = Product.objects.none()
            products.help_text = _("پس از ذخیره غرفه، محصولات واحد را برای نمایش برگزینید.")

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        strangers = [p for p in data.get("products") or () if unit is None or p.unit_id != unit.pk]
        if strangers:
            self.add_error("products", _("محصول «%(product)s» از این واحد نیست.") % {"product": strangers[0]})
        return data


class VisitorFormMixin(forms.Form):
    """What keeps robots out of a public form: a field people never see (it must stay empty) and a signed
    time stamp from when the form was shown (a person needs a few seconds; a stale page must be reloaded)."""

    website_url = forms.CharField(required=False, label=_("این خانه را خالی بگذارید"))
    shown_at = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website_url"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["shown_at"] = signing.dumps(int(time.time()), salt=SIGNER_SALT)

    def clean_shown_at(self):
        try:
            shown = signing.loads(self.cleaned_data["shown_at"], salt=SIGNER_SALT, max_age=MAX_FORM_AGE)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("این فرم کهنه شده است؛ صفحه را دوباره باز کنید و پیام را بفرستید (متن شما نگه داشته شد).")
            ) from error
        if time.time() - shown < settings.TASHIL_PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(_("فرم زودتر از آنچه یک انسان می‌تواند پر کند فرستاده شد؛ دوباره بفرستید."))
        return self.cleaned_data["shown_at"]

    def clean_website_url(self):
        if self.cleaned_data.get("website_url"):
            raise forms.ValidationError(_("پیام فرستاده نشد."))
        return ""

    @property
    def robot_errors(self):
        return [*self["shown_at"].errors, *self["website_url"].errors]

    def renew_stamp(self):
        """After a refused send, a fresh time stamp so the kept text can be sent again."""
        data = self.data.copy()
        data["shown_at"] = signing.dumps(int(time.time()), salt=SIGNER_SALT)
        self.data = data


def _phone(value):
    value = clean_text(value or "")
    if not value:
        return ""
    digits = normalize_mobile(value)
    if not digits.isdigit() or not 8 <= len(digits) <= 12:
        raise forms.ValidationError(_("شماره تلفن «%(value)s» درست نیست."), params={"value": value})
    return digits


class ContactForm(VisitorFormMixin, TashilModelForm):
    class Meta:
        model = ContactMessage
        fields = ("sender_name", "sender_email", "sender_phone", "subject", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def clean_sender_phone(self):
        return _phone(self.cleaned_data.get("sender_phone"))


class InquiryForm(VisitorFormMixin, TashilModelForm):
    class Meta:
        model = InvestmentInquiry
        fields = ("name", "organisation", "email", "phone", "amount", "message")
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def clean_phone(self):
        return _phone(self.cleaned_data.get("phone"))
