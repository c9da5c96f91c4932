from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The agency inbox's panel of resolutions to execute: this many, the nearest deadlines first.
INBOX_PANEL_ROWS = 10


class MeetingsConfig(AppConfig):
    name = "tashil.meetings"
    label = "meetings"
    verbose_name = _("جلسات و مصوبات")

    def ready(self):
        from tashil.core.badges import register_colours

        from .choices import ANSWER_COLOURS, MEETING_COLOURS, RESOLUTION_COLOURS

        register_colours(ANSWER_COLOURS)
        register_colours(MEETING_COLOURS)
        register_colours(RESOLUTION_COLOURS)
        from . import signals  # noqa: F401  (an agenda takes only its meeting's county's obstacles)

        self.add_to_inbox()
        self.add_unit_tab()
        self.register_daily_work()
        self.register_documents()
        self.register_import()

    def register_import(self):
        """The import of past meetings and their resolutions as a kind of core.importing."""
        from tashil.core.importing import ImportKind, register

        from .importer import COLUMNS, PastMeetingImporter, template_rows
        from .models import Meeting

        register(
            ImportKind(
                name="meetings",
                label=_("جلسات و مصوبات گذشته"),
                model=Meeting,
                importer=PastMeetingImporter,
                columns=COLUMNS,
                template_rows=template_rows,
                preview_headers=(_("جلسه"), _("مصوبه"), _("شهرستان"), _("وضعیت")),
                url_name="meetings:meeting_import",
                template_url_name="meetings:meeting_import_template",
                help=_(
                    "هر ردیف یک مصوبه است با جلسه‌اش (سلسله، شماره، تاریخ)؛ ردیفی بی متن مصوبه تنها جلسه را ثبت "
                    "می‌کند. جلسه با سلسله و شماره‌اش شناخته می‌شود و مصوبه با جلسه و شماره‌اش: آنچه ثبت شده دوباره "
                    "ثبت نمی‌شود. از این ورود هیچ دعوت، پیامک یا اعلانی فرستاده نمی‌شود."
                ),
            )
        )

    def register_daily_work(self):
        """Resolutions' reminders before the deadline and the overdue notice (tashil.notifications.registry)."""
        from tashil.notifications import registry

        from .reminders import notify_overdue_resolutions, remind_resolutions

        registry.daily_job("resolution_reminders", remind_resolutions)
        registry.daily_job("resolution_overdue", notify_overdue_resolutions)

    def register_documents(self):
        """Approved minutes carry a verification code (core.verification); their PDF is the meeting's."""
        from tashil.core import verification

        from .models import Meeting
        from .tasks import MINUTES_KIND

        def stored_minutes(seal):
            meeting = Meeting.objects.filter(pk=seal.object_id).first()
            return meeting.minutes_pdf if meeting is not None and meeting.minutes_pdf else None

        verification.register(MINUTES_KIND, _("صورتجلسه"), stored_file=stored_minutes)

    def add_to_inbox(self):
        """The agency inbox also lists the resolutions the agency must execute."""
        from tashil.core import scope
        from tashil.core.choices import Role
        from tashil.obstacles.views import InboxView

        from .models import Resolution

        def panel(view):
            agencies = [m.agency_id for m in scope.memberships(view.request.user) if m.role == Role.AGENCY_OFFICER]
            open_ones = scope.restrict(Resolution.objects.open().filter(agency_id__in=agencies), view.request.user)
            # Only what the panel shows: the three joined rows have eighty columns between them.
            shown = open_ones.select_related("meeting__series", "unit").only(
                "number",
                "text",
                "deadline",
                "status",
                "reported_at",
                "meeting__number",
                "meeting__series__title",
                "unit__name",
            )
            # The nearest deadlines above the inbox's own list, the rest one click away: the badge counts them all.
            return {
                "resolutions": shown.order_by("deadline", "pk")[:INBOX_PANEL_ROWS],
                "count": open_ones.order_by().count(),
                "all_url": f"{reverse('meetings:resolution_list')}?state=open",
            }

        InboxView.add_panel("meetings/includes/inbox_resolutions.html", panel)

    def add_unit_tab(self):
        """The unit page's meetings and resolutions tab."""
        from tashil.core import scope
        from tashil.core.views import Tab
        from tashil.units.views import IndustrialUnitView

        from .models import Resolution
        from .tables import ResolutionTable

        def context(view):
            resolutions = scope.restrict(
                view.object.resolutions.select_related("meeting__series", "agency"), view.request.user
            )
            return {"table": ResolutionTable(resolutions, user=view.request.user, orderable=False, exclude=("unit",))}

        IndustrialUnitView.add_tab(
            Tab("resolutions", _("مصوبات"), "generic/includes/tab_table.html"),
            context=context,
            count=lambda view: scope.restrict(view.object.resolutions.all(), view.request.user).count(),
            permission=lambda view: scope.can(view.request.user, Resolution, "view"),
        )
