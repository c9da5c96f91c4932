"""Training workshops for units: planned by the headquarters or the clinic, with registration, a waiting
list when the seats are taken, attendance on the day and a certificate of attendance. The models keep what must
always hold; registering, cancelling and taking attendance are ``services.py``'s events."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role
from tashil.core.fields import DigitsCharField
from tashil.core.jalali import format_jalali, format_long, interface_digits, persian_digits_active, today
from tashil.core.links import object_url
from tashil.core.models import BaseModel
from tashil.core.persian import search_key, to_persian_digits
from tashil.core.validators import normalize_mobile, normalize_national_id, validate_mobile, validate_person_code

from .choices import Organiser, RegistrationStatus, WorkshopStatus


class Workshop(BaseModel):
    """A training workshop (کارگاه آموزشی) for the units of a county."""

    title = models.CharField(verbose_name=_("عنوان"), max_length=250)
    topic = models.CharField(verbose_name=_("موضوع"), max_length=150)
    description = models.TextField(verbose_name=_("شرح و سرفصل‌ها"), blank=True)
    trainer = models.CharField(verbose_name=_("مدرس"), max_length=200)
    organiser = models.CharField(
        verbose_name=_("برگزارکننده"), max_length=20, choices=Organiser.choices, default=Organiser.HEADQUARTERS
    )
    centre = models.ForeignKey(
        "clinic.Centre",
        verbose_name=_("کانون کلینیک"),
        related_name="workshops",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("برای کارگاه‌های کلینیک صنعت."),
    )
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="workshops", on_delete=models.PROTECT
    )
    date = models.DateField(verbose_name=_("تاریخ"))
    start_time = models.TimeField(verbose_name=_("ساعت آغاز"))
    end_time = models.TimeField(verbose_name=_("ساعت پایان"))
    place = models.CharField(verbose_name=_("محل برگزاری"), max_length=300, blank=True)
    online_link = models.URLField(verbose_name=_("پیوند برگزاری برخط"), blank=True)
    capacity = models.PositiveSmallIntegerField(verbose_name=_("ظرفیت (نفر)"))
    is_public = models.BooleanField(
        verbose_name=_("نمایش عمومی"), default=True, help_text=_("در فهرست کارگاه‌های سایت عمومی دیده می‌شود.")
    )
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=12, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    search_text = models.CharField(max_length=700, editable=False, blank=True)

    scope_county_path = "county"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | {"attendance"},
        Role.SECRETARIAT: ALL_ACTIONS | {"attendance"},
        Role.MANAGER: VIEW,
        Role.CLINIC_EXPERT: VIEW,
        Role.UNIT_REP: VIEW,
    }

    class Meta:
        verbose_name = _("کارگاه آموزشی")
        verbose_name_plural = _("کارگاه‌های آموزشی")
        ordering = ("-date", "-start_time")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="workshop_capacity_positive",
                violation_error_message=_("ظرفیت کارگاه دست‌کم یک نفر است."),
            )
        ]
        indexes = [models.Index(fields=["county", "date"], name="workshop_county_date_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("workshops:workshop", self.pk)

    def get_public_url(self):
        return object_url("public:workshop", self.pk)

    @property
    def when(self):
        """۱۴۰۵/۰۸/۲۱ ۰۹:۰۰ تا ۱۲:۰۰; on the English public site 12 Nov 2026 (21 Aban 1405), 09:00 to 12:00."""
        english = not persian_digits_active()
        return _("%(date)s %(start)s تا %(end)s") % {
            "date": format_long(self.date) if english else format_jalali(self.date),
            "start": interface_digits(self.start_time.strftime("%H:%M")),
            "end": interface_digits(self.end_time.strftime("%H:%M")),
        }

    @property
    def registration_open(self):
        return self.status == WorkshopStatus.PLANNED and self.date >= today()

    @property
    def can_take_attendance(self):
        return self.status != WorkshopStatus.CANCELLED and self.date <= today()

    def registered_count(self):
        return self.registrations.filter(status=RegistrationStatus.REGISTERED).count()

    def seats_left(self):
        return max(self.capacity - self.registered_count(), 0)

    def clean(self):
        errors = {}
        if not (self.place or self.online_link):
            errors["place"] = _("محل برگزاری یا پیوند برخط کارگاه را بنویسید.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("ساعت پایان باید پس از ساعت آغاز باشد.")
        if self.centre_id and self.organiser != Organiser.CLINIC:
            errors["centre"] = _("کانون کلینیک فقط برای کارگاه‌های کلینیک صنعت انتخاب می‌شود.")
        if self.pk and self.capacity:
            registered = self.registered_count()
            if self.capacity < registered:
                errors["capacity"] = _("%(count)s نفر ثبت‌نام قطعی کرده‌اند؛ ظرفیت نمی‌تواند از آن کمتر شود.") % {
                    "count": to_persian_digits(registered)
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.search_text = " ".join(search_key(p) for p in (self.title, self.topic, self.trainer) if p)
        super().save(*args, **kwargs)


class Registration(BaseModel):
    """A person registered for a workshop, usually by their unit's representative."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("کارگاه"), related_name="registrations", on_delete=models.CASCADE
    )
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد"),
        related_name="workshop_registrations",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    full_name = models.CharField(verbose_name=_("نام و نام خانوادگی"), max_length=150)
    national_code = DigitsCharField(
        verbose_name=_("کد ملی"), max_length=10, blank=True, validators=[validate_person_code]
    )
    mobile = DigitsCharField(verbose_name=_("تلفن همراه"), max_length=11)
    position = models.CharField(verbose_name=_("سمت"), max_length=100, blank=True)
    status = models.CharField(
        verbose_name=_("وضعیت ثبت‌نام"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
        editable=False,
    )
    attended = models.BooleanField(verbose_name=_("حاضر شد"), default=False, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        related_name="workshop_registrations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    scope_county_path = "workshop__county"
    scope_unit_path = "unit"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | {"cancel"},
        Role.SECRETARIAT: ALL_ACTIONS | {"cancel"},
        Role.MANAGER: VIEW,
        Role.UNIT_REP: frozenset({"view", "add", "change", "cancel"}),
    }

    class Meta:
        verbose_name = _("ثبت‌نام کارگاه")
        verbose_name_plural = _("ثبت‌نام‌های کارگاه")
        ordering = ("workshop", "created", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "mobile"],
                condition=~Q(status="cancelled"),
                name="registration_once_per_mobile",
                violation_error_message=_("کسی با همین شماره همراه در این کارگاه ثبت‌نام کرده است."),
            )
        ]

    def __str__(self):
        return f"{self.full_name} — {self.workshop}"

    def get_absolute_url(self):
        return object_url("workshops:registration", self.pk)

    def get_changelog_parent(self):
        return self.workshop

    @property
    def waiting_position(self):
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        return (
            self.workshop.registrations.filter(status=RegistrationStatus.WAITLISTED)
            .filter(Q(created__lt=self.created) | Q(created=self.created, pk__lt=self.pk))
            .count()
            + 1
        )

    def clean(self):
        errors = {}
        self.national_code = normalize_national_id(self.national_code)
        if self.mobile:
            try:
                validate_mobile(self.mobile)
                self.mobile = normalize_mobile(self.mobile)
            except ValidationError as error:
                errors["mobile"] = error.messages
        if self._state.adding and self.workshop_id and not self.workshop.registration_open:
            errors["workshop"] = _("ثبت‌نام کارگاه «%(workshop)s» بسته است (برگزار یا لغو شده یا تاریخش گذشته).") % {
                "workshop": self.workshop
            }
        if self.unit_id and self.workshop_id and self.unit.county_id != self.workshop.county_id:
            errors["unit"] = _("این کارگاه برای واحدهای شهرستان %(county)s است.") % {"county": self.workshop.county}
        if errors:
            raise ValidationError(errors)

    @property
    def certificate_number(self):
        from tashil.core.jalali import to_jalali

        return f"{to_jalali(self.workshop.date).year}-{self.workshop_id:04d}-{self.pk:05d}"
