from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.choices import Role
from tashil.core.forms import MobileField, TashilForm, TashilModelForm, style_form

from .models import Invitation, Membership, User


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("نام کاربری یا گذرواژه درست نیست. نام کاربری به حروف کوچک و بزرگ انگلیسی حساس است."),
        "inactive": _("این حساب کاربری غیرفعال شده است؛ با دبیرخانه ستاد تماس بگیرید."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
        self.fields["username"].widget.attrs.update({"autofocus": True, "dir": "ltr", "autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"dir": "ltr"})


class StyledPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class ProfileForm(TashilModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = User
        fields = ("first_name", "last_name", "national_code", "email", "mobile")
        field_classes = {"mobile": MobileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown, not typed here: a national code claimed by the wrong person would keep its owner's sign-in
        # (OpenID Connect, invitations) from finding them. The secretariat sets it on the user's page.
        self.fields["national_code"].disabled = True
        self.fields["national_code"].help_text = _("کد ملی را دبیرخانه در صفحه کاربر ثبت یا اصلاح می‌کند.")


class UserForm(TashilModelForm):
    """Adding or editing a user. A new user gets an initial password and a first role in the adder's scope."""

    MEMBERSHIP_FIELDS = ("role", "level", "province", "county", "agency", "unit", "centre")

    password1 = forms.CharField(label=_("گذرواژه"), widget=forms.PasswordInput, required=False, strip=False)
    password2 = forms.CharField(label=_("تکرار گذرواژه"), widget=forms.PasswordInput, required=False, strip=False)

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "national_code", "email", "mobile", "position", "is_active")
        field_classes = {"mobile": MobileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["dir"] = "ltr"
        if self.instance.pk:
            del self.fields["password1"]
            del self.fields["password2"]
            return
        self.fields["password1"].required = True
        self.fields["password2"].required = True
        membership_form = MembershipForm(user=self.user)
        for name in self.MEMBERSHIP_FIELDS:
            self.fields[name] = membership_form.fields[name]
        self.fields["role"].help_text = _("نقش نخست کاربر؛ نقش‌های دیگر را بعداً در صفحه کاربر بیفزایید.")

    def clean(self):
        cleaned = super().clean()
        if "password1" in self.fields:
            first, second = cleaned.get("password1"), cleaned.get("password2")
            if first and second and first != second:
                self.add_error("password2", _("دو گذرواژه یکسان نیستند."))
            elif first:
                try:
                    password_validation.validate_password(first, self.instance)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        if "role" in self.fields and not self.errors:
            self.membership = Membership(**{name: cleaned.get(name) for name in self.MEMBERSHIP_FIELDS})
            try:
                self.membership.full_clean(exclude=["user"])
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password1"):
            user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
            if getattr(self, "membership", None) is not None:
                self.membership.user = user
                self.membership.save()
        return user


class MembershipForm(TashilModelForm):
    class Meta:
        model = Membership
        fields = (
            "user",
            "role",
            "level",
            "province",
            "county",
            "agency",
            "unit",
            "centre",
            "manages_agency",
            "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        if user is not None and not user.is_superuser and Role.ADMIN not in {m.role for m in scope.memberships(user)}:
            self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0] != Role.ADMIN]


class OTPForm(TashilForm):
    code = forms.CharField(
        label=_("کد شش‌رقمی برنامه"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}),
    )

    def clean_code(self):
        from tashil.core.persian import fold_digits

        code = fold_digits(self.cleaned_data["code"]).replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("کد شش رقم است (به هر رقمی)."))
        return code


# ---------------------------------------------------------------- access without the secretariat (issue 24)


class SmsCodeForm(OTPForm):
    """The six digits an SMS brought (any digit script)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("کد شش‌رقمی پیامک‌شده")


class MobileForm(TashilForm):
    mobile = MobileField(label=_("شماره همراه"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mobile"].widget.attrs["autofocus"] = True
        self.fields["mobile"].widget.attrs["autocomplete"] = "tel"


class NewPasswordForm(TashilForm):
    """A new password, twice, checked by the project's password rules."""

    password1 = forms.CharField(
        label=_("گذرواژه تازه"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "dir": "ltr"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("تکرار گذرواژه تازه"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "dir": "ltr"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("دو گذرواژه یکسان نیستند."))
        elif first:
            try:
                password_validation.validate_password(first, getattr(self, "account", None))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodePasswordForm(NewPasswordForm):
    """The code sent to the mobile, and the new password."""

    code = SmsCodeForm.base_fields["code"]
    field_order = ("code", "password1", "password2")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("کد شش‌رقمی پیامک‌شده")

    clean_code = OTPForm.clean_code


class RecoveryForm(TashilForm):
    """Where to send the way back in: an e-mail address (a link) or a mobile (a code)."""

    identifier = forms.CharField(
        label=_("پست الکترونیکی یا شماره همراه"),
        max_length=254,
        widget=forms.TextInput(attrs={"dir": "ltr", "autofocus": True, "autocomplete": "username"}),
        help_text=_("نشانی یا شماره‌ای که در حساب کاربری شما ثبت شده است."),
    )

    def clean_identifier(self):
        from django.core.validators import validate_email

        from tashil.core.validators import normalize_mobile, validate_mobile

        value = self.cleaned_data["identifier"].strip()
        if "@" in value:
            try:
                validate_email(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("نشانی پست الکترونیکی «%(value)s» درست نیست.") % {"value": value}
                ) from None
            return value.lower()
        validate_mobile(value)
        return normalize_mobile(value)


GRANTING_ROLES = {Role.ADMIN, Role.SECRETARIAT}


class InvitationForm(TashilModelForm):
    """One invitation: the person's name and addresses, and the role and scope they are invited to (the same
    choices the adder of a membership is offered, kept to the inviter's scope)."""

    class Meta:
        model = Invitation
        fields = (
            "first_name",
            "last_name",
            "mobile",
            "email",
            "national_code",
            "position",
            "role",
            "level",
            "province",
            "county",
            "agency",
            "unit",
            "centre",
        )
        field_classes = {"mobile": MobileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        if user is not None and not user.is_superuser and Role.ADMIN not in {m.role for m in scope.memberships(user)}:
            self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0] != Role.ADMIN]
        if (
            user is not None
            and not user.is_superuser
            and not GRANTING_ROLES & {m.role for m in scope.memberships(user)}
        ):
            # An agency's manager of officers invites its officers only.
            managed = [m.agency_id for m in scope.memberships(user) if m.manages_agency]
            self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0] == Role.AGENCY_OFFICER]
            self.fields["agency"].queryset = self.fields["agency"].queryset.filter(pk__in=managed)
            for name in ("level", "province", "county", "unit", "centre"):
                del self.fields[name]
        self.fields["mobile"].help_text = _("پیوند دعوت به این شماره پیامک می‌شود.")
        self.fields["email"].help_text = _("پیوند دعوت به این نشانی هم فرستاده می‌شود. دست‌کم یکی از این دو لازم است.")

    def invitation_values(self):
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields if name in self.fields}


class AcceptInvitationForm(NewPasswordForm):
    username = forms.CharField(
        label=_("نام کاربری"),
        max_length=150,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "username"}),
        help_text=_("با حروف و رقم‌های انگلیسی؛ با آن وارد سامانه می‌شوید."),
    )
    first_name = forms.CharField(label=_("نام"), max_length=150)
    last_name = forms.CharField(label=_("نام خانوادگی"), max_length=150)
    field_order = ("first_name", "last_name", "username", "password1", "password2")

    def clean_username(self):
        from django.contrib.auth.validators import UnicodeUsernameValidator

        value = self.cleaned_data["username"].strip()
        UnicodeUsernameValidator()(value)
        return value


class RegistrationForm(TashilForm):
    """A unit's representative asking for access: who they are and which unit."""

    first_name = forms.CharField(label=_("نام"), max_length=150)
    last_name = forms.CharField(label=_("نام خانوادگی"), max_length=150)
    national_code = forms.CharField(
        label=_("کد ملی شما"), max_length=20, widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"})
    )
    mobile = MobileField(label=_("شماره همراه شما"))
    unit_national_id = forms.CharField(
        label=_("شناسه ملی واحد"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
        help_text=_("شناسه ملی ۱۱ رقمی شرکت یا واحد."),
    )
    position = forms.CharField(label=_("سمت شما در واحد"), max_length=150, required=False)

    def clean_national_code(self):
        from tashil.core.validators import normalize_national_id, validate_person_code

        validate_person_code(self.cleaned_data["national_code"])
        return normalize_national_id(self.cleaned_data["national_code"])

    def clean_unit_national_id(self):
        from tashil.core.validators import normalize_national_id, validate_national_id

        validate_national_id(self.cleaned_data["unit_national_id"])
        return normalize_national_id(self.cleaned_data["unit_national_id"])


class RefuseRegistrationForm(TashilForm):
    reason = forms.CharField(
        label=_("دلیل رد"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("این متن به متقاضی پیامک می‌شود."),
    )
