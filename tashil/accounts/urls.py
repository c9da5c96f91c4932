from django.urls import path

from . import oidc, views

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
]
