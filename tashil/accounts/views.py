from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import safe_return_url

from . import filtersets, forms, tables
from .models import AccessEvent, Membership, User

DEMO_NOTE_SETTING = "TASHIL_SHOW_DEMO_LOGINS"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_not_required
@require_POST
def set_language(request):
    """Switch the interface language; a signed-in user keeps the choice in their profile."""
    language = request.POST.get("language")
    if language not in dict(User._meta.get_field("language").choices):
        language = "fa"
    if request.user.is_authenticated:
        request.user.language = language
        request.user.save(update_fields=["language", "updated"])
    translation.activate(language)
    response = HttpResponseRedirect(safe_return_url(request, reverse("home")))
    from django.conf import settings

    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


class ProfileView(View):
    """A person's own page: name, mobile, language, password and API token."""

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
            Token.objects.filter(user=request.user).delete()
            Token.objects.create(user=request.user)
            messages.success(request, _("کلید تازه API ساخته شد؛ کلید قبلی دیگر کار نمی‌کند."))
            return HttpResponseRedirect(reverse("accounts:profile"))
        return self.render(profile_form, password_form, status=400)

    def render(self, profile_form, password_form, status=200):
        user = self.request.user
        return render(
            self.request,
            self.template_name,
            {
                "title": _("حساب کاربری من"),
                "profile_form": profile_form,
                "password_form": password_form,
                "token": Token.objects.filter(user=user).first(),
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
        memberships = self.object.memberships.select_related("county", "province", "agency")
        return {"table": tables.MembershipTable(memberships, user=self.request.user, orderable=False)}


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
