from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "tashil.catalog"
    label = "catalog"
    verbose_name = _("معرفی واحدها و محصولات")

    def ready(self):
        from tashil.core.badges import register_colours
        from tashil.units.services import after_units_changed

        from .choices import MODERATION_COLOURS
        from .search import refresh_units

        register_colours(MODERATION_COLOURS)
        after_units_changed(refresh_units)
        self.add_unit_tab()

    def add_unit_tab(self):
        from tashil.core import scope
        from tashil.core.views import Tab
        from tashil.units.views import IndustrialUnitView

        from .models import PublicProfile
        from .views import public_face_context

        IndustrialUnitView.add_tab(
            Tab("public", _("معرفی عمومی"), "catalog/tabs/public.html"),
            context=public_face_context,
            permission=lambda view: scope.can(view.request.user, PublicProfile, "view"),
        )
