"""The project's URLs: one include per domain app, the API, the schema and its docs."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tashil.public.sitemaps import SITEMAPS
from tashil.public.views import RobotsView
from tashil.site.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("tashil.accounts.urls")),
    path("core/", include("tashil.core.urls")),
    path("geo/", include("tashil.geo.urls")),
    path("orgs/", include("tashil.orgs.urls")),
    path("registry/", include("tashil.units.urls")),
    path("obstacles/", include("tashil.obstacles.urls")),
    path("notifications/", include("tashil.notifications.urls")),
    path("meetings/", include("tashil.meetings.urls")),
    path("letters/", include("tashil.letters.urls")),
    path("verify/", include("tashil.core.urls_verify")),
    path("clinic/", include("tashil.clinic.urls")),
    path("catalog/", include("tashil.catalog.urls")),
    path("workshops/", include("tashil.workshops.urls")),
    path("impact/", include("tashil.impact.urls")),
    path("reports/", include("tashil.reports.urls")),
    path("directory/", include("tashil.public.urls")),
    path("sitemap.xml", login_not_required(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("api/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
]
# Uploaded files are never served from MEDIA_ROOT, not even in development: each is served by a view that
# first checks who may see it (attachments, minutes, evidence, photos, logos).

handler500 = "tashil.core.views.errors.server_error"
