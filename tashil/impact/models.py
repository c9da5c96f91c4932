"""What the headquarters' work saved (اثر اقدامات): jobs preserved or restored, rials unlocked, capacity restored,
recorded by the secretariat on a resolved obstacle, a verified resolution or a unit revived by the clinic.

The figures governors quote («اشتغال حفظ‌شده، منابع آزادشده») are sums of these records per county, province,
agency and obstacle group (reports/figures.py), beside what is still at stake on the open obstacles. Recording
and editing one is the event ``services.record_impact`` / ``services.update_impact``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role
from tashil.core.files import RandomName
from tashil.core.jalali import today
from tashil.core.links import object_url
from tashil.core.models import BaseModel
from tashil.core.persian import format_number, search_key, to_persian_digits
from tashil.core.validators import validate_percent
from tashil.meetings.choices import ResolutionStatus
from tashil.obstacles.choices import ObstacleStatus
from tashil.units.models import IndustrialUnit

from .choices import RIAL_KINDS, SourceKind

SOURCES = ("obstacle", "resolution", "clinic_case")


class ImpactRecord(BaseModel):
    """The impact of one resolved obstacle, verified resolution or revived unit, with its evidence.

    One record per source; the unit, county, agency credited and obstacle group follow from the source when
    it is saved, so every sum per level reads the record's own columns."""

    obstacle = models.OneToOneField(
        "obstacles.Obstacle",
        verbose_name=_("مانع"),
        related_name="impact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    resolution = models.OneToOneField(
        "meetings.Resolution",
        verbose_name=_("مصوبه"),
        related_name="impact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    clinic_case = models.OneToOneField(
        "clinic.ClinicCase",
        verbose_name=_("پرونده کلینیک"),
        related_name="impact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        editable=False,
    )
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="impact_records", on_delete=models.PROTECT, editable=False
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("دستگاه اعتبارگیرنده"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
    )
    group = models.ForeignKey(
        "obstacles.ObstacleGroup",
        verbose_name=_("گروه مانع"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
    )
    date = models.DateField(verbose_name=_("تاریخ ثبت اثر"), default=today)
    jobs_preserved = models.PositiveIntegerField(verbose_name=_("اشتغال حفظ‌شده (نفر)"), default=0, blank=True)
    jobs_restored = models.PositiveIntegerField(verbose_name=_("اشتغال بازگشته (نفر)"), default=0, blank=True)
    loans_rials = models.PositiveBigIntegerField(verbose_name=RIAL_KINDS[0][1], default=0, blank=True)
    debts_rials = models.PositiveBigIntegerField(verbose_name=RIAL_KINDS[1][1], default=0, blank=True)
    fines_rials = models.PositiveBigIntegerField(verbose_name=RIAL_KINDS[2][1], default=0, blank=True)
    capacity_restored = models.PositiveSmallIntegerField(
        verbose_name=_("ظرفیت بازگشته (درصد)"), null=True, blank=True, validators=[validate_percent]
    )
    evidence = models.TextField(
        verbose_name=_("مستندات"),
        blank=True,
        help_text=_("شرح مستند اثر: شماره نامه بانک، صورت‌حساب تسویه، فهرست بیمه کارکنان و مانند آن."),
    )
    evidence_file = models.FileField(
        verbose_name=_("فایل مستندات"), upload_to=RandomName("impact-evidence"), blank=True
    )
    evidence_name = models.CharField(verbose_name=_("نام فایل مستندات"), max_length=255, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        related_name="impact_records",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(editable=False, blank=True)

    scope_county_path = "county"
    # An agency's officer reads the impact credited to the agency.
    scope_agency_path = "agency"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: ALL_ACTIONS,
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: VIEW,
    }

    class Meta:
        verbose_name = _("اثر اقدام")
        verbose_name_plural = _("اثر اقدامات")
        ordering = ("-date", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(obstacle__isnull=False, resolution__isnull=True, clinic_case__isnull=True)
                    | Q(obstacle__isnull=True, resolution__isnull=False, clinic_case__isnull=True)
                    | Q(obstacle__isnull=True, resolution__isnull=True, clinic_case__isnull=False)
                ),
                name="impact_one_source",
                violation_error_message=_("اثر باید دقیقاً به یک مانع، یک مصوبه یا یک پرونده کلینیک پیوسته باشد."),
            ),
            models.CheckConstraint(
                condition=Q(capacity_restored__isnull=True) | Q(capacity_restored__lte=100),
                name="impact_capacity_percent",
                violation_error_message=_("ظرفیت بازگشته باید بین ۰ و ۱۰۰ درصد باشد."),
            ),
        ]
        indexes = [
            models.Index(fields=["county", "date"], name="impact_county_date_idx"),
            models.Index(fields=["agency", "date"], name="impact_agency_date_idx"),
        ]

    def __str__(self):
        return _("اثر %(source)s") % {"source": self.source() or "—"}

    def get_absolute_url(self):
        return object_url("impact:impactrecord", self.pk)

    # -- the source

    def source(self):
        return self.obstacle or self.resolution or self.clinic_case

    @property
    def source_kind(self):
        for name in SOURCES:
            if getattr(self, f"{name}_id"):
                return SourceKind(name)
        return None

    def get_source_kind_display(self):
        kind = self.source_kind
        return kind.label if kind else ""

    # -- the figures

    @property
    def jobs(self):
        return (self.jobs_preserved or 0) + (self.jobs_restored or 0)

    @property
    def rials(self):
        return sum(getattr(self, name) or 0 for name, _label in RIAL_KINDS)

    # -- rules

    def clean(self):
        errors = {}
        sources = [name for name in SOURCES if getattr(self, f"{name}_id")]
        if len(sources) != 1:
            raise ValidationError(_("اثر باید دقیقاً به یک مانع، یک مصوبه یا یک پرونده کلینیک پیوسته باشد."))
        name = sources[0]
        problem = self.source_problem()
        if problem:
            errors[name] = problem
        if not (self.jobs or self.rials or self.capacity_restored):
            errors["jobs_preserved"] = _(
                "اثری ثبت نشده است: دست‌کم یکی از اشتغال، مبلغ ریالی یا ظرفیت بازگشته را بنویسید."
            )
        if not (self.evidence or "").strip() and not self.evidence_file:
            errors["evidence"] = _("مستندات اثر را بنویسید یا فایل آن را پیوست کنید.")
        if self.date and self.date > today():
            errors["date"] = _("تاریخ ثبت اثر نمی‌تواند در آینده باشد.")
        if errors:
            raise ValidationError(errors)

    def source_problem(self):
        """Why the source cannot be credited yet (in Persian), or None."""
        if self.obstacle_id:
            obstacle = self.obstacle
            if obstacle.status != ObstacleStatus.RESOLVED:
                return _("مانع «%(obstacle)s» هنوز رفع نشده است (%(status)s)؛ اثر پس از رفع مانع ثبت می‌شود.") % {
                    "obstacle": obstacle,
                    "status": obstacle.get_status_display(),
                }
            credited = ImpactRecord.objects.filter(resolution__obstacle=obstacle).exclude(pk=self.pk).first()
            if credited:
                return _("اثر این مانع پیش‌تر با «%(record)s» ثبت شده است.") % {"record": credited}
        if self.resolution_id:
            resolution = self.resolution
            if resolution.status != ResolutionStatus.EXECUTED or resolution.verified_at is None:
                return _("اجرای «%(resolution)s» هنوز تأیید نشده است؛ اثر پس از تأیید اجرا ثبت می‌شود.") % {
                    "resolution": resolution
                }
            if resolution.obstacle_id:
                credited = ImpactRecord.objects.filter(obstacle_id=resolution.obstacle_id).exclude(pk=self.pk)
                if credited.exists():
                    return _("اثر مانع این مصوبه («%(obstacle)s») پیش‌تر ثبت شده است.") % {
                        "obstacle": resolution.obstacle
                    }
        if self.resolution_id and not (self.resolution.unit_id or self.resolution.obstacle_id):
            return _("«%(resolution)s» به واحدی پیوسته نیست؛ اثر آن به واحدی نسبت داده نمی‌شود.") % {
                "resolution": self.resolution
            }
        if self.clinic_case_id and self.clinic_case.revival_id is None:
            return _("واحد «%(unit)s» هنوز با این پرونده کلینیک احیا نشده است.") % {"unit": self.clinic_case.unit}
        return None

    def take_from_source(self):
        """The unit, county, agency credited and obstacle group, from the source (called on every save)."""
        if self.obstacle_id:
            obstacle = self.obstacle
            self.unit_id, self.group_id = obstacle.unit_id, obstacle.group_id
            # The agency that answered «انجام‌شده» last; else the last one the obstacle was referred to.
            referrals = obstacle.referrals.order_by("-referred_date", "-pk")
            done = referrals.filter(status="done").first() or referrals.first()
            self.agency_id = done.agency_id if done else None
        elif self.resolution_id:
            resolution = self.resolution
            self.unit_id = resolution.unit_id or getattr(resolution.obstacle, "unit_id", None)
            self.agency_id = resolution.agency_id
            self.group_id = resolution.obstacle.group_id if resolution.obstacle_id else None
        elif self.clinic_case_id:
            self.unit_id, self.agency_id, self.group_id = self.clinic_case.unit_id, None, None
        if self.unit_id:
            self.county_id = IndustrialUnit.objects.values_list("county_id", flat=True).get(pk=self.unit_id)

    def save(self, *args, **kwargs):
        self.take_from_source()
        if self.evidence_file and not self.evidence_name:
            self.evidence_name = self.evidence_file.name.rsplit("/", 1)[-1][:255]
        self.search_text = search_key(f"{self.source() or ''} {self.evidence[:300]}")
        super().save(*args, **kwargs)

    def summary(self):
        """One line for a timeline: «۱۲ نفر اشتغال، ۵٬۰۰۰٬۰۰۰ ریال، ظرفیت ۳۰٪»."""
        parts = []
        if self.jobs:
            parts.append(_("%(n)s نفر اشتغال") % {"n": to_persian_digits(self.jobs)})
        if self.rials:
            parts.append(_("%(n)s ریال") % {"n": format_number(self.rials)})
        if self.capacity_restored:
            parts.append(_("ظرفیت %(n)s٪") % {"n": to_persian_digits(self.capacity_restored)})
        return "، ".join(str(p) for p in parts)
