"""The public site's sitemap: the catalog's pages and objects, and the workshops'."""

from tashil.catalog import sitemaps as catalog
from tashil.workshops.sitemaps import WorkshopSitemap


class StaticSitemap(catalog.StaticSitemap):
    def items(self):
        return [*super().items(), "workshop_list"]


SITEMAPS = {**catalog.SITEMAPS, "pages": StaticSitemap, "workshops": WorkshopSitemap}
