"""The industry clinic (کلینیک صنعت): centres and their experts diagnose semi-active and inactive units, plan
their revival with weighted action items, report weekly, and get the credit when a unit becomes active again."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Sum
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role, ScopeLevel
from tashil.core.fields import DigitsCharField
from tashil.core.jalali import format_jalali, today, week_bounds
from tashil.core.links import object_url
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import to_persian_digits
from tashil.core.validators import validate_percent

from .choices import (
    CASE_ORDER,
    CENTRE_LEVELS,
    CaseOutcome,
    CaseReason,
    CaseStatus,
    Dimension,
    HostType,
    Lever,
    Owner,
    VisitMode,
)

CLINIC_STAFF = {Role.ADMIN: ALL_ACTIONS, Role.SECRETARIAT: ALL_ACTIONS, Role.MANAGER: VIEW}


class Centre(BaseModel):
    """A clinic centre (کانون): a university, engineering organisation or firm that takes cases in a place."""

    name = models.CharField(verbose_name=_("نام کانون"), max_length=200)
    host_type = models.CharField(verbose_name=_("نوع میزبان"), max_length=20, choices=HostType.choices)
    host_name = models.CharField(verbose_name=_("نام میزبان"), max_length=200)
    level = models.CharField(
        verbose_name=_("محدوده"),
        max_length=10,
        choices=CENTRE_LEVELS,
        default=ScopeLevel.COUNTY,
    )
    province = models.ForeignKey(
        "geo.Province", verbose_name=_("استان"), related_name="clinic_centres", on_delete=models.PROTECT
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="clinic_centres",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    specialties = models.JSONField(verbose_name=_("تخصص‌ها"), default=list, blank=True)
    yearly_capacity = models.PositiveIntegerField(verbose_name=_("ظرفیت سالانه (پرونده)"), default=20)
    phone = DigitsCharField(verbose_name=_("تلفن"), max_length=40, blank=True)
    is_active = models.BooleanField(verbose_name=_("فعال"), default=True)

    # A centre's place is its own level (a province's centre has no county); a county also reaches its
    # province's centres, which serve it. A clinic expert sees their own centre.
    scope_place_paths = ("province", "county")
    scope_province_rows_for_counties = ALL_ACTIONS
    scope_centre_path = "pk"
    role_actions = {**CLINIC_STAFF, Role.CLINIC_EXPERT: VIEW}

    class Meta:
        verbose_name = _("کانون کلینیک صنعت")
        verbose_name_plural = _("کانون‌های کلینیک صنعت")
        ordering = ("province", "name")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("clinic:centre", self.pk)

    @property
    def specialty_labels(self):
        return [str(Dimension(code).label) for code in self.specialties if code in Dimension.values]

    def clean(self):
        if self.level == ScopeLevel.COUNTY and not self.county_id:
            raise ValidationError({"county": _("کانون شهرستانی شهرستان می‌خواهد.")})
        if self.county_id:
            self.province_id = self.county.province_id
        if self.level == ScopeLevel.PROVINCE:
            self.county = None
        unknown = [code for code in self.specialties if code not in Dimension.values]
        if unknown:
            raise ValidationError({"specialties": _("تخصص «%(code)s» شناخته نیست.") % {"code": unknown[0]}})

    def serves(self, county):
        return (
            self.county_id == county.pk if self.level == ScopeLevel.COUNTY else self.province_id == county.province_id
        )

    def capacity_used(self, year_start=None):
        """Cases opened this Jalali year, against the yearly capacity."""
        from tashil.core.jalali import jalali_today, year_bounds

        start, end = year_bounds(jalali_today().year) if year_start is None else (year_start, today())
        return self.cases.filter(opened_date__range=(start, end)).count()


class CentreExpert(BaseModel):
    """An expert on a centre's roster, with specialties; being on it gives the clinic-expert role for the centre."""

    centre = models.ForeignKey(Centre, verbose_name=_("کانون"), related_name="experts", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کارشناس"), related_name="clinic_rosters", on_delete=models.CASCADE
    )
    specialties = models.JSONField(verbose_name=_("تخصص‌ها"), default=list, blank=True)
    is_active = models.BooleanField(verbose_name=_("فعال"), default=True)

    role_actions = Centre.role_actions
    scope_parent = "centre"

    class Meta:
        verbose_name = _("کارشناس کانون")
        verbose_name_plural = _("کارشناسان کانون")
        ordering = ("centre", "user")
        constraints = [models.UniqueConstraint(fields=["centre", "user"], name="centre_expert_once")]

    def __str__(self):
        return f"{self.user} ({self.centre})"

    def get_absolute_url(self):
        return self.centre.get_absolute_url()

    def get_changelog_parent(self):
        return self.centre

    @property
    def specialty_labels(self):
        return [str(Dimension(code).label) for code in self.specialties if code in Dimension.values]

    @transaction.atomic
    def save(self, *args, **kwargs):
        """Keep the expert's clinic-expert membership for this centre in step with the roster."""
        from tashil.accounts.models import Membership

        super().save(*args, **kwargs)
        experts = Membership.objects.filter(user=self.user, role=Role.CLINIC_EXPERT)
        # A clinic-expert role given before the expert joined any centre becomes this centre's.
        membership = experts.filter(centre=self.centre).first() or experts.filter(centre__isnull=True).first()
        if membership is None:
            membership = Membership(user=self.user, role=Role.CLINIC_EXPERT)
        membership.centre = self.centre
        membership.level = self.centre.level
        membership.province_id = self.centre.province_id
        membership.county_id = self.centre.county_id
        membership.is_active = self.is_active
        membership.save()


# ---------------------------------------------------------------- cases


class ClinicCaseQuerySet(ScopedQuerySet):
    def open(self):
        return self.exclude(status=CaseStatus.CLOSED)

    def revived(self):
        """Cases credited with a unit's return to active (what the dashboards count as revived by the clinic)."""
        return self.filter(revival__isnull=False)

    def with_progress(self):
        """Annotate each case with its plan's weighted progress (0–100), in the database."""
        return self.annotate(
            weighted=Sum(F("action_items__weight") * F("action_items__progress")),
            weights=Sum("action_items__weight"),
        )

    def without_update_this_week(self, day=None):
        start, end = week_bounds(day)
        updated = WeeklyUpdate.objects.filter(date__range=(start, end)).values("case_id")
        return self.open().exclude(status=CaseStatus.INTAKE).exclude(pk__in=updated)


class ClinicCase(BaseModel):
    """A unit in the clinic's care, from intake to a closed outcome."""

    unit = models.ForeignKey(
        "units.IndustrialUnit", verbose_name=_("واحد"), related_name="clinic_cases", on_delete=models.PROTECT
    )
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="clinic_cases", on_delete=models.PROTECT, editable=False
    )
    centre = models.ForeignKey(Centre, verbose_name=_("کانون"), related_name="cases", on_delete=models.PROTECT)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("کارشناسان"), related_name="clinic_cases", blank=True
    )
    reason = models.CharField(verbose_name=_("دلیل پذیرش"), max_length=20, choices=CaseReason.choices)
    status = models.CharField(
        verbose_name=_("مرحله"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.INTAKE, editable=False
    )
    outcome = models.CharField(
        verbose_name=_("نتیجه"), max_length=20, choices=CaseOutcome.choices, blank=True, editable=False
    )
    opened_date = models.DateField(verbose_name=_("تاریخ پذیرش"), default=today)
    closed_date = models.DateField(verbose_name=_("تاریخ بستن"), null=True, blank=True, editable=False)
    summary = models.TextField(verbose_name=_("شرح وضعیت واحد"), blank=True)
    outcome_note = models.TextField(verbose_name=_("شرح نتیجه"), blank=True, editable=False)
    status_before_review = models.CharField(
        verbose_name=_("مرحله پیش از پیشنهاد نتیجه"),
        max_length=12,
        choices=CaseStatus.choices,
        blank=True,
        editable=False,
    )
    revival = models.OneToOneField(
        "units.UnitStatusChange",
        verbose_name=_("تغییر وضعیت احیا"),
        related_name="clinic_case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    objects = ClinicCaseQuerySet.as_manager()
    scope_county_path = "county"
    scope_unit_path = "unit"
    scope_centre_path = "centre"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | {"advance", "close", "confirm"},
        Role.SECRETARIAT: ALL_ACTIONS | {"advance", "close", "confirm"},
        Role.MANAGER: VIEW,
        Role.CLINIC_EXPERT: frozenset({"view", "add", "change", "advance", "close"}),
        Role.UNIT_REP: VIEW,
    }

    class Meta:
        verbose_name = _("پرونده کلینیک")
        verbose_name_plural = _("پرونده‌های کلینیک")
        ordering = ("-opened_date", "-pk")
        indexes = [
            models.Index(fields=["centre", "status"], name="case_centre_status_idx"),
            models.Index(fields=["county", "status"], name="case_county_status_idx"),
        ]

    def __str__(self):
        return _("پرونده %(n)s — %(unit)s") % {"n": to_persian_digits(self.pk or 0), "unit": self.unit}

    def get_absolute_url(self):
        return object_url("clinic:cliniccase", self.pk)

    def clean(self):
        if not self._state.adding and self.status == CaseStatus.CLOSED:
            raise ValidationError(_("پرونده بسته شده است و دیگر ویرایش نمی‌شود."))
        if self.unit_id and self.centre_id and not self.centre.serves(self.unit.county):
            raise ValidationError(
                {
                    "centre": _("کانون «%(c)s» به شهرستان %(county)s خدمت نمی‌دهد.")
                    % {"c": self.centre, "county": self.unit.county}
                }
            )
        if self.unit_id and self._state.adding and ClinicCase.objects.open().filter(unit_id=self.unit_id).exists():
            raise ValidationError({"unit": _("این واحد پرونده باز دیگری در کلینیک دارد.")})

    def save(self, *args, **kwargs):
        self.county_id = self.unit.county_id
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status != CaseStatus.CLOSED

    @property
    def progress(self):
        """The plan's weighted progress: Σ weight × progress / Σ weight (None without items)."""
        totals = self.action_items.aggregate(weighted=Sum(F("weight") * F("progress")), weights=Sum("weight"))
        if not totals["weights"]:
            return None
        return round(totals["weighted"] / totals["weights"], 1)

    @property
    def plan_progress(self):
        """The weighted progress, from the list query's annotation when there is one (see with_progress)."""
        if hasattr(self, "weights"):
            return round(self.weighted / self.weights, 1) if self.weights else None
        return self.progress

    @property
    def next_status(self):
        index = CASE_ORDER.index(self.status)
        return CASE_ORDER[index + 1] if index < CASE_ORDER.index(CaseStatus.EXECUTION) else None

    def refuse_while_awaiting(self):
        if self.status == CaseStatus.AWAITING:
            raise ValidationError(
                _("نتیجه «%(o)s» این پرونده در انتظار تأیید دبیرخانه است؛ تا تأیید یا برگشت آن، پرونده تغییر نمی‌کند.")
                % {"o": self.get_outcome_display()}
            )


# Whoever may change a case may add, change and remove its parts (an expert rewrites the plan they wrote).
CASE_PART_ACTIONS = {**ClinicCase.role_actions, Role.CLINIC_EXPERT: ALL_ACTIONS}


class CaseChild(BaseModel):
    """Part of a case: scope and history are the case's."""

    scope_county_path = "case__county"
    # Changing any part of a case is changing the case.
    scope_parent = "case"
    scope_parent_action = "change"
    role_actions = CASE_PART_ACTIONS

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.case.get_absolute_url()

    def get_changelog_parent(self):
        return self.case

    def clean(self):
        if self.case_id and not self.case.is_open:
            raise ValidationError(_("پرونده بسته شده است؛ اجزای آن دیگر تغییر نمی‌کنند."))


class Diagnosis(CaseChild):
    """The structured assessment (آسیب‌شناسی) of a case and the revival levers chosen."""

    case = models.OneToOneField(
        ClinicCase, verbose_name=_("پرونده"), related_name="diagnosis", on_delete=models.CASCADE
    )
    summary = models.TextField(verbose_name=_("جمع‌بندی آسیب‌شناسی"), blank=True)
    levers = models.JSONField(verbose_name=_("اهرم‌های احیا"), default=list, blank=True)
    diagnosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کارشناس"),
        related_name="diagnoses",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    date = models.DateField(verbose_name=_("تاریخ"), default=today)

    class Meta:
        verbose_name = _("آسیب‌شناسی")
        verbose_name_plural = _("آسیب‌شناسی‌ها")
        ordering = ("-date", "-pk")

    def __str__(self):
        return _("آسیب‌شناسی %(case)s") % {"case": self.case}

    @property
    def lever_labels(self):
        return [str(Lever(code).label) for code in self.levers if code in Lever.values]

    @property
    def average(self):
        scores = list(self.scores.values_list("score", flat=True))
        return round(sum(scores) / len(scores), 1) if scores else None

    def clean(self):
        super().clean()
        unknown = [code for code in self.levers if code not in Lever.values]
        if unknown:
            raise ValidationError({"levers": _("اهرم «%(code)s» شناخته نیست.") % {"code": unknown[0]}})


class DiagnosisScore(BaseModel):
    """One dimension of a diagnosis: a score from 1 (critical) to 5 (sound) and what was found."""

    diagnosis = models.ForeignKey(
        Diagnosis, verbose_name=_("آسیب‌شناسی"), related_name="scores", on_delete=models.CASCADE
    )
    dimension = models.CharField(verbose_name=_("بُعد"), max_length=20, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField(
        verbose_name=_("امتیاز (۱ تا ۵)"), choices=[(i, to_persian_digits(i)) for i in range(1, 6)]
    )
    findings = models.TextField(verbose_name=_("یافته‌ها"), blank=True)
    needs_agency = models.BooleanField(verbose_name=_("نیازمند اقدام دستگاه"), default=False)
    group = models.ForeignKey(
        "obstacles.ObstacleGroup",
        verbose_name=_("گروه مانع"),
        related_name="diagnosis_scores",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    obstacle = models.OneToOneField(
        "obstacles.Obstacle",
        verbose_name=_("مانع ثبت‌شده"),
        related_name="diagnosis_score",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    scope_county_path = "diagnosis__case__county"
    scope_parent = "diagnosis__case"
    scope_parent_action = "change"
    role_actions = CASE_PART_ACTIONS

    class Meta:
        verbose_name = _("امتیاز آسیب‌شناسی")
        verbose_name_plural = _("امتیازهای آسیب‌شناسی")
        ordering = ("diagnosis", "pk")
        constraints = [models.UniqueConstraint(fields=["diagnosis", "dimension"], name="diagnosis_dimension_once")]

    def __str__(self):
        return f"{self.get_dimension_display()}: {to_persian_digits(self.score)}"

    def get_absolute_url(self):
        return self.diagnosis.case.get_absolute_url()

    def get_changelog_parent(self):
        return self.diagnosis.case

    def clean(self):
        if self.needs_agency and not (self.findings or "").strip():
            raise ValidationError({"findings": _("یافته‌ای که اقدام دستگاه می‌خواهد باید شرح داشته باشد.")})


class ActionItem(CaseChild):
    """One action of the revival plan: who does it, by when, how much it weighs, how far it has come."""

    case = models.ForeignKey(
        ClinicCase, verbose_name=_("پرونده"), related_name="action_items", on_delete=models.CASCADE
    )
    title = models.CharField(verbose_name=_("اقدام"), max_length=250)
    owner = models.CharField(verbose_name=_("مسئول"), max_length=10, choices=Owner.choices, default=Owner.UNIT)
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("دستگاه"),
        related_name="clinic_actions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کارشناس"),
        related_name="clinic_actions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    deadline = models.DateField(verbose_name=_("مهلت"))
    weight = models.PositiveSmallIntegerField(
        verbose_name=_("وزن"), default=1, help_text=_("سهم این اقدام در پیشرفت برنامه (۱ تا ۱۰۰).")
    )
    progress = models.PositiveSmallIntegerField(verbose_name=_("درصد پیشرفت"), default=0, validators=[validate_percent])
    notes = models.TextField(verbose_name=_("توضیح"), blank=True)

    class Meta:
        verbose_name = _("اقدام برنامه احیا")
        verbose_name_plural = _("اقدامات برنامه احیا")
        ordering = ("case", "deadline", "pk")

    def __str__(self):
        return self.title

    @property
    def is_overdue(self):
        return self.progress < 100 and self.deadline < today() and self.case.is_open

    def clean(self):
        super().clean()
        errors = {}
        if self.owner == Owner.AGENCY and not self.agency_id:
            errors["agency"] = _("دستگاه مسئول را برگزینید.")
        if self.owner == Owner.EXPERT and not self.expert_id:
            errors["expert"] = _("کارشناس مسئول را برگزینید.")
        if not 1 <= (self.weight or 0) <= 100:
            errors["weight"] = _("وزن باید بین ۱ و ۱۰۰ باشد.")
        if errors:
            raise ValidationError(errors)


class WeeklyUpdate(CaseChild):
    """What happened in a case this week: what was done, what blocks it, what comes next."""

    case = models.ForeignKey(ClinicCase, verbose_name=_("پرونده"), related_name="updates", on_delete=models.CASCADE)
    date = models.DateField(verbose_name=_("تاریخ"), default=today)
    done = models.TextField(verbose_name=_("اقدامات انجام‌شده"))
    blockers = models.TextField(verbose_name=_("موانع"), blank=True)
    next_step = models.TextField(verbose_name=_("گام بعدی"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("نویسنده"),
        related_name="clinic_updates",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("گزارش هفتگی")
        verbose_name_plural = _("گزارش‌های هفتگی")
        ordering = ("-date", "-pk")
        indexes = [models.Index(fields=["case", "date"], name="update_case_date_idx")]

    def __str__(self):
        from tashil.core.jalali import format_jalali

        return _("گزارش %(date)s") % {"date": format_jalali(self.date)}

    def clean(self):
        super().clean()
        if self.date and self.date > today():
            raise ValidationError({"date": _("گزارش هفتگی برای روزهای آینده ثبت نمی‌شود.")})


class InspectionVisit(CaseChild):
    """A visit to the unit, on site or online (the online-inspection record)."""

    case = models.ForeignKey(ClinicCase, verbose_name=_("پرونده"), related_name="visits", on_delete=models.CASCADE)
    date = models.DateField(verbose_name=_("تاریخ"), default=today)
    mode = models.CharField(
        verbose_name=_("نوع بازدید"), max_length=10, choices=VisitMode.choices, default=VisitMode.ONLINE
    )
    duration_minutes = models.PositiveSmallIntegerField(verbose_name=_("مدت (دقیقه)"), null=True, blank=True)
    participants = models.CharField(verbose_name=_("حاضران"), max_length=300, blank=True)
    observations = models.TextField(verbose_name=_("مشاهدات"))
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کارشناس"),
        related_name="clinic_visits",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("بازدید پایش")
        verbose_name_plural = _("بازدیدهای پایش")
        ordering = ("-date", "-pk")

    def __str__(self):
        return f"{self.get_mode_display()} — {format_jalali(self.date)}"
