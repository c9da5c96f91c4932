"""The public verification page of issued documents: /verify/<code>/, no sign-in (core.verification)."""

from django.urls import path

from .views.verify import VerifyView

app_name = "verify"
urlpatterns = [path("<str:code>/", VerifyView.as_view(), name="document")]
