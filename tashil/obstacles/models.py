"""Production obstacles: the taxonomy, obstacles and their timeline, referrals to agencies with working-day
deadlines, escalation, attachments, and systemic issues that bundle many obstacles into one rule to change.

The models keep the rules of state (``refuse_if_closed``, ``clean``, the allowed answers); each event of the
workflow (refer, answer, escalate, close...) is a function in ``services.py``, called by pages and API alike.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role, ScopeLevel
from tashil.core.concurrency import VersionedModel
from tashil.core.expressions import InRows
from tashil.core.files import RandomName
from tashil.core.jalali import today
from tashil.core.links import object_url
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import search_key
from tashil.core.validators import validate_percent
from tashil.geo.calendar import PlaceCalendars
from tashil.orgs.choices import AgencyType

from .choices import (
    CLOSED_STATUSES,
    OPEN_REFERRAL_STATUSES,
    OPEN_STATUSES,
    EventKind,
    FailureParty,
    ObstacleStatus,
    Outcome,
    Rating,
    ReferralStatus,
    ReviewState,
    Severity,
    Source,
    WBESCategory,
)

STAFF = {
    Role.ADMIN: ALL_ACTIONS,
    Role.SECRETARIAT: ALL_ACTIONS,
    Role.MANAGER: VIEW,
    Role.AGENCY_OFFICER: VIEW,
    Role.CLINIC_EXPERT: VIEW,
}
LEVEL_ORDER = (ScopeLevel.COUNTY, ScopeLevel.PROVINCE, ScopeLevel.NATION)


# ---------------------------------------------------------------- taxonomy


class ObstacleDomain(BaseModel):
    """A domain of obstacles (financial and banking; laws and agencies; infrastructure; market...)."""

    code = models.CharField(verbose_name=_("کد"), max_length=10, unique=True)
    name = models.CharField(verbose_name=_("نام"), max_length=150)
    order = models.PositiveSmallIntegerField(verbose_name=_("ترتیب"), default=0)
    description = models.TextField(verbose_name=_("توضیح"), blank=True)
    is_active = models.BooleanField(verbose_name=_("فعال"), default=True)

    role_actions = {**STAFF, Role.ADMIN: ALL_ACTIONS, Role.SECRETARIAT: VIEW, Role.UNIT_REP: VIEW}

    class Meta:
        verbose_name = _("حوزه موانع")
        verbose_name_plural = _("حوزه‌های موانع")
        ordering = ("order", "name")

    def __str__(self):
        return self.name


class ObstacleGroup(BaseModel):
    """A group of obstacles within a domain; retired groups keep their obstacles but take no new ones."""

    domain = models.ForeignKey(ObstacleDomain, verbose_name=_("حوزه"), related_name="groups", on_delete=models.PROTECT)
    code = models.CharField(verbose_name=_("کد"), max_length=10, unique=True)
    name = models.CharField(verbose_name=_("نام"), max_length=200)
    wbes_category = models.CharField(
        verbose_name=_("رده پیمایش بنگاه‌های بانک جهانی"), max_length=30, choices=WBESCategory.choices, blank=True
    )
    default_agency_type = models.CharField(
        verbose_name=_("نوع دستگاه مسئول"), max_length=30, choices=AgencyType.choices, default=AgencyType.SAMT
    )
    due_days = models.PositiveSmallIntegerField(
        verbose_name=_("مهلت پاسخ (روز کاری)"),
        null=True,
        blank=True,
        help_text=_("خالی یعنی مهلت پیش‌فرض (۱۰ روز کاری)."),
    )
    order = models.PositiveSmallIntegerField(verbose_name=_("ترتیب"), default=0)
    description = models.TextField(verbose_name=_("توضیح"), blank=True)
    is_active = models.BooleanField(
        verbose_name=_("فعال"), default=True, help_text=_("گروه بازنشسته موانع پیشین خود را نگه می‌دارد.")
    )

    role_actions = ObstacleDomain.role_actions

    class Meta:
        verbose_name = _("گروه موانع")
        verbose_name_plural = _("گروه‌های موانع")
        ordering = ("domain__order", "order", "name")

    def __str__(self):
        return self.name

    @property
    def effective_due_days(self):
        return self.due_days or settings.TASHIL_REFERRAL_DAYS


# ---------------------------------------------------------------- obstacles


class ObstacleQuerySet(ScopedQuerySet):
    def search(self, text):
        """By the obstacle's own words or its unit's (name, national ID, products).

        The unit's words are matched among units first (``InRows``), not through a join: on PostgreSQL both
        halves of the OR then read a trigram index instead of every obstacle and its unit."""
        from tashil.units.models import IndustrialUnit

        key = search_key(text)
        if not key:
            return self
        units = IndustrialUnit.objects.filter(search_text__contains=key).order_by().values("pk")
        return self.filter(Q(search_text__contains=key) | InRows("unit_id", units))

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def overdue(self):
        """Open obstacles with at least one open referral past its due date."""
        return self.filter(overdue_q())


class Obstacle(VersionedModel, BaseModel):
    """Something that keeps a unit from producing and that some agency can remove."""

    unit = models.ForeignKey(
        "units.IndustrialUnit", verbose_name=_("واحد"), related_name="obstacles", on_delete=models.PROTECT
    )
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="obstacles", on_delete=models.PROTECT, editable=False
    )
    group = models.ForeignKey(ObstacleGroup, verbose_name=_("گروه"), related_name="obstacles", on_delete=models.PROTECT)
    title = models.CharField(verbose_name=_("عنوان"), max_length=250)
    description = models.TextField(verbose_name=_("شرح"), blank=True)
    source = models.CharField(
        verbose_name=_("منبع"), max_length=20, choices=Source.choices, default=Source.UNIT_REQUEST
    )
    severity = models.PositiveSmallIntegerField(
        verbose_name=_("شدت"), choices=Severity.choices, default=Severity.MODERATE
    )
    jobs_at_risk = models.PositiveIntegerField(verbose_name=_("اشتغال در خطر (نفر)"), null=True, blank=True)
    amount = models.DecimalField(
        verbose_name=_("مبلغ درگیر (ریال)"), max_digits=22, decimal_places=0, null=True, blank=True
    )
    capacity_blocked = models.PositiveSmallIntegerField(
        verbose_name=_("ظرفیت متوقف‌شده (درصد)"), null=True, blank=True, validators=[validate_percent]
    )
    reported_date = models.DateField(verbose_name=_("تاریخ طرح"), default=today)
    status = models.CharField(
        verbose_name=_("وضعیت"),
        max_length=20,
        choices=ObstacleStatus.choices,
        default=ObstacleStatus.REGISTERED,
        editable=False,
    )
    escalation_level = models.CharField(
        verbose_name=_("سطح رسیدگی"),
        max_length=10,
        choices=ScopeLevel.choices,
        default=ScopeLevel.COUNTY,
        editable=False,
    )
    escalated_at = models.DateTimeField(verbose_name=_("زمان تشدید"), null=True, blank=True, editable=False)
    outcome = models.CharField(
        verbose_name=_("نتیجه"), max_length=20, choices=Outcome.choices, blank=True, editable=False
    )
    failure_party = models.CharField(
        verbose_name=_("مسئول ناکامی"), max_length=20, choices=FailureParty.choices, blank=True, editable=False
    )
    outcome_note = models.TextField(verbose_name=_("شرح نتیجه"), blank=True, editable=False)
    closed_date = models.DateField(verbose_name=_("تاریخ بستن"), null=True, blank=True, editable=False)
    systemic_issue = models.ForeignKey(
        "SystemicIssue",
        verbose_name=_("موضوع فراگیر"),
        related_name="obstacles",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        related_name="reported_obstacles",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("پیگیر"),
        related_name="followed_obstacles",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        help_text=_("کارشناس دبیرخانه که پیگیری این مانع با اوست."),
    )
    reopen_count = models.PositiveSmallIntegerField(
        verbose_name=_("دفعات بازگشایی به دست تولیدکننده"), default=0, editable=False
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = ObstacleQuerySet.as_manager()
    autocomplete = True
    scope_county_path = "county"
    scope_unit_path = "unit"
    # An officer sees the obstacles referred to their agency.
    scope_agency_path = "referrals__agency"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | {"refer", "close", "escalate", "comment", "attach", "follow"},
        Role.SECRETARIAT: ALL_ACTIONS | {"refer", "close", "escalate", "comment", "attach", "follow"},
        Role.MANAGER: frozenset({"view", "comment"}),
        Role.AGENCY_OFFICER: frozenset({"view", "comment", "attach"}),
        Role.CLINIC_EXPERT: frozenset({"view", "add", "comment", "attach"}),
        Role.UNIT_REP: frozenset({"view", "add", "comment", "attach"}),
    }

    class Meta:
        verbose_name = _("مانع تولید")
        verbose_name_plural = _("موانع تولید")
        ordering = ("-reported_date", "-pk")
        indexes = [
            models.Index(fields=["county", "status"], name="obstacle_county_status_idx"),
            models.Index(fields=["group", "status"], name="obstacle_group_status_idx"),
            models.Index(fields=["status", "escalation_level"], include=["id"], name="obstacle_status_level_idx"),
            models.Index(fields=["reported_date"], name="obstacle_reported_idx"),
            # A county's list, newest first (every county secretariat's daily page): without it PostgreSQL
            # walked the nation's obstacles by date to find the county's (80 ms at national size; 2 ms with).
            models.Index(fields=["county", "-reported_date", "-id"], name="obstacle_county_reported_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("obstacles:obstacle", self.pk)

    def autocomplete_label(self):
        return f"{self.title} — {self.unit}"

    def clean(self):
        errors = {}
        if self.group_id and not self.group.is_active and (self._state.adding or self._group_changed()):
            errors["group"] = _("گروه «%(group)s» بازنشسته شده است؛ گروه دیگری برگزینید.") % {"group": self.group}
        if self.reported_date and self.reported_date > today():
            errors["reported_date"] = _("تاریخ طرح مانع نمی‌تواند در آینده باشد.")
        if errors:
            raise ValidationError(errors)

    def _group_changed(self):
        return getattr(self, "_loaded_values", {}).get("group_id") not in (None, self.group_id)

    def derive(self, creating):
        """The fields an obstacle takes from its unit and text: every save, and the import's bulk write."""
        if self.unit_id:
            self.county_id = self.unit.county_id
        self.search_text = " ".join(search_key(p) for p in (self.title, self.description[:500]) if p)
        if creating and self.follower_id is None and self.unit_id:
            # The unit's follower in the secretariat follows its new obstacles too, until someone else is named.
            self.follower_id = self.unit.follower_id

    def created_event(self):
        """The timeline's first entry (unsaved): the same words for an obstacle registered or imported."""
        return ObstacleEvent(
            obstacle=self,
            kind=EventKind.CREATED,
            author=self.reported_by,
            text=_("مانع «%(title)s» از منبع «%(source)s» ثبت شد.")
            % {"title": self.title, "source": self.get_source_display()},
        )

    def save(self, *args, **kwargs):
        creating = self._state.adding
        self.derive(creating)
        super().save(*args, **kwargs)
        if creating:
            self.created_event().save()

    # -- state

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def locked_reason(self):
        """A closed obstacle is the record of how it ended (reports count it): not edited, not deleted."""
        if self.is_open:
            return None
        return _("این مانع «%(status)s» است و بسته و قفل شده؛ ویرایش یا حذف آن ممکن نیست.") % {
            "status": self.get_status_display()
        }

    def refuse_if_closed(self, action):
        if not self.is_open:
            raise ValidationError(
                _("این مانع «%(status)s» است و بسته شده؛ نمی‌توان آن را %(action)s.")
                % {"status": self.get_status_display(), "action": action}
            )


# ---------------------------------------------------------------- referrals


def overdue_q(day=None):
    """An obstacle is overdue when it is open and one of its open referrals is past its due date.

    The referral side is correlated on the obstacle's own row, so the obstacle's status is tested once
    there rather than by joining the obstacle again inside the subquery (which made PostgreSQL hash every
    open obstacle for each list page); both sides are then read from covering indexes."""
    return Q(status__in=OPEN_STATUSES) & Exists(Referral.objects.late(day).filter(obstacle=OuterRef("pk")))


def open_referral_q():
    """A referral still to be answered, on an obstacle still open: the inbox's "open" count and ordering."""
    return Q(status__in=OPEN_REFERRAL_STATUSES, obstacle__status__in=OPEN_STATUSES)


def unanswered_first():
    """0 for a referral still waiting for its agency's answer, 1 for an answered one: the referral list puts
    the first before the second (then by due date, the longest overdue at the top), so a secretariat opens
    it on what is still to be chased, not on last year's answers. The same expression is indexed
    (referral_open_first_idx), so the nation's first page is read from the index, not sorted."""
    return Case(When(status__in=OPEN_REFERRAL_STATUSES, then=Value(0)), default=Value(1))


def overdue_referral_q(day=None):
    """An open referral past its due date: what the inbox calls overdue."""
    return open_referral_q() & Q(due_date__lt=day or today())


# How promptly an agency answered, each as one filter: the scorecard counts by them and the referral list filters
# by them (?promptness=), so a figure and its list are the same rows.
SETTLED_REFERRAL_STATUSES = (ReferralStatus.DONE, ReferralStatus.REJECTED)


def settled_on_time_q():
    """Done or rejected by the due date (the due date already net of closures and of the producer's waits)."""
    return Q(status__in=SETTLED_REFERRAL_STATUSES, responded_at__date__lte=F("due_date"))


def settled_late_q():
    """Done or rejected after the due date, or escalated for want of an answer."""
    return Q(status__in=SETTLED_REFERRAL_STATUSES, responded_at__date__gt=F("due_date")) | Q(
        status=ReferralStatus.ESCALATED
    )


def first_response_on_time_q():
    """Accepted, answered or asked the producer for documents by the first-response target."""
    return Q(first_response_date__isnull=False, first_response_date__lte=F("first_response_due"))


def first_response_late_q(day=None):
    """First answered after the target, or not at all with the target passed."""
    return Q(first_response_date__gt=F("first_response_due")) | Q(
        first_response_date__isnull=True, first_response_due__lt=day or today()
    )


def waited_q():
    """Referrals whose agency asked the producer for documents (waiting now, or waited before)."""
    return ~Q(wait_request="")


class ReferralQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(open_referral_q())

    def late(self, day=None):
        """Unanswered and past the due date, whatever the obstacle's own state (overdue() adds that)."""
        return self.filter(status__in=OPEN_REFERRAL_STATUSES, due_date__lt=day or today())

    def overdue(self, day=None):
        return self.filter(overdue_referral_q(day))

    def unanswered_first(self):
        return self.order_by(unanswered_first(), "due_date", "pk")


class Referral(BaseModel):
    """An obstacle referred to an agency, with a due date in working days and the agency's answer."""

    obstacle = models.ForeignKey(Obstacle, verbose_name=_("مانع"), related_name="referrals", on_delete=models.CASCADE)
    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("دستگاه"), related_name="referrals", on_delete=models.PROTECT
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ارجاع‌دهنده"),
        related_name="referrals_made",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    referred_date = models.DateField(verbose_name=_("تاریخ ارجاع"), default=today)
    due_date = models.DateField(verbose_name=_("مهلت پاسخ"), db_index=True)
    note = models.CharField(verbose_name=_("توضیح ارجاع"), max_length=500, blank=True)
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    response = models.TextField(verbose_name=_("پاسخ دستگاه"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("پاسخ‌دهنده"),
        related_name="referral_responses",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    responded_at = models.DateTimeField(verbose_name=_("زمان آخرین پاسخ"), null=True, blank=True)
    first_response_date = models.DateField(verbose_name=_("تاریخ نخستین پاسخ"), null=True, blank=True)
    first_response_due = models.DateField(
        verbose_name=_("موعد نخستین پاسخ"),
        null=True,
        blank=True,
        help_text=_("تا این روز دستگاه باید ارجاع را بپذیرد یا مدارک بخواهد (جدا از مهلت انجام)."),
    )
    first_response_days = models.PositiveSmallIntegerField(
        verbose_name=_("روز کاری تا نخستین پاسخ"), null=True, blank=True
    )
    waiting_since = models.DateField(verbose_name=_("در انتظار تولیدکننده از"), null=True, blank=True)
    wait_request = models.TextField(verbose_name=_("مدارک یا اطلاعات خواسته‌شده"), blank=True)
    wait_reply = models.TextField(verbose_name=_("پاسخ تولیدکننده"), blank=True)
    wait_reminded = models.DateField(verbose_name=_("آخرین یادآوری به تولیدکننده"), null=True, blank=True)
    days_waited = models.PositiveSmallIntegerField(
        verbose_name=_("روزهای کاری انتظار"),
        default=0,
        help_text=_("روزهای کاری که ارجاع منتظر مدارک تولیدکننده ماند؛ به حساب دستگاه نمی‌آید و مهلت را جلو می‌برد."),
    )
    escalated_to = models.ForeignKey(
        "self",
        verbose_name=_("ارجاع تشدیدشده"),
        related_name="escalated_from",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    overdue_notified = models.BooleanField(verbose_name=_("اعلان تأخیر فرستاده شد"), default=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("مسئول در دستگاه"),
        related_name="assigned_referrals",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        help_text=_("کارشناس دستگاه که رسیدگی به این ارجاع با اوست."),
    )

    objects = ReferralQuerySet.as_manager()
    scope_county_path = "obstacle__county"
    scope_unit_path = "obstacle__unit"
    scope_agency_path = "agency"
    role_actions = {
        Role.ADMIN: VIEW | {"escalate"},
        Role.SECRETARIAT: VIEW | {"escalate"},
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: frozenset({"view", "respond", "request_documents", "assign"}),
        Role.CLINIC_EXPERT: VIEW,
        Role.UNIT_REP: frozenset({"view", "supply_documents"}),
    }

    class Meta:
        verbose_name = _("ارجاع")
        verbose_name_plural = _("ارجاع‌ها")
        ordering = ("due_date", "pk")
        indexes = [
            models.Index(fields=["agency", "status", "due_date"], name="referral_inbox_idx"),
            models.Index(fields=["status", "due_date"], include=["obstacle"], name="referral_status_due_idx"),
            models.Index(unanswered_first(), F("due_date"), F("id"), name="referral_open_first_idx"),
            models.Index(fields=["assignee", "status"], name="referral_assignee_idx"),
            # The scorecard's median working days to a first answer per agency, read from the index alone.
            models.Index(fields=["agency", "first_response_days"], name="referral_first_days_idx"),
        ]

    def __str__(self):
        return f"{self.obstacle} ← {self.agency}"

    def get_absolute_url(self):
        return object_url("obstacles:referral", self.pk)

    def get_changelog_parent(self):
        return self.obstacle

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a rule but a query plan: the declared rule's rows, for a county by place found from its obstacles.

        A county's referrals are found from its obstacles (obstacle_county_reported_idx, then the referrals'
        obstacle index), not through a join that PostgreSQL plans as a walk of the nation's referrals in
        due-date order keeping the county's: 0.4 s for a county's list at national size, 40 ms this way. A
        province holds a thirtieth of the nation, and that walk finds its first page at once: it keeps the join."""
        q = super().scope_filter(membership, action)
        by_place = membership.role not in (Role.AGENCY_OFFICER, Role.UNIT_REP)
        if q is not None and by_place and membership.level == ScopeLevel.COUNTY and membership.county_id:
            county_obstacles = Obstacle.objects.filter(county_id=membership.county_id).order_by().values("pk")
            return Q(InRows("obstacle_id", county_obstacles))
        return q

    @property
    def is_open(self):
        return self.status in OPEN_REFERRAL_STATUSES and self.obstacle.is_open

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < today()

    @property
    def is_waiting(self):
        """Paused: the agency asked the producer for documents and the producer has not answered yet."""
        return self.status == ReferralStatus.AWAITING_PRODUCER

    def calendar(self, calendars=None):
        """The work calendar of the referral's agency: the nation's with the closures of the agency's place."""
        calendars = calendars or PlaceCalendars()
        return calendars.of(self.agency.province_id, self.agency.county_id)

    @property
    def working_days_left(self):
        """Working days until the due date (negative when late), by the agency's calendar."""
        return self.working_days_left_by(self.calendar())

    def working_days_left_by(self, calendar):
        """``working_days_left`` by a calendar already loaded (a table of referrals loads each place's once).
        A paused referral counts from the day it began to wait: the days waited are not the agency's."""
        return calendar.working_days_between(self.waiting_since or today(), self.due_date)

    ALLOWED_RESPONSES = {
        ReferralStatus.PENDING: (
            ReferralStatus.ACCEPTED,
            ReferralStatus.IN_PROGRESS,
            ReferralStatus.DONE,
            ReferralStatus.REJECTED,
        ),
        ReferralStatus.ACCEPTED: (ReferralStatus.IN_PROGRESS, ReferralStatus.DONE, ReferralStatus.REJECTED),
        ReferralStatus.IN_PROGRESS: (ReferralStatus.IN_PROGRESS, ReferralStatus.DONE, ReferralStatus.REJECTED),
    }
    # Where the agency may ask the producer for documents (pausing the clock): before its work is settled.
    MAY_REQUEST_DOCUMENTS = OPEN_REFERRAL_STATUSES


# ---------------------------------------------------------------- the producer's word on «done»


class ProducerReview(BaseModel):
    """The unit's representative asked, after an agency answered «done», to confirm or reopen (with a reason) and
    to rate the outcome and the agency's conduct; silence until ``due_date`` counts as confirmed. One per «done»:
    a referral reopened and done again is asked again."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("ارجاع"), related_name="reviews", on_delete=models.CASCADE, editable=False
    )
    state = models.CharField(
        verbose_name=_("وضعیت"),
        max_length=20,
        choices=ReviewState.choices,
        default=ReviewState.PENDING,
        editable=False,
    )
    requested_date = models.DateField(verbose_name=_("تاریخ درخواست نظر"), default=today, editable=False)
    due_date = models.DateField(verbose_name=_("مهلت نظر"), editable=False)
    outcome_rating = models.PositiveSmallIntegerField(
        verbose_name=_("امتیاز نتیجه"), choices=Rating.choices, null=True, blank=True, editable=False
    )
    conduct_rating = models.PositiveSmallIntegerField(
        verbose_name=_("امتیاز رفتار دستگاه"), choices=Rating.choices, null=True, blank=True, editable=False
    )
    reason = models.TextField(verbose_name=_("دلیل بازگشایی یا توضیح"), blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("پاسخ‌دهنده"),
        related_name="producer_reviews",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    answered_date = models.DateField(verbose_name=_("تاریخ پاسخ"), null=True, blank=True, editable=False)

    scope_county_path = "referral__obstacle__county"
    scope_unit_path = "referral__obstacle__unit"
    scope_agency_path = "referral__agency"
    role_actions = {
        Role.ADMIN: VIEW,
        Role.SECRETARIAT: VIEW,
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: VIEW,
        Role.CLINIC_EXPERT: VIEW,
        Role.UNIT_REP: frozenset({"view", "review"}),
    }

    class Meta:
        verbose_name = _("نظر تولیدکننده")
        verbose_name_plural = _("نظرهای تولیدکنندگان")
        ordering = ("-requested_date", "-pk")
        indexes = [models.Index(fields=["state", "due_date"], name="review_state_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_rating__isnull=True) | Q(outcome_rating__gte=1, outcome_rating__lte=5),
                name="review_outcome_rating_range",
                violation_error_message=_("امتیاز نتیجه باید از ۱ تا ۵ باشد."),
            ),
            models.CheckConstraint(
                condition=Q(conduct_rating__isnull=True) | Q(conduct_rating__gte=1, conduct_rating__lte=5),
                name="review_conduct_rating_range",
                violation_error_message=_("امتیاز رفتار دستگاه باید از ۱ تا ۵ باشد."),
            ),
        ]

    def __str__(self):
        return _("نظر تولیدکننده درباره «%(referral)s»") % {"referral": self.referral}

    def get_absolute_url(self):
        return object_url("obstacles:producerreview", self.pk)

    def get_changelog_parent(self):
        return self.referral.obstacle

    @property
    def is_pending(self):
        return self.state == ReviewState.PENDING

    def locked_reason(self):
        """A settled review is what the scorecard counts: it is not edited or deleted."""
        if self.is_pending:
            return None
        return _("نظر تولیدکننده «%(state)s» است و دیگر تغییر نمی‌کند.") % {"state": self.get_state_display()}


# ---------------------------------------------------------------- timeline and files


# Its name is the one the first migration refers to.
attachment_path = RandomName("obstacles")


class Attachment(BaseModel):
    """A file on an obstacle (a letter, a photo, a bank statement), served only through a scope-checked view."""

    obstacle = models.ForeignKey(Obstacle, verbose_name=_("مانع"), related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(verbose_name=_("فایل"), upload_to=attachment_path)
    name = models.CharField(verbose_name=_("نام فایل"), max_length=255)
    size = models.PositiveIntegerField(verbose_name=_("اندازه (بایت)"))
    content_type = models.CharField(verbose_name=_("نوع"), max_length=100)
    internal = models.BooleanField(verbose_name=_("داخلی"), default=False, help_text=_("نماینده واحد آن را نمی‌بیند."))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بارگذاری‌کننده"),
        related_name="obstacle_attachments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    scope_county_path = "obstacle__county"
    scope_unit_path = "obstacle__unit"
    scope_agency_path = "obstacle__referrals__agency"
    role_actions = {**Obstacle.role_actions}
    internal_flag = "internal"

    class Meta:
        verbose_name = _("پیوست")
        verbose_name_plural = _("پیوست‌ها")
        ordering = ("-created",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("obstacles:attachment_download", self.pk)

    def get_changelog_parent(self):
        return self.obstacle


class ObstacleEvent(BaseModel):
    """One dated entry on an obstacle's timeline: a comment, referral, response, status change or file."""

    obstacle = models.ForeignKey(Obstacle, verbose_name=_("مانع"), related_name="events", on_delete=models.CASCADE)
    kind = models.CharField(verbose_name=_("نوع"), max_length=20, choices=EventKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("نویسنده"),
        related_name="obstacle_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    text = models.TextField(verbose_name=_("متن"))
    internal = models.BooleanField(verbose_name=_("داخلی"), default=False)
    referral = models.ForeignKey(
        Referral, verbose_name=_("ارجاع"), related_name="events", on_delete=models.SET_NULL, null=True, blank=True
    )
    attachment = models.ForeignKey(
        Attachment, verbose_name=_("پیوست"), related_name="events", on_delete=models.SET_NULL, null=True, blank=True
    )
    data = models.JSONField(verbose_name=_("داده"), default=dict, blank=True)

    changelog_enabled = False  # the timeline is itself the record
    scope_county_path = "obstacle__county"
    scope_unit_path = "obstacle__unit"
    scope_agency_path = "obstacle__referrals__agency"
    role_actions = {role: VIEW for role in Role}
    internal_flag = "internal"

    class Meta:
        verbose_name = _("رویداد مانع")
        verbose_name_plural = _("رویدادهای موانع")
        ordering = ("created", "pk")
        indexes = [models.Index(fields=["obstacle", "created"], name="obstacleevent_timeline_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return self.obstacle.get_absolute_url()

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path: an officer sees the entries of no referral or of their agency's, a condition on the row.

        An officer follows the obstacle referred to their agency, not another agency's referral: the entries tied
        to one (its referral, answer, escalation) are that agency's."""
        q = super().scope_filter(membership, action)
        if q is not None and membership.role == Role.AGENCY_OFFICER:
            q &= Q(referral__isnull=True) | Q(referral__agency_id=membership.agency_id)
        return q


# ---------------------------------------------------------------- systemic issues


class SystemicIssue(BaseModel):
    """Many obstacles with one cause that only a change of rule removes, raised to the province or the nation."""

    title = models.CharField(verbose_name=_("عنوان"), max_length=250)
    proposal = models.TextField(verbose_name=_("پیشنهاد (اصلاح لازم در قانون یا مقررات)"))
    group = models.ForeignKey(
        ObstacleGroup,
        verbose_name=_("گروه"),
        related_name="systemic_issues",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    level = models.CharField(
        verbose_name=_("سطح طرح"),
        max_length=10,
        choices=[(ScopeLevel.PROVINCE, ScopeLevel.PROVINCE.label), (ScopeLevel.NATION, ScopeLevel.NATION.label)],
        default=ScopeLevel.PROVINCE,
    )
    province = models.ForeignKey(
        "geo.Province", verbose_name=_("استان"), related_name="systemic_issues", on_delete=models.PROTECT
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان طرح‌کننده"),
        related_name="systemic_issues",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=20, choices=ObstacleStatus.choices, default=ObstacleStatus.REGISTERED
    )
    outcome_note = models.TextField(verbose_name=_("شرح نتیجه"), blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("طرح‌کننده"),
        related_name="systemic_issues",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    closed_date = models.DateField(verbose_name=_("تاریخ بستن"), null=True, blank=True)
    search_text = models.CharField(max_length=500, editable=False, blank=True)

    # An issue's place is its own level: a province's issue has no county.
    scope_place_paths = ("province", "county")
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | {"status"},
        Role.SECRETARIAT: ALL_ACTIONS | {"status"},
        Role.MANAGER: VIEW,
    }

    class Meta:
        verbose_name = _("موضوع فراگیر")
        verbose_name_plural = _("موضوعات فراگیر")
        ordering = ("-created",)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("obstacles:systemicissue", self.pk)

    def save(self, *args, **kwargs):
        if self.county_id:
            self.province_id = self.county.province_id
        self.search_text = search_key(self.title)
        super().save(*args, **kwargs)

    TRANSITIONS = {
        ObstacleStatus.REGISTERED: (ObstacleStatus.REFERRED, ObstacleStatus.IN_PROGRESS, *CLOSED_STATUSES),
        ObstacleStatus.REFERRED: (ObstacleStatus.IN_PROGRESS, *CLOSED_STATUSES),
        ObstacleStatus.IN_PROGRESS: CLOSED_STATUSES,
    }
