import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tashil.core.persian import format_number
from tashil.core.tables import JalaliDateColumn, NumberColumn, TashilTable
from tashil.geo.calendar import PlaceCalendars

from .choices import REFERRAL_COLOURS, REVIEW_COLOURS, STATUS_COLOURS
from .models import Obstacle, ObstacleDomain, ObstacleGroup, ProducerReview, Referral, SystemicIssue


class BadgeColumn(tables.Column):
    """A choice shown as a coloured badge; exports show the label."""

    def __init__(self, *args, colours=None, **kwargs):
        self.colours = colours or STATUS_COLOURS
        super().__init__(*args, **kwargs)

    def render(self, value, record, bound_column):
        raw = bound_column.accessor.resolve(record)
        return format_html('<span class="badge text-bg-{}">{}</span>', self.colours.get(raw, "secondary"), value)

    def value(self, value):
        return value


class ObstacleTable(TashilTable):
    title = tables.Column()
    unit = tables.Column(linkify=True)
    status = BadgeColumn()
    group = tables.Column(verbose_name=_("گروه"))
    reported_date = JalaliDateColumn()
    escalation_level = tables.Column()
    severity = tables.Column(attrs={"td": {"class": "text-nowrap"}})
    overdue = tables.BooleanColumn(
        verbose_name=_("گذشته از مهلت"), accessor="has_overdue", yesno=("⚠", ""), orderable=False
    )

    class Meta(TashilTable.Meta):
        model = Obstacle
        fields = (
            "title",
            "unit",
            "county",
            "group",
            "status",
            "severity",
            "overdue",
            "escalation_level",
            "reported_date",
            "jobs_at_risk",
            "amount",
            "source",
            "outcome",
            "failure_party",
        )
        row_attrs = {"class": lambda record: "table-warning" if getattr(record, "has_overdue", False) else ""}

    export_only = ("amount", "source", "outcome", "failure_party", "county")

    def render_title(self, value, record):
        """A reopened obstacle (the producer refused an agency's «done») says so beside its title."""
        link = format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)
        if not record.reopen_count:
            return link
        return format_html(
            '{} <span class="badge text-bg-danger" data-testid="reopened-badge" title="{}">{}</span>',
            link,
            _("تولیدکننده انجام کار دستگاه را نپذیرفت و مانع را بازگشایی کرد."),
            _("بازگشایی‌شده"),
        )

    def value_title(self, value, record):
        return value


class ReferralTable(TashilTable):
    obstacle = tables.Column(linkify=True, verbose_name=_("مانع"))
    unit = tables.Column(accessor="obstacle__unit", verbose_name=_("واحد"))
    agency = tables.Column()
    referred_date = JalaliDateColumn()
    due_date = JalaliDateColumn()
    status = BadgeColumn(colours=REFERRAL_COLOURS)
    assignee = tables.Column(verbose_name=_("مسئول"), default="—")
    lateness = tables.Column(verbose_name=_("موعد"), empty_values=(), orderable=False)
    # The answer button of an open referral: the cell is rendered from the row, its accessor is only the key.
    respond = tables.Column(accessor="pk", verbose_name="", orderable=False, exclude_from_export=True)

    class Meta(TashilTable.Meta):
        model = Referral
        fields = (
            "obstacle",
            "unit",
            "agency",
            "assignee",
            "referred_date",
            "due_date",
            "lateness",
            "status",
            "response",
        )
        row_attrs = {"class": lambda record: "table-warning" if record.is_overdue else ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from tashil.core import scope

        self.can_escalate = self.user is not None and scope.can(self.user, Referral, "escalate")

    @cached_property
    def calendars(self):
        """The work calendars of the agencies' places, each read once for the table: each row reading its own
        was a trip to the cache."""
        return PlaceCalendars()

    def render_lateness(self, record):
        if record.is_waiting:
            return _("متوقف: در انتظار تولیدکننده")
        if not record.is_open:
            return "—"
        days = record.working_days_left_by(record.calendar(self.calendars))
        if days < 0:
            return format_html(
                '<span class="text-danger fw-semibold">{}</span>',
                _("%(days)s روز کاری تأخیر") % {"days": format_number(-days)},
            )
        return _("%(days)s روز کاری مانده") % {"days": format_number(days)}

    def render_respond(self, record):
        """A checkbox to pick an overdue referral for escalation (for those who may), and its answer link."""
        pick = ""
        if self.can_escalate and record.is_overdue:
            pick = format_html(
                '<input type="checkbox" class="form-check-input" name="referral" value="{}" form="escalate-form"'
                ' aria-label="{}">',
                record.pk,
                _("انتخاب برای تشدید"),
            )
        return format_html(
            '<span class="d-inline-flex gap-1 align-items-center">{}<a class="btn btn-sm btn-link p-0" href="{}"'
            ' data-testid="open-referral-{}">{}</a></span>',
            pick,
            record.get_absolute_url(),
            record.pk,
            _("پاسخ") if record.is_open else _("مشاهده"),
        )

    def value_lateness(self, record):
        return record.working_days_left_by(record.calendar(self.calendars)) if record.is_open else ""


class ProducerReviewTable(TashilTable):
    review = tables.Column(accessor="pk", verbose_name=_("نظرخواهی"), linkify=lambda record: record.get_absolute_url())
    obstacle = tables.Column(accessor="referral__obstacle", verbose_name=_("مانع"))
    unit = tables.Column(accessor="referral__obstacle__unit", verbose_name=_("واحد"))
    agency = tables.Column(accessor="referral__agency", verbose_name=_("دستگاه"))
    state = BadgeColumn(colours=REVIEW_COLOURS)
    requested_date = JalaliDateColumn()
    due_date = JalaliDateColumn()
    answered_date = JalaliDateColumn()

    class Meta(TashilTable.Meta):
        model = ProducerReview
        fields = (
            "review",
            "obstacle",
            "unit",
            "agency",
            "state",
            "requested_date",
            "due_date",
            "answered_date",
            "outcome_rating",
            "conduct_rating",
            "reason",
        )
        row_attrs = {"class": lambda record: "table-warning" if record.is_pending else ""}

    def render_review(self, record):
        return _("پاسخ دهید") if record.is_pending else _("مشاهده")

    def value_review(self, record):
        return record.pk


class SystemicIssueTable(TashilTable):
    title = tables.Column(linkify=True)
    status = BadgeColumn()
    obstacle_count = NumberColumn(verbose_name=_("موانع"))

    class Meta(TashilTable.Meta):
        model = SystemicIssue
        fields = ("title", "group", "level", "province", "county", "status", "obstacle_count", "created")


class ObstacleDomainTable(TashilTable):
    name = tables.Column(linkify=True)
    group_count = NumberColumn(verbose_name=_("گروه‌ها"))

    class Meta(TashilTable.Meta):
        model = ObstacleDomain
        fields = ("code", "name", "order", "group_count", "is_active")


class ObstacleGroupTable(TashilTable):
    name = tables.Column(linkify=True)

    class Meta(TashilTable.Meta):
        model = ObstacleGroup
        fields = ("code", "name", "domain", "wbes_category", "default_agency_type", "due_days", "is_active")
