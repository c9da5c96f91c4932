from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "tashil.clinic"
    label = "clinic"
    verbose_name = _("کلینیک صنعت")

    def ready(self):
        from tashil.core.badges import register_colours
        from tashil.units.services import after_units_changed

        from .choices import CASE_COLOURS
        from .hooks import credit_revivals

        register_colours(CASE_COLOURS)
        after_units_changed(credit_revivals)
        self.add_unit_tab()
        self.register_daily_work()

    def register_daily_work(self):
        """The reminder to experts of cases with no update this week (tashil.notifications.registry)."""
        from tashil.notifications import registry

        from .reminders import remind_weekly_updates

        registry.daily_job("clinic_reminders", remind_weekly_updates)

    def add_unit_tab(self):
        from tashil.core import scope
        from tashil.core.views import Tab
        from tashil.units.views import IndustrialUnitView

        from .models import ClinicCase
        from .tables import ClinicCaseTable

        def context(view):
            cases = scope.restrict(view.object.clinic_cases.select_related("centre"), view.request.user)
            unit = view.object
            return {
                "table": ClinicCaseTable(cases, user=view.request.user, orderable=False, exclude=("unit", "county")),
                "can_admit": scope.can(view.request.user, ClinicCase, "add") and not unit.clinic_cases.open().exists(),
            }

        IndustrialUnitView.add_tab(
            Tab("clinic", _("کلینیک صنعت"), "units/tabs/clinic.html"),
            context=context,
            count=lambda view: scope.restrict(view.object.clinic_cases.all(), view.request.user).count(),
            permission=lambda view: scope.can(view.request.user, ClinicCase, "view"),
        )
