"""The public site, under /directory/: no sign-in."""

from django.urls import path

from tashil.workshops import public_views as workshop_views

from . import public_views as views

app_name = "public"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/<int:pk>/", views.UnitView.as_view(), name="unit"),
    path("products/", views.ProductListView.as_view(), name="product_list"),
    path("exhibitions/", views.ExhibitionListView.as_view(), name="exhibition_list"),
    path("exhibitions/<int:pk>/", views.ExhibitionView.as_view(), name="exhibition"),
    path("opportunities/", views.ProjectListView.as_view(), name="project_list"),
    path("opportunities/<int:pk>/", views.ProjectView.as_view(), name="project"),
    path("photos/products/<int:pk>/", views.ProductPhotoView.as_view(), name="product_photo"),
    path("photos/logos/<int:pk>/", views.LogoView.as_view(), name="logo"),
    path("workshops/", workshop_views.WorkshopListView.as_view(), name="workshop_list"),
    path("workshops/<int:pk>/", workshop_views.WorkshopView.as_view(), name="workshop"),
]
