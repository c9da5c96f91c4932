"""The public site, under /directory/: no sign-in. The catalog's pages, the workshops' and the reports'
public accountability pages, in one namespace,
with the site's own index (views.PublicIndexView, which also lists the workshops ahead)."""

from django.urls import path

from tashil.catalog import urls_public as catalog_urls
from tashil.reports import urls_public as report_urls
from tashil.workshops import urls_public as workshop_urls

from .views import PublicIndexView

app_name = "public"
urlpatterns = [
    path("", PublicIndexView.as_view(), name="index"),
    *catalog_urls.urlpatterns,
    *workshop_urls.urlpatterns,
    *report_urls.urlpatterns,
]
