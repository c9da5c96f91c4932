"""The public site's sitemap: its pages, every public unit, exhibition, opportunity and workshop."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from tashil.catalog import public
from tashil.workshops.public import public_workshops


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "index",
            "unit_list",
            "product_list",
            "exhibition_list",
            "project_list",
            "workshop_list",
            "accountability_index",
        ]

    def location(self, item):
        return reverse(f"public:{item}")


class PublicObjectSitemap(Sitemap):
    changefreq = "weekly"
    queryset = None

    def items(self):
        return self.queryset().order_by("pk").only("pk", "updated")

    def lastmod(self, obj):
        return obj.updated

    def location(self, obj):
        return self.url(obj)


class UnitSitemap(PublicObjectSitemap):
    queryset = staticmethod(public.public_units)

    def url(self, obj):
        return reverse("public:unit", kwargs={"pk": obj.pk})


class ExhibitionSitemap(PublicObjectSitemap):
    queryset = staticmethod(public.public_exhibitions)

    def url(self, obj):
        return obj.get_public_url()


class ProjectSitemap(PublicObjectSitemap):
    queryset = staticmethod(public.public_projects)

    def url(self, obj):
        return reverse("public:project", kwargs={"pk": obj.pk})


class WorkshopSitemap(PublicObjectSitemap):
    queryset = staticmethod(public_workshops)

    def url(self, obj):
        return obj.get_public_url()


SITEMAPS = {
    "pages": StaticSitemap,
    "units": UnitSitemap,
    "exhibitions": ExhibitionSitemap,
    "opportunities": ProjectSitemap,
    "workshops": WorkshopSitemap,
}
