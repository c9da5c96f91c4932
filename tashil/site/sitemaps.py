"""The public site's sitemap: the catalog's pages and objects, the workshops', and the accountability index."""

from tashil.catalog import sitemaps as catalog
from tashil.workshops.sitemaps import WorkshopSitemap


class StaticSitemap(catalog.StaticSitemap):
    def items(self):
        return [*super().items(), "workshop_list", "accountability_index"]


SITEMAPS = {**catalog.SITEMAPS, "pages": StaticSitemap, "workshops": WorkshopSitemap}
