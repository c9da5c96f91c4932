"""The public face of the registry: units' public profiles and certificates, the inputs they buy (for
matching), exhibitions and their booths, and what visitors send: contact messages and investment inquiries.

What the public may see is decided in one place, ``tashil/catalog/public.py``; these models only say which
staff and representatives may work on them (``role_actions`` and the scope helper, as everywhere).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ALL_ACTIONS, VIEW, Role
from tashil.core.expressions import numeric_order
from tashil.core.fields import DigitsCharField
from tashil.core.files import RandomName, validate_image
from tashil.core.jalali import format_jalali
from tashil.core.links import object_url
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import fold_digits, normalize, search_key, to_persian_digits
from tashil.units.choices import CapacityUnit
from tashil.units.models import IndustrialUnit, Product, UnitChildMixin

from .choices import Moderation

UNIT_SIDE = {
    Role.ADMIN: ALL_ACTIONS | {"moderate"},
    Role.SECRETARIAT: ALL_ACTIONS | {"moderate"},
    Role.MANAGER: VIEW,
    Role.UNIT_REP: ALL_ACTIONS,
}


def code_prefix(code):
    """The ISIC class (first four digits) a product or input code falls in; matching compares these."""
    digits = "".join(ch for ch in fold_digits(code or "") if ch.isdigit())
    return digits[:4] if len(digits) >= 4 else ""


class PublicProfile(UnitChildMixin, BaseModel):
    """How a unit introduces itself to the public (its permanent virtual booth), and which contacts it shows.

    Nothing reaches the public site unless the unit chose to be listed and the secretariat has not hidden it.
    """

    unit = models.OneToOneField(
        IndustrialUnit, verbose_name=_("واحد"), related_name="public_profile", on_delete=models.CASCADE
    )
    listed = models.BooleanField(
        verbose_name=_("نمایش در فهرست عمومی"),
        default=True,
        help_text=_("اگر خاموش باشد، واحد در فهرست و جستجوی عمومی دیده نمی‌شود."),
    )
    brand = models.CharField(verbose_name=_("نام تجاری"), max_length=150, blank=True)
    introduction = models.TextField(
        verbose_name=_("معرفی"), blank=True, help_text=_("چند جمله درباره واحد، توانایی‌ها و بازارهای آن.")
    )
    logo = models.ImageField(
        verbose_name=_("نشان (لوگو)"), upload_to=RandomName("logos"), blank=True, validators=[validate_image]
    )
    show_address = models.BooleanField(verbose_name=_("نمایش نشانی"), default=True)
    show_phone = models.BooleanField(verbose_name=_("نمایش تلفن"), default=True)
    show_mobile = models.BooleanField(verbose_name=_("نمایش تلفن همراه"), default=False)
    show_email = models.BooleanField(verbose_name=_("نمایش رایانامه"), default=True)
    show_website = models.BooleanField(verbose_name=_("نمایش وبگاه"), default=True)
    show_manager = models.BooleanField(verbose_name=_("نمایش نام مدیرعامل"), default=False)
    show_location = models.BooleanField(verbose_name=_("نمایش موقعیت روی نقشه"), default=True)
    moderation = models.CharField(
        verbose_name=_("وضعیت انتشار"), max_length=12, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    moderation_note = models.CharField(verbose_name=_("یادداشت دبیرخانه"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بررسی‌کننده"),
        related_name="moderated_profiles",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    moderated_at = models.DateTimeField(verbose_name=_("زمان بررسی"), null=True, blank=True)
    # Normalised keys of the public fields only: the public search never matches what the public may not see.
    name_key = models.CharField(max_length=400, editable=False, blank=True, db_index=True)
    search_text = models.TextField(editable=False, blank=True)
    # The same public text as normalised words between spaces, to rank whole-word matches first.
    words = models.TextField(editable=False, blank=True)

    role_actions = {**UNIT_SIDE, Role.UNIT_REP: frozenset({"view", "add", "change"})}
    changelog_exclude = (*BaseModel.changelog_exclude, "name_key", "words")

    class Meta:
        verbose_name = _("معرفی عمومی واحد")
        verbose_name_plural = _("معرفی عمومی واحدها")
        ordering = ("unit__name",)
        indexes = [models.Index(fields=["listed", "moderation"], name="profile_public_idx")]

    def __str__(self):
        return str(self.unit)

    def get_absolute_url(self):
        return reverse("units:industrialunit", kwargs={"pk": self.unit_id}) + "?tab=public"

    def get_public_url(self):
        return reverse("public:unit", kwargs={"pk": self.unit_id})

    @property
    def is_public(self):
        return self.listed and self.moderation == Moderation.PUBLISHED

    def build_keys(self):
        unit = self.unit
        products = unit.products.filter(is_public=True).values_list("name", "code") if unit.pk else []
        names = [unit.name, self.brand]
        parts = [*names, unit.activity, unit.isic_code, *(p for pair in products for p in pair)]
        self.name_key = " ".join(search_key(p) for p in names if p)
        self.search_text = " ".join(search_key(p) for p in parts if p)
        self.words = f" {' '.join(normalize(p) for p in parts if p)} "

    def save(self, *args, **kwargs):
        self.build_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "search_text", "words"}
        super().save(*args, **kwargs)


class Certificate(UnitChildMixin, BaseModel):
    """A certificate, standard mark or award a unit holds (ISO 9001, the national standard mark...)."""

    unit = models.ForeignKey(
        IndustrialUnit, verbose_name=_("واحد"), related_name="certificates", on_delete=models.CASCADE
    )
    title = models.CharField(verbose_name=_("عنوان گواهی"), max_length=200)
    issuer = models.CharField(verbose_name=_("صادرکننده"), max_length=200, blank=True)
    number = DigitsCharField(verbose_name=_("شماره"), max_length=60, blank=True)
    valid_until = models.DateField(verbose_name=_("اعتبار تا"), null=True, blank=True)
    is_public = models.BooleanField(verbose_name=_("نمایش عمومی"), default=True)

    role_actions = UNIT_SIDE

    class Meta:
        verbose_name = _("گواهی")
        verbose_name_plural = _("گواهی‌ها")
        ordering = ("unit", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("catalog:certificate", self.pk)

    @property
    def is_expired(self):
        from tashil.core.jalali import today

        return self.valid_until is not None and self.valid_until < today()


class UnitInput(UnitChildMixin, BaseModel):
    """Something a unit buys to produce (نهاده): matching proposes the units that make it, nearest first."""

    unit = models.ForeignKey(IndustrialUnit, verbose_name=_("واحد"), related_name="inputs", on_delete=models.CASCADE)
    name = models.CharField(verbose_name=_("نام نهاده یا ماده اولیه"), max_length=200)
    code = models.CharField(
        verbose_name=_("کد کالا یا آیسیک"),
        max_length=20,
        blank=True,
        help_text=_("کد آیسیک یا کد کالای نهاده؛ واحدهایی که محصولی با همان کد چهاررقمی دارند پیشنهاد می‌شوند."),
    )
    yearly_quantity = models.DecimalField(
        verbose_name=_("مقدار خرید سالانه"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    quantity_unit = models.CharField(
        verbose_name=_("واحد مقدار"), max_length=10, choices=CapacityUnit.choices, default=CapacityUnit.TON
    )
    notes = models.CharField(verbose_name=_("توضیحات"), max_length=300, blank=True)
    code_prefix = models.CharField(max_length=4, editable=False, blank=True, db_index=True)
    search_text = models.CharField(max_length=400, editable=False, blank=True)

    role_actions = UNIT_SIDE

    class Meta:
        verbose_name = _("نهاده مورد نیاز")
        verbose_name_plural = _("نهاده‌های مورد نیاز")
        ordering = ("unit", "name")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("catalog:unitinput", self.pk)

    def save(self, *args, **kwargs):
        self.code = "".join(ch for ch in fold_digits(self.code or "") if not ch.isspace())
        self.code_prefix = code_prefix(self.code)
        self.search_text = search_key(self.name)
        super().save(*args, **kwargs)


class Exhibition(BaseModel):
    """An industrial exhibition (نمایشگاه) the headquarters organise, with booths for units."""

    title = models.CharField(verbose_name=_("عنوان"), max_length=250)
    county = models.ForeignKey(
        "geo.County", verbose_name=_("شهرستان برگزارکننده"), related_name="exhibitions", on_delete=models.PROTECT
    )
    start_date = models.DateField(verbose_name=_("تاریخ آغاز"))
    end_date = models.DateField(verbose_name=_("تاریخ پایان"))
    place = models.CharField(verbose_name=_("محل برگزاری"), max_length=300)
    description = models.TextField(verbose_name=_("شرح"), blank=True)
    is_public = models.BooleanField(
        verbose_name=_("نمایش عمومی"), default=True, help_text=_("نمایشگاه و غرفه‌هایش در سایت عمومی دیده می‌شوند.")
    )
    is_permanent = models.BooleanField(
        verbose_name=_("نمایشگاه دائمی"),
        default=False,
        help_text=_("نمایشگاه دائمی محصولات شهرستان (غرفه مجازی دائمی)؛ تاریخ پایان آن را دور بگذارید."),
    )
    search_text = models.CharField(max_length=600, editable=False, blank=True)

    scope_county_path = "county"
    # A representative sees the exhibitions of the county where their unit works.
    scope_unit_path = "county__units"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: ALL_ACTIONS,
        Role.MANAGER: VIEW,
        Role.UNIT_REP: VIEW,
    }

    class Meta:
        verbose_name = _("نمایشگاه")
        verbose_name_plural = _("نمایشگاه‌ها")
        ordering = ("-start_date", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="exhibition_end_after_start",
                violation_error_message=_("تاریخ پایان نمایشگاه نمی‌تواند پیش از تاریخ آغاز آن باشد."),
            )
        ]

    def __str__(self):
        return self.title

    def get_public_url(self):
        return object_url("public:exhibition", self.pk)

    @property
    def period(self):
        return f"{format_jalali(self.start_date)} تا {format_jalali(self.end_date)}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("تاریخ پایان نمایشگاه نمی‌تواند پیش از تاریخ آغاز آن باشد.")})

    def save(self, *args, **kwargs):
        self.search_text = " ".join(search_key(p) for p in (self.title, self.place) if p)
        super().save(*args, **kwargs)


class BoothManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Booths by exhibition and hall, then by number as a number (1, 2, 10; not 1, 10, 2): Meta.ordering
    takes field names to the migrations, this the expression."""

    def get_queryset(self):
        return super().get_queryset().order_by("exhibition", "hall", *numeric_order("number"))


class Booth(BaseModel):
    """A unit's booth at an exhibition, with the products it showcases."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("نمایشگاه"), related_name="booths", on_delete=models.CASCADE
    )
    unit = models.ForeignKey(IndustrialUnit, verbose_name=_("واحد"), related_name="booths", on_delete=models.CASCADE)
    number = DigitsCharField(verbose_name=_("شماره غرفه"), max_length=20)
    hall = models.CharField(verbose_name=_("سالن"), max_length=100, blank=True)
    description = models.CharField(verbose_name=_("شرح غرفه"), max_length=500, blank=True)
    products = models.ManyToManyField(
        Product, verbose_name=_("محصولات در معرض نمایش"), related_name="booths", blank=True
    )

    scope_county_path = "exhibition__county"
    scope_unit_path = "unit"
    role_actions = {Role.ADMIN: ALL_ACTIONS, Role.SECRETARIAT: ALL_ACTIONS, Role.MANAGER: VIEW, Role.UNIT_REP: VIEW}

    objects = BoothManager()

    class Meta:
        verbose_name = _("غرفه")
        verbose_name_plural = _("غرفه‌ها")
        ordering = ("exhibition", "hall", "number")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "unit"],
                name="booth_one_per_unit",
                violation_error_message=_("این واحد در این نمایشگاه غرفه دارد."),
            ),
            models.UniqueConstraint(
                fields=["exhibition", "number"],
                name="booth_unique_number",
                violation_error_message=_("این شماره غرفه در این نمایشگاه به واحد دیگری داده شده است."),
            ),
        ]

    def __str__(self):
        return f"{self.exhibition} — {_('غرفه')} {to_persian_digits(self.number)}: {self.unit}"

    def get_absolute_url(self):
        return reverse("catalog:exhibition", kwargs={"pk": self.exhibition_id}) + f"#booth-{self.pk}"

    def get_changelog_parent(self):
        return self.exhibition


class ContactMessage(UnitChildMixin, BaseModel):
    """A visitor's message sent from a unit's public page; it reaches the unit's representatives."""

    unit = models.ForeignKey(
        IndustrialUnit, verbose_name=_("واحد"), related_name="contact_messages", on_delete=models.CASCADE
    )
    sender_name = models.CharField(verbose_name=_("نام فرستنده"), max_length=150)
    sender_email = models.EmailField(verbose_name=_("رایانامه فرستنده"), blank=True)
    sender_phone = DigitsCharField(verbose_name=_("تلفن فرستنده"), max_length=20, blank=True)
    subject = models.CharField(verbose_name=_("موضوع"), max_length=200)
    body = models.TextField(verbose_name=_("متن پیام"), max_length=3000)
    read_at = models.DateTimeField(verbose_name=_("خوانده‌شده در"), null=True, blank=True)

    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: frozenset({"view", "change"}),
        Role.UNIT_REP: frozenset({"view", "change"}),
    }

    class Meta:
        verbose_name = _("پیام بازدیدکننده")
        verbose_name_plural = _("پیام‌های بازدیدکنندگان")
        ordering = ("-created", "-pk")

    def __str__(self):
        return f"{self.subject} — {self.sender_name}"

    def get_absolute_url(self):
        return object_url("catalog:contactmessage", self.pk)

    def clean(self):
        if not (self.sender_email or self.sender_phone):
            raise ValidationError(_("رایانامه یا تلفنی بنویسید تا واحد بتواند به شما پاسخ دهد."))


class InvestmentInquiry(BaseModel):
    """An investor's inquiry about a project that seeks investment."""

    project = models.ForeignKey(
        "units.Project", verbose_name=_("طرح"), related_name="inquiries", on_delete=models.CASCADE
    )
    name = models.CharField(verbose_name=_("نام"), max_length=150)
    organisation = models.CharField(verbose_name=_("شرکت یا سازمان"), max_length=200, blank=True)
    email = models.EmailField(verbose_name=_("رایانامه"), blank=True)
    phone = DigitsCharField(verbose_name=_("تلفن"), max_length=20, blank=True)
    amount = models.DecimalField(
        verbose_name=_("سرمایه قابل تأمین (ریال)"), max_digits=22, decimal_places=0, null=True, blank=True
    )
    message = models.TextField(verbose_name=_("پیام"), max_length=3000)
    handled = models.BooleanField(verbose_name=_("پیگیری شد"), default=False)

    scope_county_path = "project__county"
    scope_unit_path = "project__unit"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: frozenset({"view", "change"}),
        Role.MANAGER: VIEW,
        Role.UNIT_REP: VIEW,
    }

    class Meta:
        verbose_name = _("درخواست سرمایه‌گذاری")
        verbose_name_plural = _("درخواست‌های سرمایه‌گذاری")
        ordering = ("-created", "-pk")

    def __str__(self):
        return f"{self.name} — {self.project}"

    def get_absolute_url(self):
        return object_url("catalog:investmentinquiry", self.pk)

    def get_changelog_parent(self):
        return self.project

    def clean(self):
        if not (self.email or self.phone):
            raise ValidationError(_("رایانامه یا تلفنی بنویسید تا دبیرخانه بتواند با شما تماس بگیرد."))
