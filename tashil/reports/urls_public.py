"""The reports' pages of the public site: the headquarters' accountability per province and county, and its open
data. The site's "public" namespace joins them with the catalog's and the workshops' (tashil/site/urls_public.py)."""

from django.urls import path, register_converter

from . import public_views as views


class LevelConverter:
    regex = "provinces|counties"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LevelConverter, "area_level")

urlpatterns = [
    path("accountability/", views.AccountabilityIndexView.as_view(), name="accountability_index"),
    path("accountability/<area_level:level>/<int:pk>/", views.AccountabilityView.as_view(), name="accountability"),
    path(
        "accountability/<area_level:level>/<int:pk>/data.csv",
        views.AccountabilityCsvView.as_view(),
        name="accountability_csv",
    ),
    path(
        "accountability/<area_level:level>/<int:pk>/dataset.json",
        views.AccountabilityDatasetView.as_view(),
        name="accountability_dataset",
    ),
]
