"""The workshops' part of the public site's sitemap (tashil/site/sitemaps.py)."""

from tashil.catalog.sitemaps import PublicObjectSitemap

from .public import public_workshops


class WorkshopSitemap(PublicObjectSitemap):
    queryset = staticmethod(public_workshops)

    def url(self, obj):
        return obj.get_public_url()
