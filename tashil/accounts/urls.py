from django.urls import path

from . import access_views, oidc, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("national/", oidc.StartView.as_view(), name="oidc_start"),
    path("national/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("language/", views.set_language, name="language"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("two-factor/", views.TwoFactorSetupView.as_view(), name="twofactor_setup"),
    path("two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="twofactor_verify"),
    path("access-log/", views.AccessEventListView.as_view(), name="accessevent_list"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/add/", views.UserEditView.as_view(), name="user_add"),
    path("users/<int:pk>/", views.UserView.as_view(), name="user"),
    path("users/<int:pk>/edit/", views.UserEditView.as_view(), name="user_edit"),
    path("users/<int:pk>/delete/", views.UserDeleteView.as_view(), name="user_delete"),
    path("memberships/add/", views.MembershipEditView.as_view(), name="membership_add"),
    path("memberships/<int:pk>/edit/", views.MembershipEditView.as_view(), name="membership_edit"),
    path("memberships/<int:pk>/delete/", views.MembershipDeleteView.as_view(), name="membership_delete"),
    # Access without the secretariat (issue 24): access_views.py, docs/accounts.md.
    path("sign-in/code/", access_views.CodeSignInView.as_view(), name="code_sign_in"),
    path("sign-in/code/verify/", access_views.CodeSignInVerifyView.as_view(), name="code_sign_in_verify"),
    path("recovery/", access_views.PasswordRecoveryView.as_view(), name="password_recovery"),
    path("recovery/code/", access_views.PasswordResetCodeView.as_view(), name="password_reset_code"),
    path(
        "recovery/<uidb64>/<token>/",
        access_views.PasswordResetLinkView.as_view(),
        name="password_reset_link",
    ),
    path("register/", access_views.RegistrationView.as_view(), name="registration"),
    path("register/code/", access_views.RegistrationCodeView.as_view(), name="registration_code"),
    path("invitation/<str:token>/", access_views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("invitations/", access_views.InvitationListView.as_view(), name="invitation_list"),
    path("invitations/add/", access_views.InvitationAddView.as_view(), name="invitation_add"),
    path("invitations/<int:pk>/", access_views.InvitationView.as_view(), name="invitation"),
    path(
        "invitations/<int:pk>/do/<str:action>/",
        access_views.InvitationActionView.as_view(),
        name="invitation_action",
    ),
    path(
        "registrations/",
        access_views.RegistrationRequestListView.as_view(),
        name="registrationrequest_list",
    ),
    path(
        "registrations/<int:pk>/",
        access_views.RegistrationRequestView.as_view(),
        name="registrationrequest",
    ),
    path(
        "registrations/<int:pk>/do/<str:action>/",
        access_views.RegistrationActionView.as_view(),
        name="registrationrequest_action",
    ),
]
