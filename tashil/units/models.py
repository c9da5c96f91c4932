"""The registry of industrial units: units, their products and projects, status history and periodic statistics."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.choices import ALL_ACTIONS, VIEW, Role
from tashil.core.concurrency import VersionedModel
from tashil.core.fields import DigitsCharField
from tashil.core.files import RandomName, validate_image
from tashil.core.jalali import MONTHS, format_jalali, shift_months, today
from tashil.core.links import object_url
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import search_key, to_persian_digits
from tashil.core.validators import (
    DigitsValidator,
    normalize_identifier,
    normalize_mobile,
    normalize_national_id,
    validate_jalali_year,
    validate_mobile,
    validate_national_id,
    validate_percent,
    validate_postal_code,
)
from tashil.orgs.choices import AgencyType

from .choices import (
    CapacityUnit,
    DataCheckStatus,
    ImportStatus,
    IsicLevel,
    ReportStatus,
    SizeClass,
    StatusChangeSource,
    UnitStatus,
    size_class_for,
)

PERCENT = [validate_percent]
STAFF_WITH_UNITS = {
    Role.ADMIN: ALL_ACTIONS | {"status", "verify"},
    Role.SECRETARIAT: ALL_ACTIONS | {"status", "verify"},
    Role.MANAGER: VIEW,
    Role.AGENCY_OFFICER: VIEW,
    Role.CLINIC_EXPERT: VIEW,
}
# Iran's bounding box, generously: a coordinate outside it is a typing mistake.
LATITUDE_RANGE = (24.0, 40.5)
LONGITUDE_RANGE = (43.5, 63.8)


# Each agency identifier of a unit and the kind of agency it belongs to: shown to that agency's officers on
# their referrals and in the letters addressed to them (the postal code to every agency).
AGENCY_IDENTIFIERS = {
    "economic_code": (AgencyType.TAX,),
    "workshop_code": (AgencyType.SOCIAL_SECURITY, AgencyType.LABOUR),
    "postal_code": tuple(AgencyType.values),
    "production_id": (AgencyType.SAMT, AgencyType.INDUSTRIAL_PARKS),
    "electricity_subscription": (AgencyType.ELECTRICITY,),
    "gas_subscription": (AgencyType.GAS,),
    "water_subscription": (AgencyType.WATER,),
}


class IdentifierSight:
    """Which agency identifiers of the units they see one person may read (issue 26 §2): all of a unit's through a
    role other than an agency officer's that has the unit in scope (the headquarters, the clinic, the unit's
    representative), else those of the kinds of agency the person is an officer of. The same rule for the unit's
    page, its history, the API and the search. The memberships alone decide, without a query per unit, unless the
    person is an officer and also holds another role: then which units that role sees is asked of the database,
    once per page of a list (``remember``)."""

    ALL = frozenset(AGENCY_IDENTIFIERS)

    def __init__(self, user):
        self.user = user
        self.everything = False  # every identifier of every unit the person sees
        self.others_q = None  # the units seen through the other roles, when the person is also an officer
        self.officer = frozenset()  # the identifiers the person reads as an officer
        if not getattr(user, "is_authenticated", False):
            return
        memberships = scope.memberships(user)
        roles = {m.role for m in memberships}
        types = {m.agency.type for m in memberships if m.role == Role.AGENCY_OFFICER and m.agency_id}
        self.officer = frozenset(name for name, kinds in AGENCY_IDENTIFIERS.items() if types & set(kinds))
        others = roles - {Role.AGENCY_OFFICER}
        if user.is_superuser or Role.AGENCY_OFFICER not in roles:
            self.everything = True  # whatever unit such a person sees, they see through those other roles
        elif others:
            self.others_q = scope.scope_q(IndustrialUnit, user, "view", roles=others)
            self.everything = self.others_q is not None and not self.others_q

    def fields(self, pk):
        """The identifiers the person may read of the unit ``pk`` (one being added when None)."""
        if self.everything:
            return self.ALL
        if self.others_q is None:
            return self.officer
        if pk is None or scope.row_matches(self.user, IndustrialUnit, pk, self.others_q):
            return self.ALL  # only the other roles add units
        return self.officer

    def remember(self, pks):
        """Ask which of the units ``pks`` the person sees through the other roles in one query, before ``fields`` is
        asked of each (a page of a list)."""
        if not self.everything and self.others_q is not None:
            scope.match_rows(IndustrialUnit, pks, self.others_q)

    def q(self, value):
        """The units one of whose identifiers that the person may read is ``value`` (a filter of the units they see)."""

        def any_of(names):
            found = Q()
            for name in sorted(names):
                found |= Q(**{name: value})
            return found if names else scope.NOTHING

        everywhere = any_of(self.ALL)
        if self.everything:
            return everywhere
        own = any_of(self.officer)
        if self.others_q is None:
            return own
        return (self.others_q & everywhere) | own


class IsicCodeQuerySet(ScopedQuerySet):
    def search(self, text):
        """By code (its start, in any digit script) or by title (every word, in any spelling), code order."""
        key = search_key(text)
        if not key:
            return self
        if key.isdigit():
            return self.filter(code__startswith=key)
        words = [word for word in (search_key(part) for part in str(text).split()) if word]
        q = Q(search_text__contains=key)
        every_word = Q()
        for word in words:
            every_word &= Q(search_text__contains=word)
        return self.filter(q | every_word)


class IsicCode(BaseModel):
    """One entry of ISIC Rev.4 (the UN's International Standard Industrial Classification): a section (A–U), a
    division (2 digits), a group (3) or a class (4), with its English and Persian titles. Reference data loaded by
    ``load_reference`` from units/data/isic4.csv; the code is the key, as everyone quotes it."""

    code = models.CharField(verbose_name=_("کد آیسیک"), max_length=4, primary_key=True)
    level = models.CharField(verbose_name=_("سطح"), max_length=10, choices=IsicLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("سطح بالاتر"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    title_fa = models.CharField(verbose_name=_("عنوان"), max_length=300)
    title_en = models.CharField(verbose_name=_("عنوان انگلیسی"), max_length=300)
    search_text = models.TextField(editable=False, blank=True)

    objects = IsicCodeQuerySet.as_manager()
    # Reference data: everyone signed in reads it; it changes only through load_reference (the codes never do).
    role_actions = {role: VIEW for role in Role}
    changelog_enabled = False

    class Meta:
        verbose_name = _("کد آیسیک")
        verbose_name_plural = _("طبقه‌بندی آیسیک")
        ordering = ("code",)

    def __str__(self):
        return f"{to_persian_digits(self.code)} — {self.title_fa}"

    def get_absolute_url(self):
        """The units of this class, group or division (a section has no list of its own)."""
        names = {IsicLevel.CLASS: "isic", IsicLevel.GROUP: "isic_group", IsicLevel.DIVISION: "isic_division"}
        if self.level not in names:
            return reverse("units:industrialunit_list")
        return f"{reverse('units:industrialunit_list')}?{names[self.level]}={self.code}"

    def save(self, *args, **kwargs):
        from .isic import isic_search_text

        self.search_text = isic_search_text(self.code, self.title_fa, self.title_en)
        super().save(*args, **kwargs)


def isic_class_error(entry):
    """Why ``entry`` (an IsicCode) cannot be a unit's or a product's activity: only a class (4 digits) names one.
    The message names the level the code is and offers the first class under it."""
    params = {"code": to_persian_digits(entry.code), "level": entry.get_level_display(), "title": entry.title_fa}
    first = None
    if entry.code.isdigit():
        first = IsicCode.objects.filter(level=IsicLevel.CLASS, code__startswith=entry.code).order_by("code").first()
    if first is None:
        return (
            _("«%(code)s» کد یک %(level)s آیسیک است («%(title)s»)، نه یک رده؛ رده چهاررقمی فعالیت را برگزینید.")
            % params
        )
    return _(
        "«%(code)s» کد یک %(level)s آیسیک است («%(title)s»)، نه یک رده؛ رده چهاررقمی فعالیت را برگزینید، "
        "مثلاً «%(example)s»."
    ) % {**params, "example": first}


class IndustrialUnitQuerySet(ScopedQuerySet):
    def stale(self, months=None):
        """Units whose data nobody has verified for ``months`` months (TASHIL_STALE_MONTHS by default)."""
        months = months or settings.TASHIL_STALE_MONTHS
        limit = shift_months(today(), -months)
        return self.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=limit))

    def fresh(self, months=None):
        months = months or settings.TASHIL_STALE_MONTHS
        return self.filter(last_verified__gte=shift_months(today(), -months))


class IndustrialUnit(VersionedModel, BaseModel):
    """An industrial unit (واحد صنعتی): a factory or workshop, inside an industrial zone or outside any."""

    name = models.CharField(verbose_name=_("نام واحد"), max_length=200)
    national_id = models.CharField(
        verbose_name=_("شناسه ملی"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
        help_text=_("شناسه ملی ۱۱ رقمی شخص حقوقی."),
    )
    licence_number = DigitsCharField(verbose_name=_("شماره پروانه بهره‌برداری"), max_length=50, blank=True)
    licence_date = models.DateField(verbose_name=_("تاریخ پروانه بهره‌برداری"), null=True, blank=True)
    isic_code = models.CharField(
        verbose_name=_("کد آیسیک"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_("کد فعالیت بر پایه ISIC ویرایش ۴ (مثلاً ۱۰۷۱ برای نان و شیرینی)."),
        editable=False,
    )
    # The unit's activity as an ISIC Rev.4 class (4 digits), chosen with the picker; ``isic_code`` follows it
    # (a longer national code already typed under the same class is kept).
    isic_class = models.ForeignKey(
        IsicCode,
        verbose_name=_("رده آیسیک"),
        related_name="units",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("رده چهاررقمی فعالیت در ISIC ویرایش ۴؛ با کد یا بخشی از عنوان آن جست‌وجو کنید."),
    )
    activity = models.CharField(verbose_name=_("شرح فعالیت"), max_length=300, blank=True)
    # The agencies' own numbers for the unit (issue 26): each is shown to the agency it belongs to on its
    # referrals and letters (AGENCY_IDENTIFIERS), to the headquarters on the unit page, never on the public site.
    economic_code = DigitsCharField(
        verbose_name=_("کد اقتصادی"),
        max_length=12,
        blank=True,
        db_index=True,
        validators=[DigitsValidator(_("کد اقتصادی"), (10, 11, 12))],
    )
    workshop_code = DigitsCharField(
        verbose_name=_("کد کارگاه تأمین اجتماعی"),
        max_length=10,
        blank=True,
        db_index=True,
        validators=[DigitsValidator(_("کد کارگاه"), range(7, 11))],
    )
    postal_code = DigitsCharField(
        verbose_name=_("کد پستی"), max_length=10, blank=True, db_index=True, validators=[validate_postal_code]
    )
    production_id = DigitsCharField(
        verbose_name=_("شناسه تولید (سامانه وزارت صمت)"),
        max_length=20,
        blank=True,
        validators=[DigitsValidator(_("شناسه تولید"), range(5, 21))],
    )
    electricity_subscription = DigitsCharField(
        verbose_name=_("شماره اشتراک برق"),
        max_length=15,
        blank=True,
        validators=[DigitsValidator(_("شماره اشتراک برق"), range(5, 16))],
    )
    gas_subscription = DigitsCharField(
        verbose_name=_("شماره اشتراک گاز"),
        max_length=15,
        blank=True,
        validators=[DigitsValidator(_("شماره اشتراک گاز"), range(5, 16))],
    )
    water_subscription = DigitsCharField(
        verbose_name=_("شماره اشتراک آب"),
        max_length=15,
        blank=True,
        validators=[DigitsValidator(_("شماره اشتراک آب"), range(5, 16))],
    )
    county = models.ForeignKey("geo.County", verbose_name=_("شهرستان"), related_name="units", on_delete=models.PROTECT)
    zone = models.ForeignKey(
        "geo.IndustrialZone",
        verbose_name=_("شهرک یا ناحیه صنعتی"),
        related_name="units",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("خالی یعنی خارج از شهرک‌ها و نواحی صنعتی."),
    )
    address = models.CharField(verbose_name=_("نشانی"), max_length=400, blank=True)
    latitude = models.DecimalField(
        verbose_name=_("عرض جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        verbose_name=_("طول جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    manager_name = models.CharField(verbose_name=_("مدیرعامل"), max_length=150, blank=True)
    phone = DigitsCharField(verbose_name=_("تلفن"), max_length=40, blank=True)
    mobile = DigitsCharField(verbose_name=_("تلفن همراه"), max_length=11, blank=True)
    email = models.EmailField(verbose_name=_("رایانامه"), blank=True)
    website = models.URLField(verbose_name=_("وبگاه"), blank=True)
    employees = models.PositiveIntegerField(verbose_name=_("تعداد کارکنان"), null=True, blank=True)
    size_class = models.CharField(
        verbose_name=_("اندازه"), max_length=10, choices=SizeClass.choices, blank=True, editable=False, db_index=True
    )
    nominal_capacity = models.CharField(verbose_name=_("ظرفیت اسمی"), max_length=300, blank=True)
    utilisation = models.PositiveSmallIntegerField(
        verbose_name=_("درصد بهره‌برداری از ظرفیت"), null=True, blank=True, validators=PERCENT
    )
    knowledge_based = models.BooleanField(verbose_name=_("دانش‌بنیان"), default=False)
    exporter = models.BooleanField(verbose_name=_("صادرکننده"), default=False)
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=20, choices=UnitStatus.choices, default=UnitStatus.ACTIVE, db_index=True
    )
    status_date = models.DateField(verbose_name=_("تاریخ آخرین تغییر وضعیت"), null=True, blank=True, editable=False)
    last_verified = models.DateField(
        verbose_name=_("تاریخ آخرین بروزرسانی"),
        null=True,
        blank=True,
        help_text=_("آخرین باری که درستی اطلاعات واحد بررسی شد."),
    )
    notes = models.TextField(verbose_name=_("یادداشت داخلی"), blank=True)
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("پیگیر"),
        related_name="followed_units",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        help_text=_("کارشناس دبیرخانه که پیگیری امور این واحد با اوست."),
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = IndustrialUnitQuerySet.as_manager()
    autocomplete = True
    scope_county_path = "county"
    scope_unit_path = "pk"
    role_actions = {
        **STAFF_WITH_UNITS,
        Role.ADMIN: STAFF_WITH_UNITS[Role.ADMIN] | {"follow"},
        Role.SECRETARIAT: STAFF_WITH_UNITS[Role.SECRETARIAT] | {"follow"},
        # «confirm_data»: the representative says the unit's data is right (answering the secretariat's request).
        Role.UNIT_REP: frozenset({"view", "change", "confirm_data"}),
    }
    internal_fields = ("notes",)

    class Meta:
        verbose_name = _("واحد صنعتی")
        verbose_name_plural = _("واحدهای صنعتی")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~Q(national_id=""),
                name="unit_unique_national_id",
                violation_error_message=_("واحد دیگری با همین شناسه ملی ثبت شده است."),
            ),
            models.UniqueConstraint(
                fields=["licence_number"],
                condition=~Q(licence_number=""),
                name="unit_unique_licence_number",
                violation_error_message=_("واحد دیگری با همین شماره پروانه بهره‌برداری ثبت شده است."),
            ),
        ]
        indexes = [
            models.Index(fields=["name"], name="unit_name_idx"),
            models.Index(fields=["county", "status"], name="unit_county_status_idx"),
            models.Index(fields=["zone"], name="unit_zone_idx"),
            models.Index(fields=["last_verified"], name="unit_last_verified_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("units:industrialunit", self.pk)

    def autocomplete_label(self):
        return f"{self.name} — {self.county}"

    @classmethod
    def fields_hidden_from(cls, user, pk):
        """The agency identifiers of the unit ``pk`` that ``user`` may not read (IdentifierSight)."""
        readable = IdentifierSight(user).fields(pk)
        return tuple(name for name in AGENCY_IDENTIFIERS if name not in readable)

    def identifiers_seen_by(self, user):
        """[(label, value)] of the unit's filled-in agency identifiers that ``user`` may read (IdentifierSight)."""
        return self.identifiers_named(IdentifierSight(user).fields(self.pk))

    def identifiers_for(self, agency_type=None):
        """[(label, value)] of the unit's agency identifiers that are filled in: those belonging to an agency of
        ``agency_type``, or all of them when it is None (the headquarters)."""
        return self.identifiers_named(
            name for name, types in AGENCY_IDENTIFIERS.items() if agency_type is None or agency_type in types
        )

    def identifiers_named(self, names):
        names = set(names)
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in AGENCY_IDENTIFIERS
            if name in names and getattr(self, name)
        ]

    def clean(self):
        errors = {}
        self.national_id = normalize_national_id(self.national_id)
        self.licence_number = normalize_identifier(self.licence_number)
        for name in AGENCY_IDENTIFIERS:
            setattr(self, name, normalize_national_id(getattr(self, name)))
        if self.mobile:
            try:
                validate_mobile(self.mobile)
                self.mobile = normalize_mobile(self.mobile)
            except ValidationError as error:
                errors["mobile"] = error.messages
        if self.zone_id and self.county_id and self.zone.county_id != self.county_id:
            errors["zone"] = _("شهرک «%(zone)s» در شهرستان %(county)s نیست.") % {
                "zone": self.zone,
                "county": self.county,
            }
        if self.latitude is not None and not LATITUDE_RANGE[0] <= float(self.latitude) <= LATITUDE_RANGE[1]:
            errors["latitude"] = _("عرض جغرافیایی %(value)s در ایران نیست (باید بین ۲۴ و ۴۰٫۵ باشد).") % {
                "value": to_persian_digits(self.latitude)
            }
        if self.longitude is not None and not LONGITUDE_RANGE[0] <= float(self.longitude) <= LONGITUDE_RANGE[1]:
            errors["longitude"] = _("طول جغرافیایی %(value)s در ایران نیست (باید بین ۴۳٫۵ و ۶۳٫۸ باشد).") % {
                "value": to_persian_digits(self.longitude)
            }
        if self.licence_date and self.licence_date > today():
            errors["licence_date"] = _("تاریخ پروانه نمی‌تواند در آینده باشد.")
        if self.isic_class_id and self.isic_class.level != IsicLevel.CLASS:
            errors["isic_class"] = isic_class_error(self.isic_class)
        if errors:
            raise ValidationError(errors)

    # Set by a writer that checks a whole batch at once (the import): the unique identities (national ID, licence
    # number) against the database in one query and across the batch, the county and zone taken from the rows
    # it read. The unit's own validation then skips only those queries, one per row and constraint or reference;
    # every other field is still cleaned and clean() still runs.
    checked_in_bulk = False
    # And the fields whose model-level cleaning would only repeat what their form field has just done (the
    # import's form computes them once per file: ImportUnitForm.repeated_by_form).
    cleaned_by_form = frozenset()

    def clean_fields(self, exclude=None):
        if self.checked_in_bulk:
            exclude = {*(exclude or ()), "county", "zone", *self.cleaned_by_form}
        super().clean_fields(exclude=exclude)

    def validate_constraints(self, exclude=None):
        if self.checked_in_bulk:
            return  # a unit's constraints are its two unique identities (test_models pins it)
        super().validate_constraints(exclude=exclude)

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def derive(self, product_names=None, day=None):
        """Set the fields derived from the others (size class, search text, the status's date): what every save
        does, and what the import's bulk write does for each unit of a batch."""
        self.size_class = size_class_for(self.employees)
        if self.isic_class_id and not (self.isic_code or "").startswith(self.isic_class_id):
            self.isic_code = self.isic_class_id
        self.search_text = self.build_search_text(product_names)
        if self.status_date is None:
            self.status_date = day or today()

    def build_search_text(self, product_names=None):
        """The search key of everything a person might type to find this unit, products included."""
        if product_names is None:
            product_names = list(self.products.values_list("name", flat=True)) if self.pk else []
        parts = [self.name, self.national_id, self.licence_number, self.manager_name, self.activity, *product_names]
        return " ".join(search_key(part) for part in parts if part)

    def refresh_search_text(self):
        IndustrialUnit.objects.filter(pk=self.pk).update(search_text=self.build_search_text())

    @property
    def is_stale(self):
        if self.last_verified is None:
            return True
        return self.last_verified < shift_months(today(), -settings.TASHIL_STALE_MONTHS)

    @property
    def in_zone(self):
        return self.zone_id is not None


class UnitChildMixin:
    """Scope of an object that belongs to a unit: the unit's place, or the representative's own units."""

    scope_county_path = "unit__county"
    scope_unit_path = "unit"

    def get_changelog_parent(self):
        return self.unit


class UnitStatusChange(UnitChildMixin, BaseModel):
    """One dated change of a unit's status, with its reason and who recorded it."""

    unit = models.ForeignKey(
        IndustrialUnit, verbose_name=_("واحد"), related_name="status_changes", on_delete=models.CASCADE
    )
    from_status = models.CharField(verbose_name=_("از وضعیت"), max_length=20, choices=UnitStatus.choices, blank=True)
    to_status = models.CharField(verbose_name=_("به وضعیت"), max_length=20, choices=UnitStatus.choices)
    date = models.DateField(verbose_name=_("تاریخ"), db_index=True)
    reason = models.CharField(verbose_name=_("دلیل"), max_length=500)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        related_name="unit_status_changes",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    source = models.CharField(
        verbose_name=_("منبع"), max_length=20, choices=StatusChangeSource.choices, default=StatusChangeSource.MANUAL
    )

    changelog_enabled = False  # the unit's history records the change as a readable event
    role_actions = {**STAFF_WITH_UNITS, Role.SECRETARIAT: VIEW, Role.ADMIN: VIEW, Role.UNIT_REP: VIEW}

    class Meta:
        verbose_name = _("تغییر وضعیت")
        verbose_name_plural = _("تاریخچه وضعیت")
        ordering = ("-date", "-pk")
        indexes = [models.Index(fields=["to_status", "date"], name="statuschange_to_date_idx")]

    def __str__(self):
        change = f"{self.get_from_status_display() or '—'} ← {self.get_to_status_display()}"
        return f"{self.unit}: {change} ({format_jalali(self.date)})"

    def get_absolute_url(self):
        return reverse("units:industrialunit", kwargs={"pk": self.unit_id}) + "?tab=status"

    @property
    def is_reactivation(self):
        return self.from_status in (UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE) and self.to_status == UnitStatus.ACTIVE


class DataCheckRequest(UnitChildMixin, BaseModel):
    """The secretariat's request that a unit's representatives confirm its data (a stale unit, from the unit list's
    bulk action): who asked, when, whom the notice went to, and when and by whom it was confirmed. The unit's
    history records the request and the confirmation as readable events; its page lists the requests."""

    unit = models.ForeignKey(
        IndustrialUnit, verbose_name=_("واحد"), related_name="data_checks", on_delete=models.CASCADE
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("درخواست‌کننده"),
        related_name="data_checks_requested",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    sent_to = models.CharField(verbose_name=_("فرستاده به"), max_length=500)
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=10, choices=DataCheckStatus.choices, default=DataCheckStatus.PENDING
    )
    confirmed_at = models.DateTimeField(verbose_name=_("زمان تأیید"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("تأییدکننده"),
        related_name="data_checks_confirmed",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    # Not logged on save: the unit's history records the request and its confirmation as readable events
    # (request_data_check, confirm_data); the answer, written in bulk by mark_verified, logs each request it closes.
    changelog_enabled = False
    role_actions = {**STAFF_WITH_UNITS, Role.SECRETARIAT: VIEW, Role.ADMIN: VIEW, Role.UNIT_REP: VIEW}

    class Meta:
        verbose_name = _("درخواست تأیید اطلاعات")
        verbose_name_plural = _("درخواست‌های تأیید اطلاعات")
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=["unit", "status"], name="datacheck_unit_status_idx")]

    def __str__(self):
        return _("درخواست تأیید اطلاعات «%(unit)s» (%(date)s)") % {
            "unit": self.unit,
            "date": format_jalali(timezone.localdate(self.created) if self.created else today()),
        }

    def get_absolute_url(self):
        return reverse("units:industrialunit", kwargs={"pk": self.unit_id})


class Product(UnitChildMixin, BaseModel):
    """A product a unit makes, with its yearly capacity; public ones appear in the public directory."""

    unit = models.ForeignKey(IndustrialUnit, verbose_name=_("واحد"), related_name="products", on_delete=models.CASCADE)
    name = models.CharField(verbose_name=_("نام محصول"), max_length=200)
    code = models.CharField(
        verbose_name=_("کد محصول"), max_length=20, blank=True, db_index=True, help_text=_("کد آیسیک یا کد کالا.")
    )
    isic_class = models.ForeignKey(
        IsicCode,
        verbose_name=_("رده آیسیک"),
        related_name="products",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("رده چهاررقمی فعالیتی که این محصول را می‌سازد؛ تطبیق واحدهای مکمل با آن انجام می‌شود."),
    )
    annual_capacity = models.DecimalField(
        verbose_name=_("ظرفیت سالانه"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    capacity_unit = models.CharField(
        verbose_name=_("واحد ظرفیت"), max_length=10, choices=CapacityUnit.choices, default=CapacityUnit.TON
    )
    description = models.TextField(verbose_name=_("توضیحات"), blank=True)
    photo = models.ImageField(
        verbose_name=_("تصویر"), upload_to=RandomName("products"), blank=True, validators=[validate_image]
    )
    is_public = models.BooleanField(verbose_name=_("نمایش عمومی"), default=True)
    search_text = models.CharField(max_length=400, editable=False, blank=True)

    role_actions = {**STAFF_WITH_UNITS, Role.UNIT_REP: ALL_ACTIONS}

    class Meta:
        verbose_name = _("محصول")
        verbose_name_plural = _("محصولات")
        ordering = ("unit", "name")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("units:product", self.pk)

    def clean(self):
        if self.isic_class_id and self.isic_class.level != IsicLevel.CLASS:
            raise ValidationError({"isic_class": isic_class_error(self.isic_class)})

    def save(self, *args, **kwargs):
        self.search_text = " ".join(search_key(part) for part in (self.name, self.code) if part)
        super().save(*args, **kwargs)


class Project(BaseModel):
    """A project (طرح): a unit's expansion or a new investor's plant, with progress and investment."""

    unit = models.ForeignKey(
        IndustrialUnit,
        verbose_name=_("واحد"),
        related_name="projects",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("برای طرح سرمایه‌گذار تازه خالی بگذارید."),
    )
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان"), related_name="projects", on_delete=models.PROTECT
    )
    investor_name = models.CharField(verbose_name=_("سرمایه‌گذار"), max_length=200, blank=True)
    title = models.CharField(verbose_name=_("عنوان طرح"), max_length=250)
    description = models.TextField(verbose_name=_("شرح"), blank=True)
    progress = models.PositiveSmallIntegerField(verbose_name=_("درصد پیشرفت"), default=0, validators=PERCENT)
    investment = models.DecimalField(
        verbose_name=_("سرمایه‌گذاری (ریال)"), max_digits=22, decimal_places=0, null=True, blank=True
    )
    expected_jobs = models.PositiveIntegerField(verbose_name=_("اشتغال پیش‌بینی‌شده"), null=True, blank=True)
    seeks_investor = models.BooleanField(verbose_name=_("نیازمند سرمایه‌گذار"), default=False)
    search_text = models.CharField(max_length=500, editable=False, blank=True)

    scope_county_path = "county"
    scope_unit_path = "unit"
    role_actions = {**STAFF_WITH_UNITS, Role.UNIT_REP: ALL_ACTIONS}

    class Meta:
        verbose_name = _("طرح")
        verbose_name_plural = _("طرح‌ها")
        ordering = ("-updated",)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("units:project", self.pk)

    def get_changelog_parent(self):
        return self.unit

    def clean(self):
        if self.unit_id:
            self.county_id = self.unit.county_id
        elif not self.investor_name:
            raise ValidationError({"investor_name": _("طرحی که به واحدی وابسته نیست نام سرمایه‌گذار می‌خواهد.")})
        if not self.county_id:
            raise ValidationError({"county": _("شهرستان طرح را انتخاب کنید.")})

    def save(self, *args, **kwargs):
        if self.unit_id and not self.county_id:
            self.county_id = self.unit.county_id
        self.search_text = " ".join(search_key(p) for p in (self.title, self.investor_name) if p)
        super().save(*args, **kwargs)


class PeriodicReport(UnitChildMixin, BaseModel):
    """A unit's statistics for one Jalali month, reviewed by the secretariat; approved ones evidence activity."""

    unit = models.ForeignKey(IndustrialUnit, verbose_name=_("واحد"), related_name="reports", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(verbose_name=_("سال"), validators=[validate_jalali_year])
    month = models.PositiveSmallIntegerField(
        verbose_name=_("ماه"), choices=[(i, name) for i, name in enumerate(MONTHS, start=1)]
    )
    production = models.DecimalField(verbose_name=_("تولید"), max_digits=16, decimal_places=2, null=True, blank=True)
    production_unit = models.CharField(
        verbose_name=_("واحد تولید"), max_length=10, choices=CapacityUnit.choices, default=CapacityUnit.TON
    )
    sales = models.DecimalField(verbose_name=_("فروش (ریال)"), max_digits=22, decimal_places=0, null=True, blank=True)
    employees = models.PositiveIntegerField(verbose_name=_("تعداد کارکنان"), null=True, blank=True)
    utilisation = models.PositiveSmallIntegerField(
        verbose_name=_("درصد بهره‌برداری از ظرفیت"), null=True, blank=True, validators=PERCENT
    )
    notes = models.TextField(verbose_name=_("توضیحات"), blank=True)
    status = models.CharField(
        verbose_name=_("وضعیت بررسی"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        related_name="submitted_reports",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بررسی‌کننده"),
        related_name="reviewed_reports",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(verbose_name=_("زمان بررسی"), null=True, blank=True)
    review_note = models.CharField(verbose_name=_("نظر بررسی‌کننده"), max_length=500, blank=True)

    role_actions = {
        **STAFF_WITH_UNITS,
        Role.ADMIN: ALL_ACTIONS | {"review"},
        Role.SECRETARIAT: ALL_ACTIONS | {"review"},
        Role.UNIT_REP: frozenset({"view", "add", "change"}),
    }

    class Meta:
        verbose_name = _("آمار دوره‌ای")
        verbose_name_plural = _("آمار دوره‌ای")
        ordering = ("-year", "-month", "unit")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month"],
                name="report_one_per_unit_month",
                violation_error_message=_("آمار این ماه برای این واحد پیش‌تر ثبت شده است."),
            )
        ]
        indexes = [models.Index(fields=["status"], name="report_status_idx")]

    def __str__(self):
        return f"{self.unit} — {self.period_label}"

    def get_absolute_url(self):
        return object_url("units:periodicreport", self.pk)

    @property
    def period_label(self):
        return f"{MONTHS[self.month - 1]} {to_persian_digits(self.year)}"

    def clean(self):
        from tashil.core.jalali import jalali_today

        now = jalali_today()
        if self.year and self.month and (self.year, self.month) > (now.year, now.month):
            raise ValidationError({"month": _("آمار ماه‌هایی که هنوز نرسیده‌اند را نمی‌توان ثبت کرد.")})
        if self.unit_id and self.year and self.month:
            same = PeriodicReport.objects.filter(unit_id=self.unit_id, year=self.year, month=self.month)
            other = same.exclude(pk=self.pk).only("status").first()
            if other is not None:
                message = (
                    _("آمار «%(period)s» این واحد پیش‌تر تأیید شده است؛ ماه دیگری را برگزینید.")
                    if other.status == ReportStatus.APPROVED
                    else _("آمار «%(period)s» این واحد پیش‌تر فرستاده شده است؛ همان گزارش را ویرایش کنید.")
                )
                raise ValidationError({"month": message % {"period": self.period_label}})

    @classmethod
    def next_period(cls, unit_id):
        """The (year, month) a new report of the unit opens on: the month after its latest report (never past
        the current month), or last month for a unit with none, so the form never opens on a month sent."""
        from tashil.core.jalali import jalali_today

        now = jalali_today()
        last_month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
        latest = cls.objects.filter(unit_id=unit_id).order_by("-year", "-month").values_list("year", "month").first()
        if latest is None:
            return last_month
        following = (latest[0], latest[1] + 1) if latest[1] < 12 else (latest[0] + 1, 1)
        return min(max(following, last_month), (now.year, now.month))

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path: a state of the row narrows one role's writes (an approved report, a representative's).

        A representative corrects a report until the secretariat approves it; the secretariat still may."""
        q = super().scope_filter(membership, action)
        if q is not None and membership.role == Role.UNIT_REP and action == "change":
            q &= ~Q(status=ReportStatus.APPROVED)
        return q


class ImportJob(BaseModel):
    """One uploaded spreadsheet of one kind of import (``core.importing``: units, past obstacles, past meetings):
    checked first (a dry run whose report is the preview), then applied."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), related_name="import_jobs", on_delete=models.PROTECT
    )
    kind = models.CharField(
        verbose_name=_("نوع ورود"),
        max_length=20,
        default="units",
        help_text=_("واحدها، موانع گذشته یا جلسات گذشته (core.importing)."),
    )
    file = models.FileField(verbose_name=_("فایل"), upload_to=RandomName("imports"))
    original_name = models.CharField(verbose_name=_("نام فایل"), max_length=255)
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان پیش‌فرض"),
        related_name="import_jobs",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("برای ردیف‌هایی که ستون شهرستان ندارند."),
    )
    partial = models.BooleanField(
        verbose_name=_("ثبت ردیف‌های درست"),
        default=False,
        help_text=_("اگر خاموش باشد، با وجود حتی یک ردیف نادرست هیچ چیزی ثبت نمی‌شود."),
    )
    status = models.CharField(
        verbose_name=_("وضعیت"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    preview_result = models.JSONField(verbose_name=_("نتیجه بررسی"), default=dict, blank=True)
    result = models.JSONField(verbose_name=_("نتیجه ثبت"), default=dict, blank=True)
    message = models.CharField(verbose_name=_("پیام"), max_length=500, blank=True)
    finished = models.DateTimeField(verbose_name=_("پایان"), null=True, blank=True)

    # An import is its author's (and the administrators': ``scope_filter``).
    scope_owner_path = "user"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: frozenset({"view", "add", "change"}),
    }

    class Meta:
        verbose_name = _("ورود از فایل")
        verbose_name_plural = _("ورود از فایل")
        ordering = ("-created",)

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return object_url("units:importjob", self.pk)

    @classmethod
    def scope_filter(cls, membership, action):
        """Not declarable: ownership with one role excepted, an administrator reaches every import."""
        q = super().scope_filter(membership, action)
        return Q() if q is not None and membership.role == Role.ADMIN else q

    @property
    def is_pending(self):
        return self.status in (ImportStatus.QUEUED, ImportStatus.APPLYING)

    @property
    def can_apply(self):
        report = self.preview_result or {}
        return self.status == ImportStatus.PREVIEWED and (self.partial or not report.get("error_rows"))

    def run(self, apply):
        """Check (``apply`` false) or import the file, as the user who uploaded it; records the outcome."""
        from tashil.core.changelog import acting_as
        from tashil.core.choices import ChangeSource
        from tashil.core.importing import get_kind

        from .importer import ImportFileError

        options = {"user": self.user, "county": self.county, "partial": self.partial, "dry_run": not apply}
        try:
            importer = get_kind(self.kind).importer(**options)
            with acting_as(user=self.user, source=ChangeSource.IMPORT), self.file.open("rb") as handle:
                outcome = importer.run(handle, self.original_name).as_dict()
        except ImportFileError as error:
            self.status, self.message = ImportStatus.FAILED, str(error)
        else:
            if apply:
                self.result = outcome
                self.status = ImportStatus.APPLIED if outcome["written"] else ImportStatus.REFUSED
            else:
                self.preview_result = outcome
                self.status = ImportStatus.PREVIEWED
        self.finished = timezone.now()
        self.save()
