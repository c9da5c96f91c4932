from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "tashil.units"
    label = "units"
    verbose_name = _("بانک اطلاعات واحدهای صنعتی")

    def ready(self):
        from tashil.accounts.registry import register_unit_finder
        from tashil.core.badges import register_colours

        from .choices import STATUS_COLOURS
        from .services import find_by_national_id

        register_colours(STATUS_COLOURS)
        register_unit_finder(find_by_national_id)
        self.register_daily_work()
        self.register_import()

    def register_import(self):
        """The unit import as a kind of core.importing: its upload page, job and template (past obstacles and
        meetings register theirs from their apps)."""
        from tashil.core import scope
        from tashil.core.importing import ImportKind, register

        from .importer import COLUMNS, Importer, template_rows
        from .models import IndustrialUnit

        def template(user):
            county = scope.counties_in_scope(user, IndustrialUnit, "add").select_related("province").first()
            return template_rows(county)

        register(
            ImportKind(
                name="units",
                label=_("واحدها"),
                model=IndustrialUnit,
                importer=Importer,
                columns=COLUMNS,
                template_rows=template,
                preview_headers=(_("نام واحد"), _("شناسه"), _("شهرستان"), _("وضعیت")),
                url_name="units:industrialunit_import",
                template_url_name="units:industrialunit_import_template",
                help=_(
                    "شناسه هر ردیف شناسه ملی است و اگر نباشد شماره پروانه. خانه خالی در به‌روزرسانی یعنی «بدون تغییر»."
                ),
            )
        )

        # The agency officers' invitations: accounts reads and invites the rows (below this app, it cannot serve
        # the import jobs, which are this app's); their upload page and template are this app's URLs.
        from tashil.accounts.importer import COLUMNS as OFFICER_COLUMNS
        from tashil.accounts.importer import OfficerImporter
        from tashil.accounts.importer import template_rows as officer_template
        from tashil.accounts.models import Invitation
        from tashil.accounts.services import may_invite

        register(
            ImportKind(
                name="officers",
                label=_("کارشناسان دستگاه‌ها"),
                model=Invitation,
                importer=OfficerImporter,
                columns=OFFICER_COLUMNS,
                template_rows=officer_template,
                preview_headers=(_("نام"), _("همراه یا رایانامه"), _("دستگاه"), _("نقش")),
                url_name="units:officer_import",
                template_url_name="units:officer_import_template",
                uses_county=False,
                permitted=may_invite,  # an agency's officer only where they manage its officers
                needs_user=True,  # an invitation is sent by someone, to agencies of their scope
                help=_(
                    "هر ردیف یک کارشناس دستگاه اجرایی است که به سامانه دعوت می‌شود؛ دستگاه را همان‌گونه بنویسید که "
                    "فهرست دستگاه‌ها نشان می‌دهد. کسی که پیش‌تر دعوت شده یا همین نقش را دارد دوباره دعوت نمی‌شود؛ "
                    "دعوت‌نامه‌ها تنها پس از «ثبت» فرستاده می‌شوند."
                ),
            )
        )

    def register_daily_work(self):
        """Monthly statistics' reminders (tashil.notifications.registry)."""
        from tashil.notifications import registry

        from .reminders import remind_monthly_reports, remind_reviews

        registry.daily_job("report_reminders", remind_monthly_reports)
        registry.daily_job("report_reviews", remind_reviews)
