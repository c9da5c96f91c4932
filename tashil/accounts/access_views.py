"""The pages of the access flows (issue 24): sign-in by a code to the mobile, password recovery (a link by e-mail
or a code by SMS), an invitation's link, a unit representative's self-registration; and the staff's lists of
invitations (one, or a spreadsheet of officers; resend, revoke) and of registration requests (approve, refuse).

Every page calls ``services``; the pages open without signing in say the same thing, in about the same time,
whether or not an account, a unit or a mobile is on record."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core.importing import get_kind
from tashil.core.persian import to_persian_digits
from tashil.core.ratelimit import client_address
from tashil.core.views import ObjectListView, ObjectView
from tashil.core.views.generic import ActionView, ScopedViewMixin, apply_errors

from . import actions, filtersets, forms, services, tables
from .models import Invitation, RegistrationRequest, RegistrationStatus
from .views import next_url

PASSWORD_BACKEND = "tashil.accounts.backends.PasswordBackend"
FLOW_TEMPLATE = "accounts/flow.html"

# What the session keeps between two steps (never whether an account exists: only what the visitor typed).
SIGN_IN_MOBILE = "access_sign_in_mobile"
RESET_MOBILE = "access_reset_mobile"
REGISTRATION = "access_registration"


def flow(request, form, title, intro="", submit="", status=200, testid="", **extra):
    """One step of a flow, on the login page's card."""
    return render(
        request,
        FLOW_TEMPLATE,
        {
            "title": title,
            "intro": intro,
            "form": form,
            "submit": submit or _("ادامه"),
            "testid": testid,
            **extra,
        },
        status=status,
    )


@method_decorator(login_not_required, name="dispatch")
class CodeSignInView(View):
    """Step 1 of signing in by mobile: the number; a code goes to it if an account has it."""

    title = gettext_lazy("ورود با رمز یکبارمصرف")

    def get(self, request):
        return self.show(forms.MobileForm())

    def show(self, form, status=200):
        intro = _("شماره همراه ثبت‌شده در حساب کاربری خود را بنویسید تا کد ورود به آن پیامک شود.")
        return flow(
            request=self.request, form=form, title=self.title, intro=intro, status=status, testid="code-sign-in"
        )

    def post(self, request):
        form = forms.MobileForm(request.POST)
        if form.is_valid():
            try:
                services.request_sign_in_code(form.cleaned_data["mobile"], client_address(request))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                request.session[SIGN_IN_MOBILE] = form.cleaned_data["mobile"]
                messages.info(request, sent_to_mobile(form.cleaned_data["mobile"]))
                return HttpResponseRedirect(with_next(request, reverse("accounts:code_sign_in_verify")))
        return self.show(form, status=400)


def sent_to_mobile(mobile):
    return _("اگر حسابی با شماره %(mobile)s ثبت شده باشد، کد شش‌رقمی به آن پیامک شد؛ این کد تا چند دقیقه کار می‌کند.") % {
        "mobile": to_persian_digits(mobile)
    }


def with_next(request, url):
    target = request.POST.get("next") or request.GET.get("next")
    return f"{url}?next={target}" if target else url


@method_decorator(login_not_required, name="dispatch")
class CodeSignInVerifyView(View):
    """Step 2: the code. Signed in; a role that requires two steps is then asked for its authenticator's code."""

    title = gettext_lazy("کد ورود")

    def get(self, request):
        if not request.session.get(SIGN_IN_MOBILE):
            return HttpResponseRedirect(reverse("accounts:code_sign_in"))
        return self.show(forms.SmsCodeForm())

    def show(self, form, status=200):
        return flow(
            request=self.request,
            form=form,
            title=self.title,
            intro=_("کد پیامک‌شده به شماره %(mobile)s را بنویسید.")
            % {"mobile": to_persian_digits(self.request.session.get(SIGN_IN_MOBILE, ""))},
            submit=_("ورود"),
            status=status,
            testid="code-sign-in-verify",
            again_url=reverse("accounts:code_sign_in"),
        )

    def post(self, request):
        mobile = request.session.get(SIGN_IN_MOBILE)
        if not mobile:
            return HttpResponseRedirect(reverse("accounts:code_sign_in"))
        form = forms.SmsCodeForm(request.POST)
        if form.is_valid():
            try:
                user = services.sign_in_with_code(mobile, form.cleaned_data["code"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                login(request, user, backend=PASSWORD_BACKEND)
                return HttpResponseRedirect(next_url(request, reverse("home")))
        return self.show(form, status=400)


@method_decorator(login_not_required, name="dispatch")
class PasswordRecoveryView(View):
    """Forgotten password: an e-mail address gets a link, a mobile a code; the same answer either way."""

    title = gettext_lazy("بازیابی گذرواژه")

    def get(self, request):
        return self.show(forms.RecoveryForm())

    def show(self, form, status=200):
        intro = _(
            "پست الکترونیکی یا شماره همراه ثبت‌شده در حساب خود را بنویسید: به نشانی پیوند و به شماره همراه کد "
            "گذاشتن گذرواژه تازه فرستاده می‌شود."
        )
        return flow(request=self.request, form=form, title=self.title, intro=intro, status=status, testid="recovery")

    def post(self, request):
        form = forms.RecoveryForm(request.POST)
        if form.is_valid():
            identifier = form.cleaned_data["identifier"]
            try:
                services.request_password_reset(identifier, client_address(request))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if "@" in identifier:
                    return render(
                        request,
                        "accounts/flow_done.html",
                        {
                            "title": self.title,
                            "text": _(
                                "اگر حسابی با نشانی %(email)s ثبت شده باشد، پیوند گذاشتن گذرواژه تازه به آن فرستاده "
                                "شد. پیوند یک بار و تا یک ساعت کار می‌کند."
                            )
                            % {"email": identifier},
                        },
                    )
                request.session[RESET_MOBILE] = identifier
                messages.info(request, sent_to_mobile(identifier))
                return HttpResponseRedirect(reverse("accounts:password_reset_code"))
        return self.show(form, status=400)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCodeView(View):
    """The code sent to the mobile and the new password; then every session of the account ends."""

    title = gettext_lazy("گذرواژه تازه")

    def get(self, request):
        if not request.session.get(RESET_MOBILE):
            return HttpResponseRedirect(reverse("accounts:password_recovery"))
        return self.show(forms.CodePasswordForm())

    def show(self, form, status=200):
        return flow(
            request=self.request,
            form=form,
            title=self.title,
            intro=_("کد پیامک‌شده به شماره %(mobile)s و گذرواژه تازه را بنویسید.")
            % {"mobile": to_persian_digits(self.request.session.get(RESET_MOBILE, ""))},
            submit=_("گذاشتن گذرواژه تازه"),
            status=status,
            testid="reset-code",
            again_url=reverse("accounts:password_recovery"),
        )

    def post(self, request):
        mobile = request.session.get(RESET_MOBILE)
        if not mobile:
            return HttpResponseRedirect(reverse("accounts:password_recovery"))
        form = forms.CodePasswordForm(request.POST)
        if form.is_valid():
            try:
                services.reset_password_with_code(
                    mobile, form.cleaned_data["code"], form.cleaned_data["password1"], request
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                request.session.pop(RESET_MOBILE, None)
                return password_changed(request)
        return self.show(form, status=400)


def password_changed(request):
    messages.success(request, _("گذرواژه تازه گذاشته شد و همه نشست‌های پیشین حساب بسته شد؛ اکنون وارد شوید."))
    return HttpResponseRedirect(reverse("accounts:login"))


@method_decorator(login_not_required, name="dispatch")
class PasswordResetLinkView(View):
    """The e-mailed link: a new password (the link dies with the old password, or after PASSWORD_RESET_TIMEOUT)."""

    title = gettext_lazy("گذرواژه تازه")

    def dispatch(self, request, *args, **kwargs):
        try:
            self.account = services.user_of_reset_link(kwargs["uidb64"], kwargs["token"])
        except ValidationError as error:
            return render(
                request,
                "accounts/flow_done.html",
                {"title": self.title, "text": error.messages[0], "bad": True},
                status=400,
            )
        return super().dispatch(request, *args, **kwargs)

    def show(self, form, status=200):
        return flow(
            request=self.request,
            form=form,
            title=self.title,
            intro=_("گذرواژه تازه حساب «%(username)s» را بنویسید.") % {"username": self.account.get_username()},
            submit=_("گذاشتن گذرواژه تازه"),
            status=status,
            testid="reset-link",
        )

    def get(self, request, uidb64, token):
        return self.show(forms.NewPasswordForm())

    def post(self, request, uidb64, token):
        form = forms.NewPasswordForm(request.POST)
        form.account = self.account
        if form.is_valid():
            try:
                services.reset_password_with_link(uidb64, token, form.cleaned_data["password1"], request)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return password_changed(request)
        return self.show(form, status=400)


@method_decorator(login_not_required, name="dispatch")
class InvitationAcceptView(View):
    """An invitation's link: a new account (name, username, password); or, signed in, the role added to the
    account in use."""

    title = gettext_lazy("پذیرش دعوت")

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = services.open_invitation(kwargs["token"])
        except ValidationError as error:
            return render(
                request,
                "accounts/flow_done.html",
                {"title": self.title, "text": error.messages[0], "bad": True},
                status=400,
            )
        return super().dispatch(request, *args, **kwargs)

    def show(self, form, status=200):
        invitation = self.invitation
        intro = _("شما با نقش «%(role)s» (%(place)s) به سامانه تسهیل دعوت شده‌اید.") % {
            "role": invitation.get_role_display(),
            "place": invitation.membership().place_label,
        }
        signed_in = self.request.user.is_authenticated
        if signed_in:
            intro += " " + _("این نقش به حساب «%(user)s» که با آن وارد شده‌اید افزوده می‌شود.") % {
                "user": self.request.user.get_username()
            }
        else:
            intro += " " + _("برای ساختن حساب، نام کاربری و گذرواژه برگزینید. اگر پیش‌تر حساب دارید، نخست وارد شوید.")
        return flow(
            request=self.request,
            form=form,
            title=self.title,
            intro=intro,
            submit=_("افزودن نقش به حساب من") if signed_in else _("ساختن حساب"),
            status=status,
            testid="invitation-accept",
            login_url=None if signed_in else f"{reverse('accounts:login')}?next={self.request.path}",
        )

    def get_form(self, data=None):
        if self.request.user.is_authenticated:
            return forms.TashilForm(data)
        invitation = self.invitation
        initial = {"first_name": invitation.first_name, "last_name": invitation.last_name}
        return forms.AcceptInvitationForm(data, initial=initial)

    def get(self, request, token):
        return self.show(self.get_form())

    def post(self, request, token):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                if request.user.is_authenticated:
                    services.attach_invitation(self.invitation, request.user, request)
                else:
                    services.accept_invitation(
                        token,
                        username=form.cleaned_data["username"],
                        password=form.cleaned_data["password1"],
                        first_name=form.cleaned_data["first_name"],
                        last_name=form.cleaned_data["last_name"],
                        request=request,
                    )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if request.user.is_authenticated:
                    messages.success(request, _("نقش تازه به حساب شما افزوده شد."))
                    return HttpResponseRedirect(reverse("home"))
                messages.success(request, _("حساب شما ساخته شد؛ اکنون با نام کاربری و گذرواژه خود وارد شوید."))
                return HttpResponseRedirect(reverse("accounts:login"))
        return self.show(form, status=400)


@method_decorator(login_not_required, name="dispatch")
class RegistrationView(View):
    """A unit's representative asks for access: the unit's national ID, their national code and mobile."""

    title = gettext_lazy("ثبت‌نام نماینده واحد صنعتی")

    def get(self, request):
        return self.show(forms.RegistrationForm())

    def show(self, form, status=200):
        intro = _(
            "اگر شماره همراه شما همان شماره ثبت‌شده در پرونده واحد باشد، با کدی که به آن پیامک می‌شود بی‌درنگ "
            "نماینده واحد می‌شوید؛ وگرنه درخواست شما را دبیرخانه ستاد بررسی می‌کند."
        )
        return flow(
            request=self.request, form=form, title=self.title, intro=intro, status=status, testid="registration"
        )

    def post(self, request):
        form = forms.RegistrationForm(request.POST)
        if form.is_valid():
            try:
                registration = services.request_registration(address=client_address(request), **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                request.session[REGISTRATION] = registration.pk
                return HttpResponseRedirect(reverse("accounts:registration_code"))
        return self.show(form, status=400)


@method_decorator(login_not_required, name="dispatch")
class RegistrationCodeView(View):
    """After the request: the same page for every applicant (a code, if one was sent; else the queue)."""

    title = gettext_lazy("درخواست شما رسید")

    def get(self, request):
        if not request.session.get(REGISTRATION):
            return HttpResponseRedirect(reverse("accounts:registration"))
        return self.show(forms.SmsCodeForm())

    def show(self, form, status=200):
        return flow(
            request=self.request,
            form=form,
            title=self.title,
            intro=services.registration_done_text(),
            submit=_("تأیید کد"),
            status=status,
            testid="registration-code",
        )

    def post(self, request):
        pk = request.session.get(REGISTRATION)
        if not pk:
            return HttpResponseRedirect(reverse("accounts:registration"))
        form = forms.SmsCodeForm(request.POST)
        if form.is_valid():
            try:
                user = services.confirm_registration(pk, form.cleaned_data["code"], request)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                request.session.pop(REGISTRATION, None)
                login(request, user, backend=PASSWORD_BACKEND)
                messages.success(request, _("شما اکنون نماینده واحد در سامانه تسهیل هستید."))
                return HttpResponseRedirect(reverse("home"))
        return self.show(form, status=400)


# ---------------------------------------------------------------- the staff's pages


class InvitationListView(ObjectListView):
    """Invitations in the user's scope: pending, accepted, expired, revoked; one or a spreadsheet added here."""

    queryset = Invitation.objects.select_related("invited_by", "agency", "unit", "centre", "county", "province")
    filterset_class = filtersets.InvitationFilterSet
    table_class = tables.InvitationTable
    actions = ("add", "import", "export")

    def get_context_data(self, **kwargs):
        """The add and import buttons only for those who invite (an agency officer who manages no agency sees
        the list, empty, and no button)."""
        context = super().get_context_data(**kwargs)
        if not services.may_invite(self.request.user):
            context.update(add_url=None, import_url=None)
        else:
            # A spreadsheet of officers is one kind of import (core.importing): checked in the background, previewed.
            context["import_url"] = reverse(get_kind("officers").url_name)
        return context


class InvitationView(ObjectView):
    model = Invitation
    template_name = "accounts/invitation.html"
    profile_fields = (
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
        "invited_by",
        "expires",
        "sent_count",
        "accepted_by",
        "accepted_at",
    )

    def get_context_data(self, **kwargs):
        from tashil.core import scope

        context = super().get_context_data(**kwargs)
        invitation = self.object
        user = self.request.user
        context["shown_status"] = invitation.get_shown_status_display()
        context["can_resend"] = invitation.status == "pending" and scope.can_object(user, invitation, "resend")
        context["can_revoke"] = invitation.open and scope.can_object(user, invitation, "revoke")
        return context


class InvitationAddView(ScopedViewMixin, View):
    """One invitation: the form, then ``services.invite`` (which refuses a role or place the inviter may not give,
    on the field it concerns) and the link sent."""

    model = Invitation
    template_name = "generic/object_edit.html"

    def render_form(self, form, status=200):
        title = _("دعوت کاربر تازه")
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": title,
                "intro": _("پیوند ساختن حساب به شماره همراه و پست الکترونیکی دعوت‌شده فرستاده می‌شود."),
                "breadcrumbs": [*self.list_breadcrumb(), (title, None)],
                "cancel_url": reverse("accounts:invitation_list"),
            },
            status=status,
        )

    def require(self, action):
        super().require(action)
        if not services.may_invite(self.request.user):
            raise PermissionDenied

    def get(self, request):
        self.require("add")
        return self.render_form(forms.InvitationForm(user=request.user))

    def post(self, request):
        self.require("add")
        form = forms.InvitationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                invitation, _token = services.invite(request.user, **form.invitation_values())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("«%(object)s» فرستاده شد.") % {"object": invitation})
                return HttpResponseRedirect(invitation.get_absolute_url())
        return self.render_form(form, status=400)


class InvitationActionView(ActionView):
    model = Invitation
    actions = actions.INVITATION_ACTIONS


class RegistrationRequestListView(ObjectListView):
    """The secretariat's queue of representatives' requests (its county's; the nation's for unknown units)."""

    queryset = RegistrationRequest.objects.select_related("unit", "county")
    filterset_class = filtersets.RegistrationRequestFilterSet
    table_class = tables.RegistrationRequestTable
    actions = ("export",)

    def filter_data(self):
        """The queue opens on the requests that wait for a decision."""
        return self.request.GET or {"status": RegistrationStatus.PENDING}


class RegistrationRequestView(ObjectView):
    model = RegistrationRequest
    template_name = "accounts/registrationrequest.html"
    profile_fields = (
        "first_name",
        "last_name",
        "national_code",
        "mobile",
        "position",
        "unit_national_id",
        "unit",
        "county",
        "mobile_matches",
        "status",
        "reason",
        "decided_by",
        "decided_at",
        "user",
    )

    def get_context_data(self, **kwargs):
        from tashil.core import scope

        context = super().get_context_data(**kwargs)
        request = self.object
        context["can_decide"] = request.status == RegistrationStatus.PENDING and scope.can_object(
            self.request.user, request, "decide"
        )
        return context


class RegistrationActionView(ActionView):
    model = RegistrationRequest
    actions = actions.REGISTRATION_ACTIONS
