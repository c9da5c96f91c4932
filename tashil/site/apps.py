from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The assembly: the home page, the menu, the public site's index and sitemap, the demo and reference
    loaders. The one app that may import every other (docs/architecture.md)."""

    name = "tashil.site"
    label = "tashil_site"
    verbose_name = _("سامانه")

    def ready(self):
        from tashil.core import navigation
        from tashil.core.filtersets import connect_choices

        connect_choices()  # every app's filter bars, kept until a row they offer changes

        from .menu import MENU

        navigation.register(*MENU)

        from django.db.models import Q

        from tashil.notifications import registry

        from .digest import saved_view_lines

        registry.digest_section(
            "saved_views",
            saved_view_lines,
            Q(saved_views__in_digest=True) | Q(digest_saved_views__isnull=False),
        )
