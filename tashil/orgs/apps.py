from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "tashil.orgs"
    label = "orgs"
    verbose_name = _("دستگاه‌های اجرایی")

    def ready(self):
        self.add_county_tab()

    def add_county_tab(self):
        """The county page's tab of the agencies serving it (geo does not import orgs)."""
        from tashil.core.views import Tab
        from tashil.geo.views import CountyView

        from .models import Agency
        from .tables import AgencyTable

        def context(view):
            agencies = Agency.objects.serving(view.object).select_related("province", "county")
            return {"table": AgencyTable(agencies, user=view.request.user, orderable=False)}

        CountyView.add_tab(Tab("agencies", _("دستگاه‌های اجرایی"), "generic/includes/tab_table.html"), context=context)
