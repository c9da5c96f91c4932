"""The catalog's pages of the public site. The site's "public" namespace, under /directory/, joins them with
the workshops' and the index (tashil/site/urls_public.py): catalog does not import workshops."""

from django.urls import path

from . import public_views as views

urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/<int:pk>/", views.UnitView.as_view(), name="unit"),
    path("products/", views.ProductListView.as_view(), name="product_list"),
    path("exhibitions/", views.ExhibitionListView.as_view(), name="exhibition_list"),
    path("exhibitions/<int:pk>/", views.ExhibitionView.as_view(), name="exhibition"),
    path("opportunities/", views.ProjectListView.as_view(), name="project_list"),
    path("opportunities/<int:pk>/", views.ProjectView.as_view(), name="project"),
    path("photos/products/<int:pk>/", views.ProductPhotoView.as_view(), name="product_photo"),
    path("photos/logos/<int:pk>/", views.LogoView.as_view(), name="logo"),
]
