from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.choices import Role
from tashil.core.forms import MobileField, TashilForm, TashilModelForm, style_form

from .models import Membership, User


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
        fields = ("first_name", "last_name", "email", "mobile")
        field_classes = {"mobile": MobileField}


class UserForm(TashilModelForm):
    """Adding or editing a user. A new user gets an initial password and a first role in the adder's scope."""

    MEMBERSHIP_FIELDS = ("role", "level", "province", "county", "agency", "unit", "centre")

    password1 = forms.CharField(label=_("گذرواژه"), widget=forms.PasswordInput, required=False, strip=False)
    password2 = forms.CharField(label=_("تکرار گذرواژه"), widget=forms.PasswordInput, required=False, strip=False)

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "mobile", "position", "is_active")
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
        fields = ("user", "role", "level", "province", "county", "agency", "unit", "centre", "is_active")

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
