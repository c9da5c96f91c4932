"""The public site, under /directory/: no sign-in, in the "public" namespace — its index, the catalog's pages
(directory, products, booths, exhibitions, opportunities), the workshops' and the headquarters' accountability
pages with their open data."""

from django.urls import path, register_converter

from . import accountability, views, workshops


class LevelConverter:
    regex = "provinces|counties"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LevelConverter, "area_level")

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
    path("workshops/", workshops.WorkshopListView.as_view(), name="workshop_list"),
    path("workshops/<int:pk>/", workshops.WorkshopView.as_view(), name="workshop"),
    path("accountability/", accountability.AccountabilityIndexView.as_view(), name="accountability_index"),
    path(
        "accountability/<area_level:level>/<int:pk>/",
        accountability.AccountabilityView.as_view(),
        name="accountability",
    ),
    path(
        "accountability/<area_level:level>/<int:pk>/data.csv",
        accountability.AccountabilityCsvView.as_view(),
        name="accountability_csv",
    ),
    path(
        "accountability/<area_level:level>/<int:pk>/dataset.json",
        accountability.AccountabilityDatasetView.as_view(),
        name="accountability_dataset",
    ),
]
