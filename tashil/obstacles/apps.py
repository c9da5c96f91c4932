from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObstaclesConfig(AppConfig):
    name = "tashil.obstacles"
    label = "obstacles"
    verbose_name = _("موانع تولید")

    def ready(self):
        from tashil.core.badges import register_colours

        from .choices import STATUS_COLOURS

        register_colours(STATUS_COLOURS)
        self.add_unit_tab()
        self.register_daily_work()
        self.register_import()

    def register_import(self):
        """The import of past obstacles as a kind of core.importing (its upload page, job, template, command)."""
        from tashil.core.importing import ImportKind, register

        from .importer import COLUMNS, PastObstacleImporter, template_rows
        from .models import Obstacle

        register(
            ImportKind(
                name="obstacles",
                label=_("موانع گذشته"),
                model=Obstacle,
                importer=PastObstacleImporter,
                columns=COLUMNS,
                template_rows=template_rows,
                preview_headers=(_("عنوان مانع"), _("شناسه واحد"), _("شهرستان"), _("وضعیت ← دستگاه")),
                url_name="obstacles:obstacle_import",
                template_url_name="obstacles:obstacle_import_template",
                action="refer",
                help=_(
                    "هر ردیف یک مانع است و اگر «دستگاه ارجاع» پر باشد، یکی از ارجاع‌های آن. مانعی که واحد، گروه، "
                    "تاریخ طرح و عنوانش ثبت شده باشد دوباره ثبت نمی‌شود؛ ردیف دیگری با همان مانع و دستگاهی دیگر ارجاع "
                    "دیگر همان مانع است. از این ورود هیچ پیامک، رایانامه یا اعلانی فرستاده نمی‌شود."
                ),
            )
        )

    def register_daily_work(self):
        """The daily job's overdue check, reminders before the due date, producers' waits and silence-as-
        confirmation, the digest's overdue line (tashil.notifications.registry), and the deadlines' move when a
        place's closure changes."""
        from tashil.geo.services import after_closures_changed
        from tashil.notifications import registry

        from .notify import OVERDUE_DIGEST_RECIPIENTS, notify_overdue, overdue_digest_lines, remind_referrals
        from .services import closures_changed, confirm_silent_reviews, follow_waits

        registry.daily_job("overdue", notify_overdue)
        registry.daily_job("referral_reminders", remind_referrals)
        registry.daily_job("producer_waits", follow_waits)
        # A producer silent past the review's due date (working days) confirms the agency's «done».
        registry.daily_job("producer_silence", confirm_silent_reviews)
        registry.digest_section("overdue", overdue_digest_lines, OVERDUE_DIGEST_RECIPIENTS)
        # A closure of a province or county moves the deadlines running there (tashil.geo.services).
        after_closures_changed(closures_changed)

    def add_unit_tab(self):
        """The unit page's obstacles tab, with quick entry."""
        from tashil.core import scope
        from tashil.core.views import Tab
        from tashil.units.views import IndustrialUnitView

        from .models import Obstacle
        from .tables import ObstacleTable
        from .views import with_overdue

        def context(view):
            obstacles = scope.restrict(
                with_overdue(view.object.obstacles.select_related("unit", "county", "group")), view.request.user
            )
            table = ObstacleTable(obstacles, user=view.request.user, orderable=False, exclude=("unit",))
            return {"table": table, "can_add_obstacle": scope.can(view.request.user, Obstacle, "add")}

        def count(view):
            return scope.restrict(view.object.obstacles.all(), view.request.user).count()

        IndustrialUnitView.add_tab(
            Tab("obstacles", _("موانع تولید"), "units/tabs/obstacles.html"),
            context=context,
            count=count,
            permission=lambda view: scope.can(view.request.user, Obstacle, "view"),
        )
