"""Official letters (مکاتبات): each secretariat's outgoing-letter register, its gap-free numbering per Jalali year,
the letters made from the records (referral, resolution notice, invitation, reminder) and the agencies' reply
letters noted on a referral or a resolution.

An issued letter is frozen: its number, date and the stored PDF are what was sent; the business events (issuing,
noting a reply) are functions in ``services.py``.
"""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.choices import ALL_ACTIONS, VIEW, Role, ScopeLevel
from tashil.core.fields import DigitsCharField
from tashil.core.files import RandomName
from tashil.core.links import object_url
from tashil.core.models import BaseModel
from tashil.core.persian import search_key, to_persian_digits

from .choices import LetterKind, LetterStatus

NUMBER_PLACEHOLDERS = {"year", "prefix", "seq"}
DEFAULT_NUMBER_FORMAT = "{year}/{prefix}/{seq}"


class Secretariat(BaseModel):
    """The secretariat (دبیرخانه) of a headquarters — a county's, a province's or the nation's — that keeps an
    outgoing-letter register in its own number format, e.g. ``{year}/{prefix}/{seq}`` → ۱۴۰۵/ت/۱۲۳۴."""

    name = models.CharField(verbose_name=_("نام دبیرخانه"), max_length=200)
    level = models.CharField(verbose_name=_("سطح"), max_length=10, choices=ScopeLevel.choices)
    province = models.ForeignKey(
        "geo.Province",
        verbose_name=_("استان"),
        related_name="secretariats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="secretariats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    letterhead = models.CharField(
        verbose_name=_("سربرگ"),
        max_length=200,
        help_text=_("نام ستاد در سربرگ نامه‌ها، مانند «ستاد تسهیل و رفع موانع تولید شهرستان …»."),
    )
    prefix = models.CharField(verbose_name=_("پیشوند شماره"), max_length=20, default="ت")
    number_format = models.CharField(
        verbose_name=_("قالب شماره نامه"),
        max_length=60,
        default=DEFAULT_NUMBER_FORMAT,
        help_text=_("با {year} (سال شمسی)، {prefix} (پیشوند) و {seq} (شماره ترتیبی سال)، مانند {year}/{prefix}/{seq}."),
    )
    signer_name = models.CharField(verbose_name=_("نام امضاکننده"), max_length=150, blank=True)
    signer_position = models.CharField(verbose_name=_("سمت امضاکننده"), max_length=150, blank=True)

    # A secretariat's place is its own level: a province's has no county.
    scope_place_paths = ("province", "county")
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: VIEW | {"change"},
        Role.MANAGER: VIEW,
    }

    class Meta:
        verbose_name = _("دبیرخانه")
        verbose_name_plural = _("دبیرخانه‌ها")
        ordering = ("level", "name")
        constraints = [
            models.UniqueConstraint(
                fields=["level"],
                condition=Q(level=ScopeLevel.NATION),
                name="secretariat_one_for_the_nation",
                violation_error_message=_("دبیرخانه ملی پیش‌تر ثبت شده است."),
            ),
            models.UniqueConstraint(
                fields=["province"],
                condition=Q(level=ScopeLevel.PROVINCE),
                name="secretariat_one_per_province",
                violation_error_message=_("این استان دبیرخانه دیگری دارد."),
            ),
            models.UniqueConstraint(
                fields=["county"],
                condition=Q(level=ScopeLevel.COUNTY),
                name="secretariat_one_per_county",
                violation_error_message=_("این شهرستان دبیرخانه دیگری دارد."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.level == ScopeLevel.COUNTY and not self.county_id:
            raise ValidationError({"county": _("دبیرخانه شهرستان باید شهرستان داشته باشد.")})
        if self.level == ScopeLevel.PROVINCE and not self.province_id:
            raise ValidationError({"province": _("دبیرخانه استان باید استان داشته باشد.")})
        if self.level == ScopeLevel.NATION:
            self.province = self.county = None
        if self.level == ScopeLevel.PROVINCE:
            self.county = None
        if self.county_id:
            self.province_id = self.county.province_id
        self.check_number_format()

    def check_number_format(self):
        """The format's placeholders: {seq} required, {year} and {prefix} allowed, nothing else."""
        try:
            parts = list(string.Formatter().parse(self.number_format or ""))
        except ValueError:
            parts = None
        names = {name for _text, name, _spec, _conversion in parts or () if name is not None}
        if parts is None or names - NUMBER_PLACEHOLDERS or any(spec or conv for _t, _n, spec, conv in parts):
            raise ValidationError(
                {
                    "number_format": _(
                        "در قالب شماره تنها {year}، {prefix} و {seq} به کار می‌روند؛ «%(format)s» درست نیست."
                    )
                    % {"format": self.number_format}
                }
            )
        if "seq" not in names:
            raise ValidationError({"number_format": _("قالب شماره باید {seq} (شماره ترتیبی سال) را داشته باشد.")})

    def format_number(self, year, sequence):
        """The letter number in this secretariat's format, in Persian digits: ۱۴۰۵/ت/۱۲۳۴."""
        return to_persian_digits(self.number_format.format(year=year, prefix=self.prefix, seq=sequence))


class LetterCounter(BaseModel):
    """The last number a secretariat issued in a Jalali year. Issuing locks this row (select_for_update), so two
    letters issued at once take consecutive numbers and a failed issue leaves no gap."""

    secretariat = models.ForeignKey(
        Secretariat, verbose_name=_("دبیرخانه"), related_name="counters", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("سال"))
    last = models.PositiveIntegerField(verbose_name=_("آخرین شماره"), default=0)

    changelog_enabled = False
    role_actions = {Role.ADMIN: VIEW}

    class Meta:
        verbose_name = _("شمارنده نامه‌ها")
        verbose_name_plural = _("شمارنده‌های نامه‌ها")
        constraints = [
            models.UniqueConstraint(
                fields=["secretariat", "year"],
                name="letter_counter_one_per_year",
                violation_error_message=_("شمارنده این سال پیش‌تر ساخته شده است."),
            )
        ]

    def __str__(self):
        return f"{self.secretariat} {to_persian_digits(self.year)}: {to_persian_digits(self.last)}"


class Letter(BaseModel):
    """An outgoing letter of a secretariat's register: a draft until issued; issued, it has its number, date,
    verification code and the stored PDF, and is never changed or deleted."""

    secretariat = models.ForeignKey(
        Secretariat, verbose_name=_("دبیرخانه"), related_name="letters", on_delete=models.PROTECT, editable=False
    )
    kind = models.CharField(verbose_name=_("نوع نامه"), max_length=20, choices=LetterKind.choices)
    status = models.CharField(
        verbose_name=_("وضعیت"),
        max_length=10,
        choices=LetterStatus.choices,
        default=LetterStatus.DRAFT,
        editable=False,
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("سال"), null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(verbose_name=_("شماره ترتیبی"), null=True, blank=True, editable=False)
    number = models.CharField(verbose_name=_("شماره نامه"), max_length=60, blank=True, editable=False)
    date = models.DateField(verbose_name=_("تاریخ نامه"), null=True, blank=True, editable=False)
    recipient_agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("گیرنده (دستگاه)"), related_name="letters_received", on_delete=models.PROTECT
    )
    recipient_name = models.CharField(verbose_name=_("نام گیرنده"), max_length=150, blank=True)
    recipient_position = models.CharField(verbose_name=_("سمت گیرنده"), max_length=150, blank=True)
    subject = models.CharField(verbose_name=_("موضوع"), max_length=250)
    body = models.TextField(verbose_name=_("متن نامه"))
    due_date = models.DateField(verbose_name=_("مهلت"), null=True, blank=True)
    copies = models.ManyToManyField("orgs.Agency", verbose_name=_("رونوشت"), related_name="letter_copies", blank=True)
    obstacle = models.ForeignKey(
        "obstacles.Obstacle",
        verbose_name=_("مانع"),
        related_name="letters",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    referrals = models.ManyToManyField(
        "obstacles.Referral", verbose_name=_("ارجاع‌ها"), related_name="letters", blank=True
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("جلسه"),
        related_name="letters",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("مصوبه"),
        related_name="letters",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("امضاکننده (کاربر)"),
        related_name="letters_signed",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    signer_name = models.CharField(verbose_name=_("نام امضاکننده"), max_length=150)
    signer_position = models.CharField(verbose_name=_("سمت امضاکننده"), max_length=150)
    pdf = models.FileField(verbose_name=_("نامه صادرشده"), upload_to=RandomName("letters"), blank=True, editable=False)
    pdf_sha256 = models.CharField(verbose_name=_("چکیده SHA-256"), max_length=64, blank=True, editable=False)
    verification_code = models.CharField(
        verbose_name=_("کد اصالت"), max_length=32, unique=True, null=True, blank=True, editable=False
    )
    issued_at = models.DateTimeField(verbose_name=_("زمان صدور"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("صادرکننده"),
        related_name="letters_issued",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(editable=False, blank=True)

    # The secretariat's place (a province sees its counties' registers too).
    scope_place_paths = ("secretariat__province", "secretariat__county")
    role_actions = {
        Role.ADMIN: ALL_ACTIONS | {"issue"},
        Role.SECRETARIAT: ALL_ACTIONS | {"issue"},
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: VIEW,
    }

    class Meta:
        verbose_name = _("نامه")
        verbose_name_plural = _("نامه‌ها")
        ordering = ("-year", "-sequence", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["secretariat", "year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="letter_number_once_per_year",
                violation_error_message=_("این شماره نامه در دبیرخانه پیش‌تر به کار رفته است."),
            ),
        ]
        indexes = [models.Index(fields=["secretariat", "status", "-date"], name="letter_register_idx")]

    # Said wherever an issued letter refuses a change (page, API, admin, a second issue): the letter is on record,
    # not the role.
    FROZEN_MESSAGE = _(
        "این نامه صادر و شماره شده است؛ نامه صادرشده ویرایش یا حذف نمی‌شود. برای اصلاح، نامه تازه‌ای صادر کنید."
    )

    def __str__(self):
        if self.number:
            return _("نامه %(number)s — %(subject)s") % {"number": self.number, "subject": self.subject}
        return _("پیش‌نویس نامه — %(subject)s") % {"subject": self.subject}

    def get_absolute_url(self):
        return object_url("letters:letter", self.pk)

    @property
    def is_issued(self):
        return self.status == LetterStatus.ISSUED

    def locked_reason(self):
        """An issued letter is on record, numbered and sealed: the edit and delete pages, the API and the admin
        refuse to change or delete it, with this reason (``core.scope.refuse_if_locked``)."""
        return self.FROZEN_MESSAGE if self.is_issued else None

    def save(self, *args, **kwargs):
        self.search_text = search_key(
            " ".join(str(part) for part in (self.number, self.subject, self.recipient_name) if part)
        )
        super().save(*args, **kwargs)

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path: an agency officer reads only issued letters sent or copied to the agency, a row's state.

        The other roles, the secretariat's place as declared."""
        q = super().scope_filter(membership, action)
        if q is None or membership.role != Role.AGENCY_OFFICER:
            return q
        if not membership.agency_id:
            return scope.NOTHING
        copied = Letter.copies.through.objects.filter(agency_id=membership.agency_id).values("letter_id")
        return Q(status=LetterStatus.ISSUED) & (Q(recipient_agency_id=membership.agency_id) | Q(pk__in=copied))

    def record(self):
        """The record the letter concerns, for its page and PDF."""
        return self.resolution or self.meeting or self.obstacle


class LetterAttachment(BaseModel):
    """A file sent with a letter (پیوست); added while the letter is a draft."""

    letter = models.ForeignKey(Letter, verbose_name=_("نامه"), related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(verbose_name=_("فایل"), upload_to=RandomName("letter-attachments"))
    name = models.CharField(verbose_name=_("نام فایل"), max_length=255)
    size = models.PositiveIntegerField(verbose_name=_("اندازه (بایت)"), default=0)

    scope_parent = "letter"
    role_actions = Letter.role_actions

    class Meta:
        verbose_name = _("پیوست نامه")
        verbose_name_plural = _("پیوست‌های نامه")
        ordering = ("letter", "pk")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.letter.get_absolute_url()

    def get_changelog_parent(self):
        return self.letter


class IncomingLetterNote(BaseModel):
    """An agency's reply letter (نامه وارده) noted on a referral or a resolution — its number and date, typed by
    the agency's officer or the secretariat — so both sides cite the same numbers."""

    referral = models.ForeignKey(
        "obstacles.Referral",
        verbose_name=_("ارجاع"),
        related_name="incoming_letters",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("مصوبه"),
        related_name="incoming_letters",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    number = DigitsCharField(verbose_name=_("شماره نامه دستگاه"), max_length=60)
    date = models.DateField(verbose_name=_("تاریخ نامه دستگاه"))
    note = models.CharField(verbose_name=_("خلاصه"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        related_name="incoming_letters_recorded",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    # The notes of the referrals and resolutions the membership sees (an officer: their agency's), whatever is
    # done with the note.
    scope_parent = ("referral", "resolution")
    scope_parent_action = "view"
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: ALL_ACTIONS,
        Role.MANAGER: VIEW,
        Role.AGENCY_OFFICER: VIEW | {"add"},
    }

    class Meta:
        verbose_name = _("نامه وارده")
        verbose_name_plural = _("نامه‌های وارده")
        ordering = ("-date", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(referral__isnull=False, resolution__isnull=True)
                | Q(referral__isnull=True, resolution__isnull=False),
                name="incoming_letter_on_one_record",
                violation_error_message=_("نامه وارده یا به یک ارجاع مربوط است یا به یک مصوبه."),
            )
        ]

    def __str__(self):
        from tashil.core.jalali import format_jalali

        return _("نامه %(number)s مورخ %(date)s") % {
            "number": to_persian_digits(self.number),
            "date": format_jalali(self.date),
        }

    def get_absolute_url(self):
        return self.target().get_absolute_url()

    def get_changelog_parent(self):
        return self.target()

    def target(self):
        return self.referral or self.resolution

    def clean(self):
        if bool(self.referral_id) == bool(self.resolution_id):
            raise ValidationError(_("نامه وارده یا به یک ارجاع مربوط است یا به یک مصوبه."))
