"""One router for every app's API viewsets; each app lists its own in api.py as ROUTES."""

from importlib import import_module

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tashil.core.api.views import APIRootView

API_APPS = [
    "geo",
    "orgs",
    "accounts",
    "units",
    "obstacles",
    "notifications",
    "meetings",
    "letters",
    "clinic",
    "catalog",
    "impact",
    "workshops",
]

router = DefaultRouter()
router.APIRootView = APIRootView
for app in API_APPS:
    for prefix, viewset, basename in import_module(f"tashil.{app}.api").ROUTES:
        router.register(prefix, viewset, basename=basename)

app_name = "api"
urlpatterns = [*import_module("tashil.reports.api").URLS, path("", include(router.urls))]
