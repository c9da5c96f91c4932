import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from tashil.core import person, scope
from tashil.core.jalali import format_jalali_datetime
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import safe_return_url

from . import filtersets, forms, tables
from .models import AccessEvent, ApiToken, Membership, User
from .twofactor import confirmed_device

DEMO_NOTE_SETTING = "TASHIL_SHOW_DEMO_LOGINS"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from .oidc import enabled

        return {**super().get_context_data(**kwargs), "national_sign_on": enabled()}


class LogoutView(auth_views.LogoutView):
    pass


@login_not_required
@require_POST
def set_language(request):
    """The public site's language switch (fa ↔ en), back to the page it was pressed on. The choice lives in the
    language cookie and is read on public pages only (accounts.middleware): staff pages are always Persian."""
    language = request.POST.get("language")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    response = HttpResponseRedirect(safe_return_url(request, reverse("public:index")))
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


class ProfileView(View):
    """A person's own page: name, mobile, language, password and API keys (made, listed and revoked here)."""

    template_name = "accounts/profile.html"

    def get(self, request):
        return self.render(forms.ProfileForm(instance=request.user), forms.StyledPasswordChangeForm(request.user))

    def post(self, request):
        profile_form = forms.ProfileForm(instance=request.user)
        password_form = forms.StyledPasswordChangeForm(request.user)
        if "save_profile" in request.POST:
            profile_form = forms.ProfileForm(request.POST, instance=request.user)
            if profile_form.is_valid():
                profile_form.save()
                messages.success(request, _("مشخصات شما ذخیره شد."))
                return HttpResponseRedirect(reverse("accounts:profile"))
        elif "change_password" in request.POST:
            password_form = forms.StyledPasswordChangeForm(request.user, request.POST)
            if password_form.is_valid():
                password_form.save()
                update_session_auth_hash(request, password_form.user)
                messages.success(request, _("گذرواژه شما تغییر کرد."))
                return HttpResponseRedirect(reverse("accounts:profile"))
        elif "new_token" in request.POST:
            _token, key = ApiToken.issue(request.user)
            messages.success(request, _("کلید تازه API ساخته شد. آن را همین حالا بردارید: دوباره نشان داده نمی‌شود."))
            return self.render(profile_form, password_form, new_key=key)
        elif "revoke_token" in request.POST:
            chosen = request.POST["revoke_token"]
            revoked = ApiToken.objects.filter(user=request.user, pk=chosen).first() if chosen.isdigit() else None
            if revoked is not None:
                revoked.delete()
                # Named by when it was made: the flash message reads in Persian digits, which would garble a hex prefix.
                made = format_jalali_datetime(revoked.created)
                messages.success(
                    request, _("کلید API ساخته‌شده در %(made)s باطل شد و دیگر پاسخی نمی‌گیرد.") % {"made": made}
                )
            else:
                messages.error(request, _("این کلید API در میان کلیدهای شما نیست یا پیش‌تر باطل شده است."))
            return HttpResponseRedirect(reverse("accounts:profile"))
        return self.render(profile_form, password_form, status=400)

    def render(self, profile_form, password_form, status=200, new_key=None):
        user = self.request.user
        return render(
            self.request,
            self.template_name,
            {
                "title": _("حساب کاربری من"),
                "profile_form": profile_form,
                "password_form": password_form,
                "tokens": user.api_tokens.all(),
                "new_key": new_key,
                "api_token_days": settings.TASHIL_API_TOKEN_DAYS,
                "twofactor": person.part(user, "authenticator"),
                # The unbound forms are rendered once and kept (profile.html): the profile form per version of the
                # person (a save of the user makes a new one), the password form, the same for everyone, per language.
                "person_version": person.version(user),
                "person_cache_seconds": settings.TASHIL_PERSON_CACHE_SECONDS,
                "breadcrumbs": [(_("حساب کاربری من"), None)],
            },
            status=status,
        )


class AccessEventListView(ObjectListView):
    """The access log: sign-ins, failed sign-ins, sign-outs and exports. Read-only, for administrators."""

    queryset = AccessEvent.objects.select_related("user")
    filterset_class = filtersets.AccessEventFilterSet
    table_class = tables.AccessEventTable
    actions = ("export",)


class UserListView(ObjectListView):
    queryset = User.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("county", "province", "agency"))
    )
    filterset_class = filtersets.UserFilterSet
    table_class = tables.UserTable


class UserView(ObjectView):
    model = User
    tabs = (Tab("memberships", gettext_lazy("نقش‌ها و محدوده‌ها"), "accounts/includes/user_memberships.html"),)

    def get_memberships_context(self):
        user = self.request.user
        memberships = self.object.memberships.select_related("county", "province", "agency")
        return {
            "table": tables.MembershipTable(memberships, user=user, orderable=False),
            "can_add_membership": scope.can(user, Membership, "add"),
            "shared": scope.can(user, User, "change") and not scope.can_object(user, self.object, "change"),
        }


class UserEditView(ObjectEditView):
    model = User
    form_class = forms.UserForm


class UserDeleteView(ObjectDeleteView):
    model = User


class MembershipEditView(ObjectEditView):
    model = Membership
    form_class = forms.MembershipForm


class MembershipDeleteView(ObjectDeleteView):
    model = Membership


login_view = method_decorator(login_not_required, name="dispatch")(LoginView)


def next_url(request, fallback):
    """Where to go after the second step: the page first asked for, if it is on this site."""
    from django.utils.http import url_has_allowed_host_and_scheme

    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


class TwoFactorVerifyView(View):
    """The second step of signing in: the code from the authenticator app."""

    template_name = "accounts/twofactor_verify.html"

    def get(self, request):
        return render(request, self.template_name, {"title": _("تأیید دو مرحله‌ای"), "form": forms.OTPForm()})

    def post(self, request):
        from django_otp import login as otp_login

        form = forms.OTPForm(request.POST)
        device = confirmed_device(request.user)
        if form.is_valid() and device is not None and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return HttpResponseRedirect(next_url(request, reverse("home")))
        if form.is_valid():
            form.add_error("code", _("کد درست نیست یا زمانش گذشته است؛ کد تازه‌ای را که برنامه نشان می‌دهد بنویسید."))
        return render(request, self.template_name, {"title": _("تأیید دو مرحله‌ای"), "form": form}, status=400)


class TwoFactorSetupView(View):
    """Turn on (or off) two-factor sign-in: scan the QR code, give the first code to confirm."""

    template_name = "accounts/twofactor_setup.html"

    def context(self, form, device):
        from .twofactor import qr_svg, required_for

        confirmed = confirmed_device(self.request.user)
        return {
            "title": _("تأیید دو مرحله‌ای"),
            "form": form,
            "confirmed": confirmed,
            "required": required_for(self.request.user),
            "qr": qr_svg(device) if device is not None and confirmed is None else None,
            "secret_b32": base64.b32encode(device.bin_key).decode() if device is not None else "",
            "breadcrumbs": [(_("حساب کاربری من"), reverse("accounts:profile")), (_("تأیید دو مرحله‌ای"), None)],
        }

    def get(self, request):
        from .twofactor import pending_device

        device = None if confirmed_device(request.user) else pending_device(request.user)
        return render(request, self.template_name, self.context(forms.OTPForm(), device))

    def post(self, request):
        from django_otp import login as otp_login

        from .twofactor import pending_device, required_for

        form = forms.OTPForm(request.POST)
        confirmed = confirmed_device(request.user)
        if "disable" in request.POST:
            if required_for(request.user):
                messages.error(request, _("نقش شما تأیید دو مرحله‌ای را لازم دارد و نمی‌توان آن را خاموش کرد."))
            elif confirmed and form.is_valid() and confirmed.verify_token(form.cleaned_data["code"]):
                confirmed.delete()
                messages.success(request, _("تأیید دو مرحله‌ای خاموش شد."))
                return HttpResponseRedirect(reverse("accounts:profile"))
            else:
                messages.error(request, _("برای خاموش کردن، کد کنونی برنامه را درست بنویسید."))
            return HttpResponseRedirect(reverse("accounts:twofactor_setup"))
        device = pending_device(request.user)
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("تأیید دو مرحله‌ای روشن شد؛ از این پس پس از گذرواژه کد برنامه را هم می‌پرسیم."))
            return HttpResponseRedirect(next_url(request, reverse("accounts:profile")))
        if form.is_valid():
            form.add_error("code", _("کد درست نیست؛ ساعت گوشی را بررسی کنید و کد تازه را بنویسید."))
        return render(request, self.template_name, self.context(form, device), status=400)
