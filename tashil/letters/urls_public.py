"""The public verification page of issued letters: /verify/<code>/, no sign-in."""

from django.urls import path

from . import views

app_name = "verify"
urlpatterns = [path("<str:code>/", views.VerifyView.as_view(), name="document")]
