"""Meetings of the facilitation working group (and clinic committees, field visits, service desks), their
agendas, minutes and the binding resolutions that are followed up meeting after meeting until executed.

The models keep what must always hold (``clean``, ``locked_reason``, ``refuse_if_closed``); each event of a
meeting's or a resolution's life is a function in ``services.py``, which pages, the API and tasks call, so
they refuse the same things with the same Persian words.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role, Weekday
from tashil.core.concurrency import VersionedModel
from tashil.core.fields import DigitsCharField
from tashil.core.files import RandomName, validate_image
from tashil.core.jalali import WEEKDAYS, format_jalali, today
from tashil.core.links import object_url
from tashil.core.models import BaseModel, Holiday, ScopedQuerySet
from tashil.core.persian import search_key, to_persian_digits
from tashil.core.validators import normalize_mobile, validate_mobile
from tashil.core.workdays import WorkCalendar
from tashil.obstacles.choices import FailureParty

from .choices import (
    OPEN_RESOLUTION_STATUSES,
    AgendaStatus,
    AttendanceStatus,
    InvitationAnswer,
    MeetingKind,
    MeetingStatus,
    ResolutionStatus,
)

# ``open_obstacle``: open an obstacle from the minutes (an agenda item, a finding), also once they are approved.
MEETING_ACTIONS = {"hold", "approve", "amend", "carry", "cancel", "open_obstacle"}
# What approved minutes still take (``lock_follow_ups``; every other action is refused by their lock): an amendment
# (the only change of them), carrying their open items to the next meeting and opening an obstacle from them —
# their follow-up, which writes to the next meeting or a new obstacle and, of the minutes, only the item's
# «carried» status or its link to the obstacle (docs/architecture.md, "Approved minutes' follow-up").
MINUTES_FOLLOW_UPS = frozenset({"amend", "carry", "open_obstacle"})


class MeetingSeries(VersionedModel, BaseModel):
    """A recurring meeting of a county (e.g. the working group, every Wednesday at 9:00), numbered in order."""

    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="meeting_series", on_delete=models.PROTECT
    )
    kind = models.CharField(verbose_name=_("نوع"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(verbose_name=_("عنوان"), max_length=200)
    weekday = models.PositiveSmallIntegerField(
        verbose_name=_("روز برگزاری"), choices=Weekday.choices, default=Weekday.WEDNESDAY
    )
    start_time = models.TimeField(verbose_name=_("ساعت آغاز"), default=datetime.time(9, 0))
    end_time = models.TimeField(verbose_name=_("ساعت پایان"), null=True, blank=True)
    default_place = models.CharField(verbose_name=_("محل معمول"), max_length=250, blank=True)
    is_active = models.BooleanField(verbose_name=_("فعال"), default=True)
    quorum_needs_chair = models.BooleanField(
        verbose_name=_("حد نصاب: حضور رئیس جلسه لازم است"),
        default=True,
        help_text=_("رئیس جلسه در فهرست حاضران با «رئیس جلسه» مشخص می‌شود."),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        verbose_name=_("حد نصاب: بیش از این درصد دستگاه‌های عضو"),
        default=50,
        validators=[MaxValueValidator(99)],
        help_text=_("پیش‌فرض ۵۰: بیش از نیمی از دستگاه‌های دعوت‌شده باید حاضر باشند."),
    )

    scope_county_path = "county"
    role_actions = {Role.ADMIN: ALL_ACTIONS, Role.SECRETARIAT: ALL_ACTIONS, Role.MANAGER: VIEW}

    class Meta:
        verbose_name = _("سلسله جلسات")
        verbose_name_plural = _("سلسله جلسات")
        ordering = ("county", "kind")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "kind"],
                name="series_one_per_county_and_kind",
                violation_error_message=_("این شهرستان برای این نوع جلسه سلسله‌ای دارد."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("meetings:meetingseries", self.pk)

    def next_date(self, after=None):
        """The next scheduled day after ``after`` (today): the series' weekday, moved on past a holiday."""
        calendar = WorkCalendar.load()
        day = (after or today()) + datetime.timedelta(days=1)
        while day.weekday() != self.weekday:
            day += datetime.timedelta(days=1)
        while day in calendar.holidays:
            day += datetime.timedelta(days=1)
        return day

    def next_number(self):
        return (self.meetings.aggregate(top=Max("number"))["top"] or 0) + 1

    def proposal(self):
        """The next meeting as the schedule proposes it, unsaved."""
        last = self.meetings.exclude(status=MeetingStatus.CANCELLED).order_by("-date").first()
        after = max(today(), last.date) if last else today()
        return Meeting(
            series=self,
            date=self.next_date(after - datetime.timedelta(days=1) if not last else after),
            start_time=self.start_time,
            end_time=self.end_time,
            place=self.default_place,
        )


class MeetingQuerySet(ScopedQuerySet):
    def upcoming(self):
        return self.filter(status=MeetingStatus.PLANNED, date__gte=today()).order_by("date", "start_time")


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    """A meeting is named after its series ("کارگروه … — جلسه ۴۷"): the series comes with it, always."""

    def get_queryset(self):
        return super().get_queryset().select_related("series")


class Meeting(VersionedModel, BaseModel):
    """One session: planned, held, its minutes approved (then frozen), or cancelled."""

    series = models.ForeignKey(
        MeetingSeries, verbose_name=_("سلسله جلسات"), related_name="meetings", on_delete=models.PROTECT
    )
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="meetings", on_delete=models.PROTECT, editable=False
    )
    kind = models.CharField(verbose_name=_("نوع"), max_length=20, choices=MeetingKind.choices, editable=False)
    number = models.PositiveIntegerField(verbose_name=_("شماره جلسه"), editable=False)
    date = models.DateField(verbose_name=_("تاریخ"))
    start_time = models.TimeField(verbose_name=_("ساعت آغاز"), null=True, blank=True)
    end_time = models.TimeField(verbose_name=_("ساعت پایان"), null=True, blank=True)
    place = models.CharField(verbose_name=_("محل"), max_length=250, blank=True)
    site_unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("برگزاری در محل واحد"),
        related_name="hosted_meetings",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("برای جلسه‌ای که در کارخانه برگزار می‌شود (تور صنعتی)."),
    )
    chair_name = models.CharField(verbose_name=_("رئیس جلسه"), max_length=150, blank=True)
    chair_position = models.CharField(verbose_name=_("سمت رئیس جلسه"), max_length=150, blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("دبیر جلسه"),
        related_name="meetings_as_secretary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        verbose_name=_("وضعیت"),
        max_length=12,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        editable=False,
    )
    notes = models.TextField(verbose_name=_("خلاصه و یادداشت‌ها"), blank=True)
    cancel_reason = models.CharField(verbose_name=_("دلیل لغو"), max_length=300, blank=True, editable=False)
    approved_at = models.DateTimeField(verbose_name=_("زمان تأیید صورتجلسه"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("تأییدکننده"),
        related_name="approved_meetings",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    minutes_pdf = models.FileField(
        verbose_name=_("صورتجلسه"), upload_to=RandomName("minutes"), blank=True, editable=False
    )
    # The calendar invitation's SEQUENCE (RFC 5545): 0 for the first invitation, one more for each update
    # (a new day, hour or place) and for the cancellation, so calendars replace the earlier one.
    invitation_sequence = models.PositiveIntegerField(verbose_name=_("نسخه دعوتنامه تقویم"), default=0, editable=False)

    objects = MeetingManager()
    scope_county_path = "county"
    # An officer sees the meetings their agency is invited to or answers a resolution of.
    scope_agency_path = ("attendance__agency", "resolutions__agency")
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | MEETING_ACTIONS,
        Role.SECRETARIAT: ALL_ACTIONS | MEETING_ACTIONS,
        Role.MANAGER: VIEW | {"approve"},
        Role.AGENCY_OFFICER: VIEW,
        Role.CLINIC_EXPERT: VIEW,
    }
    lock_follow_ups = MINUTES_FOLLOW_UPS

    searchable = True
    search_fields = ("series__title", "place")

    class Meta:
        verbose_name = _("جلسه")
        verbose_name_plural = _("جلسات")
        ordering = ("-date", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                name="meeting_number_unique_in_series",
                violation_error_message=_("این شماره جلسه در این سلسله پیش‌تر به کار رفته است."),
            )
        ]
        indexes = [models.Index(fields=["county", "date"], name="meeting_county_date_idx")]

    def __str__(self):
        return _("%(series)s — جلسه %(number)s") % {"series": self.series, "number": to_persian_digits(self.number)}

    def get_absolute_url(self):
        return object_url("meetings:meeting", self.pk)

    @property
    def short_label(self):
        """«جلسه ۴۷ (۱۴۰۳/۰۷/۲۵)»: enough to tell meetings apart in a long table."""
        return _("جلسه %(number)s (%(date)s)") % {
            "number": to_persian_digits(self.number),
            "date": format_jalali(self.date),
        }

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path: a clinic expert sees one kind of meeting of their place, a condition on the row.

        The clinic committees of their place, not the meetings of their centre."""
        q = super().scope_filter(membership, action)
        if q is not None and membership.role == Role.CLINIC_EXPERT:
            q &= Q(kind=MeetingKind.CLINIC_COMMITTEE)
        return q

    def clean(self):
        if self.site_unit_id and self.series_id and self.site_unit.county_id != self.series.county_id:
            raise ValidationError({"site_unit": _("واحد میزبان در شهرستان این سلسله جلسات نیست.")})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("ساعت پایان باید پس از ساعت آغاز باشد.")})

    def derive(self):
        """The fields a meeting takes from its series and host: every save, and the import's bulk write."""
        self.county_id = self.series.county_id
        self.kind = self.series.kind
        if not self.place and self.site_unit_id:
            self.place = _("محل واحد %(unit)s") % {"unit": self.site_unit}

    def save(self, *args, **kwargs):
        dated = self.number is None or self.date != getattr(self, "_loaded_values", {}).get("date", self.date)
        if self.number is None:
            self.number = self.series.next_number()
        self.derive()
        super().save(*args, **kwargs)
        if dated and "update_fields" not in kwargs:
            from .services import number_by_date

            self.number = number_by_date(self.series).get(self.pk, self.number)

    @property
    def is_frozen(self):
        return self.status == MeetingStatus.APPROVED

    # Said wherever approved minutes refuse a change (form, page, API): the minutes are locked, not the user's role.
    FROZEN_MESSAGE = _("صورتجلسه این جلسه تأیید و قفل شده است؛ تغییر تنها با ثبت اصلاحیه ممکن است.")

    def locked_reason(self):
        """Approved minutes are changed only by an amendment: the meeting, and every part of its minutes."""
        return self.FROZEN_MESSAGE if self.is_frozen else None

    def next_meeting(self, create=True, user=None):
        """The series' next planned meeting after this one, proposed from the schedule if there is none."""
        following = (
            Meeting.objects.filter(series=self.series, status=MeetingStatus.PLANNED, date__gt=self.date)
            .order_by("date", "number")
            .first()
        )
        if following is None and create:
            following = self.series.proposal()
            following.date = self.series.next_date(max(self.date, today()))
            following.secretary = self.secretary
            following.save()
        return following

    def execution_summary(self):
        from .reports import execution_counts

        return execution_counts(self.resolutions.all())

    def quorum(self):
        """Whether the meeting has its quorum (the series' rule): from the invitees' answers before it is held,
        from the attendance confirmed by the secretariat once held."""
        from .quorum import quorum_of

        return quorum_of(self)


class MinutesAmendment(BaseModel):
    """A correction recorded after the minutes were approved (they are never edited in place)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("جلسه"), related_name="amendments", on_delete=models.CASCADE)
    text = models.TextField(verbose_name=_("متن اصلاحیه"))
    reason = models.CharField(verbose_name=_("دلیل"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ثبت‌کننده"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    scope_county_path = "meeting__county"
    role_actions = {Role.ADMIN: ALL_ACTIONS, Role.SECRETARIAT: ALL_ACTIONS, Role.MANAGER: VIEW}
    # Part of the approved record it corrects: written once by ``services.amend``, never edited or deleted.
    lock_parent = "meeting"
    lock_follow_ups = frozenset()

    class Meta:
        verbose_name = _("اصلاحیه صورتجلسه")
        verbose_name_plural = _("اصلاحیه‌های صورتجلسه")
        ordering = ("created",)

    def __str__(self):
        return self.reason

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def get_changelog_parent(self):
        return self.meeting


class MeetingChild(BaseModel):
    """Something that belongs to one meeting: its scope and its history are the meeting's."""

    scope_county_path = "meeting__county"
    scope_parent = "meeting"
    role_actions = Meeting.role_actions
    lock_parent = "meeting"
    lock_follow_ups = frozenset({"open_obstacle"})

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def get_changelog_parent(self):
        return self.meeting

    def clean(self):
        super().clean()
        if self.meeting_id:
            check_same_county(self.meeting, unit=getattr(self, "unit", None), obstacle=getattr(self, "obstacle", None))


def off_day_reason(day):
    """Why ``day`` is not a working day («جمعه، روز تعطیل هفته», «تعطیل رسمی (مناسبت)»), or "" when it is one."""
    if WorkCalendar.load().is_working_day(day):
        return ""
    holiday = Holiday.objects.filter(date=day).values_list("title", flat=True).first()
    if holiday:
        return _("تعطیل رسمی (%(title)s)") % {"title": holiday}
    return _("%(weekday)s، روز تعطیل هفته") % {"weekday": WEEKDAYS[day.weekday()]}


def check_meeting_day(day, confirmed, how):
    """A meeting on the weekend or an official holiday is usually a mistyped date: refused, the day named, unless
    the secretariat confirms it (``how`` says how: tick the page's check box, send the API's field). The page and
    the API both ask here; ``day`` is None when the date is not being set or changed (not asked about again)."""
    if day is None or confirmed:
        return
    reason = off_day_reason(day)
    if reason:
        raise ValidationError(
            {
                "date": _("%(date)s %(reason)s است؛ اگر جلسه واقعاً همین روز است، %(how)s.")
                % {"date": format_jalali(day), "reason": reason, "how": how}
            }
        )


def check_same_county(meeting, unit=None, obstacle=None, obstacles=()):
    """A meeting takes up only its own county's units and obstacles: whoever may see the meeting reads them
    on its agenda, resolutions and minutes, so a foreign one would show there while its own page answers 404
    (a province secretariat could otherwise link one)."""
    errors = {}
    if unit is not None and unit.county_id != meeting.county_id:
        errors["unit"] = _("واحد «%(unit)s» در شهرستان این جلسه (%(county)s) نیست.") % {
            "unit": unit.name,
            "county": meeting.county,
        }
    foreign = [
        o for o in ([obstacle] if obstacle is not None else []) + list(obstacles) if o.county_id != meeting.county_id
    ]
    if foreign:
        errors["obstacles" if obstacles else "obstacle"] = _(
            "مانع «%(obstacle)s» در شهرستان این جلسه (%(county)s) نیست؛ جلسه فقط موانع شهرستان خود را می‌پذیرد."
        ) % {"obstacle": foreign[0].title, "county": meeting.county}
    if errors:
        raise ValidationError(errors)


class Attendance(MeetingChild):
    """An invited or attending agency or person: present, absent or represented by someone."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("جلسه"), related_name="attendance", on_delete=models.CASCADE)
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("دستگاه"),
        related_name="attendance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد"),
        related_name="meeting_invitations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("دعوت از نماینده واحد: دعوتنامه به نمایندگان ثبت‌شده واحد هم می‌رود."),
    )
    person_name = models.CharField(verbose_name=_("نام شرکت‌کننده"), max_length=150, blank=True)
    position = models.CharField(verbose_name=_("سمت"), max_length=150, blank=True)
    is_chair = models.BooleanField(verbose_name=_("رئیس جلسه"), default=False)
    email = models.EmailField(verbose_name=_("رایانامه دعوت"), blank=True)
    mobile = DigitsCharField(verbose_name=_("تلفن همراه دعوت"), max_length=20, blank=True)
    status = models.CharField(
        verbose_name=_("حضور"), max_length=12, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )
    represented_by = models.CharField(verbose_name=_("نماینده"), max_length=150, blank=True)
    invited_at = models.DateTimeField(verbose_name=_("زمان ارسال دعوت"), null=True, blank=True, editable=False)
    # The calendar SEQUENCE last e-mailed to this invitee: a task run twice sends nothing the second time.
    mailed_sequence = models.IntegerField(verbose_name=_("آخرین نسخه ارسال‌شده"), null=True, blank=True, editable=False)
    answer = models.CharField(
        verbose_name=_("پاسخ دعوت"), max_length=10, choices=InvitationAnswer.choices, blank=True, editable=False
    )
    answer_name = models.CharField(
        verbose_name=_("نام پاسخ‌دهنده یا نماینده"), max_length=150, blank=True, editable=False
    )
    answer_position = models.CharField(verbose_name=_("سمت نماینده"), max_length=150, blank=True, editable=False)
    answered_at = models.DateTimeField(verbose_name=_("زمان پاسخ"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("حضور و غیاب")
        verbose_name_plural = _("حضور و غیاب")
        ordering = ("meeting", "pk")

    def __str__(self):
        return self.person_name or str(self.agency or self.unit or "")

    @property
    def invitee(self):
        """Who is invited, as the invitation names them: the agency, the unit or the person."""
        return str(self.agency or self.unit or self.person_name)

    def agency_serves_meeting(self):
        """The meeting's county's own agencies, its province's and national ones: those a working group invites."""
        from tashil.orgs.models import Agency

        return Agency.objects.serving(self.meeting.county).filter(pk=self.agency_id).exists()

    def clean(self):
        super().clean()
        if not self.agency_id and not self.unit_id and not self.person_name:
            raise ValidationError(_("دستگاه، واحد یا نام شرکت‌کننده را بنویسید."))
        if self.mobile:
            try:
                validate_mobile(self.mobile)
            except ValidationError as error:
                raise ValidationError({"mobile": error.messages}) from error
            self.mobile = normalize_mobile(self.mobile)
        if self.agency_id and self.meeting_id and not self.agency_serves_meeting():
            raise ValidationError(
                {
                    "agency": _(
                        "«%(agency)s» دستگاه شهرستان %(county)s، استان آن یا ملی نیست و به این جلسه دعوت نمی‌شود."
                    )
                    % {"agency": self.agency, "county": self.meeting.county}
                }
            )
        if self.status == AttendanceStatus.REPRESENTED and not self.represented_by:
            raise ValidationError({"represented_by": _("نام نماینده را بنویسید.")})


class AgendaItem(MeetingChild):
    """An agenda item about a unit and its obstacles; unfinished items carry to the next meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("جلسه"), related_name="agenda_items", on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(verbose_name=_("ردیف"), default=0)
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد"),
        related_name="agenda_items",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    obstacles = models.ManyToManyField(
        "obstacles.Obstacle", verbose_name=_("موانع"), related_name="agenda_items", blank=True
    )
    title = models.CharField(verbose_name=_("موضوع"), max_length=300)
    discussion = models.TextField(verbose_name=_("شرح مذاکرات"), blank=True)
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=10, choices=AgendaStatus.choices, default=AgendaStatus.OPEN
    )
    carried_from = models.ForeignKey(
        "self", verbose_name=_("منتقل از"), related_name="carried_to", on_delete=models.SET_NULL, null=True, blank=True
    )
    objected_resolution = models.ForeignKey(
        "Resolution",
        verbose_name=_("مصوبه مورد اعتراض"),
        related_name="objection_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("دستور کار")
        verbose_name_plural = _("دستور کار")
        ordering = ("meeting", "order", "pk")

    def __str__(self):
        return self.title

    def history(self):
        """The earlier meetings this item was carried from, oldest first."""
        chain, item = [], self.carried_from
        while item is not None and len(chain) < 50:
            chain.append(item)
            item = item.carried_from
        return list(reversed(chain))


class VisitFinding(MeetingChild):
    """What a field visit found at a unit; a finding that needs an agency becomes an obstacle in one step."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("بازدید"), related_name="findings", on_delete=models.CASCADE)
    unit = models.ForeignKey(
        "units.IndustrialUnit", verbose_name=_("واحد"), related_name="visit_findings", on_delete=models.PROTECT
    )
    finding = models.TextField(verbose_name=_("یافته"))
    group = models.ForeignKey(
        "obstacles.ObstacleGroup",
        verbose_name=_("گروه مانع"),
        related_name="visit_findings",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    photo = models.ImageField(
        verbose_name=_("عکس"), upload_to=RandomName("visits"), blank=True, validators=[validate_image]
    )
    obstacle = models.OneToOneField(
        "obstacles.Obstacle",
        verbose_name=_("مانع ثبت‌شده"),
        related_name="visit_finding",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("یافته بازدید")
        verbose_name_plural = _("یافته‌های بازدید")
        ordering = ("meeting", "pk")

    def __str__(self):
        return f"{self.unit}: {self.finding[:60]}"


class DeskRequest(MeetingChild):
    """A short request a unit brings to a service desk; it becomes an obstacle referred to that desk's agency."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("میز خدمت"), related_name="desk_requests", on_delete=models.CASCADE
    )
    unit = models.ForeignKey(
        "units.IndustrialUnit", verbose_name=_("واحد"), related_name="desk_requests", on_delete=models.PROTECT
    )
    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("میز دستگاه"), related_name="desk_requests", on_delete=models.PROTECT
    )
    group = models.ForeignKey(
        "obstacles.ObstacleGroup", verbose_name=_("گروه"), related_name="desk_requests", on_delete=models.PROTECT
    )
    request = models.TextField(verbose_name=_("درخواست"))
    obstacle = models.OneToOneField(
        "obstacles.Obstacle",
        verbose_name=_("مانع"),
        related_name="desk_request",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("درخواست میز خدمت")
        verbose_name_plural = _("درخواست‌های میز خدمت")
        ordering = ("meeting", "pk")

    def __str__(self):
        return f"{self.unit}: {self.request[:60]}"


# ---------------------------------------------------------------- resolutions


class ResolutionQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(open_resolution_q())

    def overdue(self, day=None):
        return self.filter(overdue_resolution_q(day))


def open_resolution_q():
    """A resolution still being followed up."""
    return models.Q(status__in=OPEN_RESOLUTION_STATUSES)


def overdue_resolution_q(day=None):
    """A resolution still being followed up past its deadline."""
    return open_resolution_q() & models.Q(deadline__lt=day or today())


def open_first():
    """0 for a resolution still being followed up, 1 for a closed one: the follow-up board sorts by it."""
    return models.Case(
        models.When(status__in=[str(s) for s in OPEN_RESOLUTION_STATUSES], then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )


class Resolution(VersionedModel, BaseModel):
    """A binding decision of a meeting: who must act (an agency, or the producer itself), by when."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("جلسه"), related_name="resolutions", on_delete=models.PROTECT)
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="resolutions", on_delete=models.PROTECT, editable=False
    )
    number = models.PositiveSmallIntegerField(verbose_name=_("شماره مصوبه"), editable=False)
    text = models.TextField(verbose_name=_("متن مصوبه"))
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد"),
        related_name="resolutions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    obstacle = models.ForeignKey(
        "obstacles.Obstacle",
        verbose_name=_("مانع"),
        related_name="resolutions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("دستگاه مسئول"),
        related_name="resolutions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    producer_must_act = models.BooleanField(
        verbose_name=_("تعهد تولیدکننده"), default=False, help_text=_("واحد خود باید اقدامی انجام دهد.")
    )
    deadline = models.DateField(verbose_name=_("مهلت اجرا"), db_index=True)
    status = models.CharField(
        verbose_name=_("وضعیت"),
        max_length=15,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.PENDING,
        editable=False,
    )
    objection_deadline = models.DateField(verbose_name=_("پایان مهلت اعتراض"), null=True, blank=True, editable=False)
    objection = models.TextField(verbose_name=_("متن اعتراض"), blank=True, editable=False)
    objected_at = models.DateTimeField(verbose_name=_("زمان اعتراض"), null=True, blank=True, editable=False)
    progress_note = models.TextField(verbose_name=_("گزارش پیشرفت"), blank=True, editable=False)
    evidence = models.TextField(verbose_name=_("مستندات اجرا"), blank=True, editable=False)
    evidence_file = models.FileField(
        verbose_name=_("پیوست مستندات"), upload_to=RandomName("resolutions"), blank=True, editable=False
    )
    evidence_name = models.CharField(verbose_name=_("نام فایل مستندات"), max_length=255, blank=True, editable=False)
    reported_at = models.DateTimeField(verbose_name=_("زمان گزارش اجرا"), null=True, blank=True, editable=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("گزارش‌دهنده"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    verified_at = models.DateTimeField(verbose_name=_("زمان تأیید اجرا"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("تأییدکننده"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    failure_party = models.CharField(
        verbose_name=_("مسئول اجرانشدن"),
        max_length=20,
        choices=FailureParty.choices,
        blank=True,
        editable=False,
    )
    outcome_note = models.TextField(verbose_name=_("شرح نتیجه"), blank=True, editable=False)
    closed_date = models.DateField(verbose_name=_("تاریخ بستن"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    objects = ResolutionQuerySet.as_manager()
    scope_county_path = "county"
    scope_unit_path = "unit"
    scope_agency_path = "agency"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | {"verify", "close"},
        Role.SECRETARIAT: ALL_ACTIONS | {"verify", "close"},
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: frozenset({"view", "report", "object"}),
        Role.UNIT_REP: VIEW,
    }
    lock_parent = "meeting"

    class Meta:
        verbose_name = _("مصوبه")
        verbose_name_plural = _("مصوبات")
        ordering = ("-meeting__date", "number")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="resolution_number_unique_in_meeting")
        ]
        indexes = [
            models.Index(fields=["county", "status"], name="resolution_county_status_idx"),
            models.Index(fields=["agency", "status", "deadline"], name="resolution_agency_idx"),
            # Counting the open ones by status, agency and county (the board's summary and breakdowns) reads
            # this index alone, not tens of thousands of rows (PostgreSQL; SQLite ignores ``include``).
            models.Index(
                fields=["status", "deadline"], include=["id", "agency", "county"], name="resolution_status_idx"
            ),
            # The follow-up board's order (open ones first, then by deadline), so a page of it is read from
            # the index instead of sorting every resolution in the country.
            models.Index(open_first(), "deadline", "id", name="resolution_followup_idx"),
        ]

    def __str__(self):
        return _("مصوبه %(n)s %(meeting)s") % {"n": to_persian_digits(self.number), "meeting": self.meeting}

    def get_absolute_url(self):
        return object_url("meetings:resolution", self.pk)

    def clean(self):
        errors = {}
        if not self.agency_id and not self.producer_must_act:
            errors["agency"] = _("دستگاه مسئول را برگزینید یا تعهد را بر عهده تولیدکننده بگذارید.")
        if self.producer_must_act and not self.unit_id:
            errors["unit"] = _("تعهد تولیدکننده واحدی را می‌خواهد.")
        if self.obstacle_id and self.unit_id and self.obstacle.unit_id != self.unit_id:
            errors["obstacle"] = _("این مانع از آنِ واحد دیگری است.")
        if self.meeting_id:
            try:
                check_same_county(self.meeting, unit=self.unit, obstacle=self.obstacle)
            except ValidationError as error:
                errors.update({key: value for key, value in error.message_dict.items() if key not in errors})
        if self.deadline and self.meeting_id and self.deadline < self.meeting.date:
            errors["deadline"] = _("مهلت اجرا نمی‌تواند پیش از تاریخ جلسه باشد.")
        if errors:
            raise ValidationError(errors)

    def derive(self):
        """The fields a resolution takes from its meeting, obstacle and text: every save, and the import's bulk write."""
        self.county_id = self.meeting.county_id
        if self.obstacle_id and not self.unit_id:
            self.unit_id = self.obstacle.unit_id
        self.search_text = search_key(self.text[:500])

    def save(self, *args, **kwargs):
        if self.number is None:
            self.number = (self.meeting.resolutions.aggregate(top=Max("number"))["top"] or 0) + 1
        self.derive()
        super().save(*args, **kwargs)

    # -- state

    @property
    def is_open(self):
        return self.status in OPEN_RESOLUTION_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.deadline < today()

    @property
    def awaiting_verification(self):
        return self.is_open and self.reported_at is not None

    @property
    def objection_open(self):
        """Whether the responsible agency may still object (within the window after approval)."""
        return (
            self.status in (ResolutionStatus.PENDING, ResolutionStatus.IN_PROGRESS)
            and self.objection_deadline is not None
            and today() <= self.objection_deadline
        )

    def refuse_if_closed(self):
        if not self.is_open:
            raise ValidationError(_("این مصوبه «%(s)s» است و بسته شده.") % {"s": self.get_status_display()})

    def locked_reason(self):
        """Its text is part of approved minutes; a verified execution is evidence."""
        if self.meeting.is_frozen:
            return Meeting.FROZEN_MESSAGE
        if self.verified_at is not None:
            return _("اجرای این مصوبه تأیید شده و مصوبه قفل است؛ ویرایش یا حذف آن ممکن نیست.")
        return None

    @property
    def lock_follow_ups(self):
        """Approved minutes' resolution is still followed up (reported, objected to, verified, closed): that is
        what the minutes ask; a verified one takes nothing more."""
        return frozenset() if self.verified_at is not None else frozenset({"report", "object", "verify", "close"})
