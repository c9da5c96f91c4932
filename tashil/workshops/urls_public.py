"""The workshops' pages of the public site, in its "public" namespace (tashil/site/urls_public.py)."""

from django.urls import path

from . import public_views as views

urlpatterns = [
    path("workshops/", views.WorkshopListView.as_view(), name="workshop_list"),
    path("workshops/<int:pk>/", views.WorkshopView.as_view(), name="workshop"),
]
