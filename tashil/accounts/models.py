"""Users and their memberships: each membership is a role held in a place (and an agency where needed)."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.choices import ALL_ACTIONS, VIEW, Role, ScopeLevel
from tashil.core.fields import DigitsCharField
from tashil.core.links import object_url
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import fold_digits
from tashil.core.validators import normalize_mobile, validate_person_code


class TashilUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(AbstractUser, BaseModel):
    """A person who signs in: staff of a headquarters or an agency, a clinic expert, a unit's representative."""

    mobile = DigitsCharField(verbose_name=_("تلفن همراه"), max_length=11, blank=True)
    # کد ملی: unique where given (NULL when not), for matching a person across sign-in routes (issue 24).
    national_code = DigitsCharField(
        verbose_name=_("کد ملی"),
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_person_code],
    )
    position = models.CharField(verbose_name=_("سمت"), max_length=150, blank=True)
    language = models.CharField(
        verbose_name=_("زبان"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = TashilUserManager()
    autocomplete = True
    search_fields = ("username", "first_name", "last_name")
    changelog_exclude = ("created", "updated", "password", "last_login")
    role_actions = {
        Role.ADMIN: ALL_ACTIONS,
        Role.SECRETARIAT: ALL_ACTIONS,
        Role.MANAGER: VIEW,
    }

    class Meta(AbstractUser.Meta):
        verbose_name = _("کاربر")
        verbose_name_plural = _("کاربران")
        ordering = ("last_name", "first_name", "username")
        constraints = [
            # One account per mobile where one is given: the mobile signs in (a one-time code) and recovers.
            models.UniqueConstraint(
                fields=["mobile"],
                condition=~Q(mobile=""),
                name="user_unique_mobile",
                violation_error_message=_("این شماره همراه برای حساب کاربری دیگری ثبت شده است."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        self.mobile = normalize_mobile(self.mobile) if self.mobile else ""
        self.national_code = fold_digits(self.national_code or "") or None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("accounts:user", self.pk)

    @property
    def memberships_in_force(self):
        return scope.memberships(self)

    @property
    def roles(self):
        return {m.role for m in scope.memberships(self)}

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path: a person is where any of their memberships is, and is changed only where all of them are.

        Administrators manage everyone; a secretariat sees the users who hold a role in its place, and changes
        or deletes an account (its e-mail, name, active flag) only when every role of it lies there. A person
        who also works elsewhere is another place's too: here only this place's memberships of them are managed
        (``Membership.scope_place_paths``)."""
        if action not in scope.allowed_actions(cls, membership.role):
            return None
        if membership.level == ScopeLevel.NATION:
            return Q()
        place = scope.geographic_q("county", membership)
        if membership.level == ScopeLevel.PROVINCE:
            place |= Q(province_id=membership.province_id)
        here = Q(pk__in=Membership.objects.filter(place).values("user_id"))
        if action == "view":
            return here
        return here & ~Q(pk__in=Membership.objects.exclude(place).values("user_id"))


class Membership(BaseModel):
    """A role a user holds in a scope: the nation, a province or a county, and an agency where the role needs one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(verbose_name=_("نقش"), max_length=20, choices=Role.choices)
    level = models.CharField(
        verbose_name=_("سطح"),
        max_length=10,
        choices=ScopeLevel.choices,
        blank=True,
        help_text=_("برای کارشناس دستگاه و نماینده واحد، از دستگاه یا واحد گرفته می‌شود."),
    )
    province = models.ForeignKey(
        "geo.Province",
        verbose_name=_("استان"),
        related_name="memberships",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="memberships",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("دستگاه"),
        related_name="memberships",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد صنعتی"),
        related_name="memberships",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("برای نماینده واحد: واحدی که نمایندگی می‌کند."),
    )
    centre = models.ForeignKey(
        "clinic.Centre",
        verbose_name=_("کانون کلینیک"),
        related_name="memberships",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("برای کارشناس کلینیک: کانونی که در آن کار می‌کند."),
    )
    is_active = models.BooleanField(verbose_name=_("فعال"), default=True)
    manages_agency = models.BooleanField(
        verbose_name=_("مدیر کارشناسان دستگاه"),
        default=False,
        help_text=_("کارشناس دستگاهی که می‌تواند کارشناسان همان دستگاه را به سامانه دعوت کند."),
    )

    # A membership's place is its own level (a province's has no county): a province manages those of its
    # counties and its own (``clean`` keeps a county's membership in the county's province).
    scope_place_paths = ("province", "county")
    role_actions = User.role_actions

    class Meta:
        verbose_name = _("عضویت")
        verbose_name_plural = _("عضویت‌ها")
        ordering = ("user", "role")

    def __str__(self):
        return f"{self.get_role_display()} — {self.place_label}"

    @property
    def place_label(self):
        if self.role == Role.AGENCY_OFFICER and self.agency_id:
            return str(self.agency)
        if self.role == Role.UNIT_REP and self.unit_id:
            return str(self.unit)
        if self.role == Role.CLINIC_EXPERT and self.centre_id:
            return str(self.centre)
        if self.level == ScopeLevel.COUNTY and self.county_id:
            return _("شهرستان %(name)s") % {"name": self.county}
        if self.level == ScopeLevel.PROVINCE and self.province_id:
            return _("استان %(name)s") % {"name": self.province}
        return str(ScopeLevel.NATION.label)

    def get_absolute_url(self):
        return self.user.get_absolute_url()

    def get_changelog_parent(self):
        return self.user

    def clean(self):
        errors = {}
        if self.role == Role.AGENCY_OFFICER:
            if not self.agency_id:
                errors["agency"] = _("کارشناس دستگاه اجرایی باید به یک دستگاه وابسته باشد.")
            else:
                # An officer's place is the agency's jurisdiction.
                self.level = self.agency.level
                self.province_id = self.agency.province_id
                self.county_id = self.agency.county_id
        elif self.agency_id:
            self.agency = None
        if self.role != Role.AGENCY_OFFICER:
            self.manages_agency = False
        if self.role == Role.UNIT_REP:
            if not self.unit_id:
                errors["unit"] = _("نماینده واحد باید به یک واحد صنعتی وابسته باشد.")
            else:
                # A representative's place is the unit's county.
                self.level = ScopeLevel.COUNTY
                self.county_id = self.unit.county_id
        elif self.unit_id:
            self.unit = None
        if self.role == Role.CLINIC_EXPERT and self.centre_id:
            # An expert's place is the centre's.
            self.level = self.centre.level
            self.province_id = self.centre.province_id
            self.county_id = self.centre.county_id
        elif self.role != Role.CLINIC_EXPERT and self.centre_id:
            self.centre = None
        if not self.level:
            errors["level"] = _("سطح دسترسی (کشور، استان یا شهرستان) را انتخاب کنید.")
        if self.role == Role.ADMIN and self.level != ScopeLevel.NATION:
            errors["level"] = _("مدیر سامانه در سطح کشور تعریف می‌شود.")
        if self.level == ScopeLevel.COUNTY:
            if not self.county_id:
                errors["county"] = _("برای سطح شهرستان، شهرستان را انتخاب کنید.")
            else:
                self.province_id = self.county.province_id
        elif self.level == ScopeLevel.PROVINCE:
            if not self.province_id:
                errors["province"] = _("برای سطح استان، استان را انتخاب کنید.")
            self.county = None
        elif self.level == ScopeLevel.NATION:
            self.province = None
            self.county = None
        if errors:
            raise ValidationError(errors)


class ApiToken(BaseModel):
    """A personal key for the API. Only its SHA-256 digest is kept (the key is shown once, when made); it expires
    after TASHIL_API_TOKEN_DAYS days, and its owner sees when it was last used and revokes it on the profile."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), related_name="api_tokens", on_delete=models.CASCADE
    )
    digest = models.CharField(verbose_name=_("چکیده کلید"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(verbose_name=_("آغاز کلید"), max_length=8, editable=False)
    expires = models.DateTimeField(verbose_name=_("پایان اعتبار"))
    last_used = models.DateTimeField(verbose_name=_("آخرین استفاده"), null=True, blank=True)

    changelog_enabled = False
    role_actions = {}
    # How stale last_used may grow before a call writes it again: one write per key per minute, not per call.
    LAST_USED_PRECISION = datetime.timedelta(minutes=1)

    class Meta:
        verbose_name = _("کلید API")
        verbose_name_plural = _("کلیدهای API")
        ordering = ("-created", "-pk")

    def __str__(self):
        return f"{self.prefix}…"

    def get_absolute_url(self):
        return reverse("accounts:profile")

    @staticmethod
    def digest_of(key):
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user):
        """A new key for ``user``: the saved token, and the key itself, which is not kept and is shown once."""
        key = secrets.token_hex(20)
        token = cls.objects.create(
            user=user,
            digest=cls.digest_of(key),
            prefix=key[:8],
            expires=timezone.now() + datetime.timedelta(days=settings.TASHIL_API_TOKEN_DAYS),
        )
        return token, key

    @property
    def expired(self):
        return self.expires <= timezone.now()

    def touch(self):
        """Note a use of the key (at most once a minute: a busy client does not write on every call)."""
        now = timezone.now()
        if self.last_used is None or now - self.last_used >= self.LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=self.pk).update(last_used=now)
            self.last_used = now


class AccessEventKind(models.TextChoices):
    SIGN_IN = "sign_in", _("ورود")
    SIGN_IN_FAILED = "sign_in_failed", _("ورود ناموفق")
    SIGN_OUT = "sign_out", _("خروج")
    EXPORT = "export", _("خروجی گرفتن")
    PASSWORD_RESET = "password_reset", _("بازیابی گذرواژه")
    INVITATION_ACCEPTED = "invitation_accepted", _("پذیرش دعوت‌نامه")
    SELF_REGISTERED = "self_registered", _("ثبت‌نام نماینده واحد")


class AccessEvent(BaseModel):
    """One sign-in, failed sign-in, sign-out or export, kept for the audit; it can be neither edited nor deleted."""

    kind = models.CharField(verbose_name=_("رویداد"), max_length=20, choices=AccessEventKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        related_name="access_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    username = models.CharField(verbose_name=_("نام کاربری"), max_length=150, blank=True)
    address = models.CharField(verbose_name=_("نشانی IP"), max_length=45, blank=True)
    path = models.CharField(verbose_name=_("صفحه"), max_length=500, blank=True)
    detail = models.CharField(verbose_name=_("شرح"), max_length=500, blank=True)

    changelog_enabled = False
    role_actions = {Role.ADMIN: VIEW}

    class Meta:
        verbose_name = _("رویداد دسترسی")
        verbose_name_plural = _("گزارش ورودها و خروجی‌ها")
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=["user", "-created"], name="access_event_user_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.username}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError(_("گزارش دسترسی ویرایش‌پذیر نیست."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("accounts:accessevent_list") + f"?username={self.username}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("گزارش دسترسی پاک‌شدنی نیست."))


# ---------------------------------------------------------------- access without the secretariat (issue 24)


def secret_digest(purpose, secret):
    """A keyed digest (HMAC with SECRET_KEY) of a link's token or a code: only this is stored, so a copy of the
    database gives neither the links nor the six-digit codes (which a plain hash would give by trying a million)."""
    return salted_hmac(f"tashil.accounts.{purpose}", secret, algorithm="sha256").hexdigest()


INVITING = frozenset({"view", "add", "resend", "revoke"})


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("در انتظار پذیرش")
    ACCEPTED = "accepted", _("پذیرفته")
    REVOKED = "revoked", _("باطل‌شده")
    EXPIRED = "expired", _("منقضی")  # shown, never stored: a pending invitation past its date


class Invitation(BaseModel):
    """An invitation to a person (by mobile and/or e-mail) to take a role in a scope: the invitee chooses a
    username and password through a single-use link that expires; the inviter may resend (a new link) or
    revoke it. The role and scope are a Membership's, checked as the inviter's own adding of that membership."""

    MEMBERSHIP_FIELDS = ("role", "level", "province", "county", "agency", "unit", "centre")

    first_name = models.CharField(verbose_name=_("نام"), max_length=150, blank=True)
    last_name = models.CharField(verbose_name=_("نام خانوادگی"), max_length=150, blank=True)
    email = models.EmailField(verbose_name=_("پست الکترونیکی"), blank=True)
    mobile = DigitsCharField(verbose_name=_("تلفن همراه"), max_length=11, blank=True)
    national_code = DigitsCharField(
        verbose_name=_("کد ملی"), max_length=10, blank=True, validators=[validate_person_code]
    )
    position = models.CharField(verbose_name=_("سمت"), max_length=150, blank=True)
    role = models.CharField(verbose_name=_("نقش"), max_length=20, choices=Role.choices)
    level = models.CharField(verbose_name=_("سطح"), max_length=10, choices=ScopeLevel.choices, blank=True)
    province = models.ForeignKey(
        "geo.Province",
        verbose_name=_("استان"),
        related_name="invitations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="invitations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("دستگاه"),
        related_name="invitations",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد صنعتی"),
        related_name="invitations",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    centre = models.ForeignKey(
        "clinic.Centre",
        verbose_name=_("کانون کلینیک"),
        related_name="invitations",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    status = models.CharField(
        verbose_name=_("وضعیت"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
        db_index=True,
    )
    digest = models.CharField(verbose_name=_("چکیده پیوند"), max_length=64, unique=True, editable=False)
    expires = models.DateTimeField(verbose_name=_("پایان اعتبار پیوند"))
    sent_count = models.PositiveSmallIntegerField(verbose_name=_("دفعات ارسال"), default=0)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("دعوت‌کننده"),
        related_name="invitations_sent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("حساب پذیرنده"),
        related_name="invitations_accepted",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    accepted_at = models.DateTimeField(verbose_name=_("زمان پذیرش"), null=True, blank=True)

    changelog_exclude = ("created", "updated", "digest")
    search_fields = ("first_name", "last_name", "email", "mobile", "national_code")
    # Where the membership it grants is (the same declaration as Membership's); an officer's, their agency's.
    scope_place_paths = Membership.scope_place_paths
    scope_agency_path = "agency"
    role_actions = {
        Role.ADMIN: INVITING,
        Role.SECRETARIAT: INVITING,
        Role.MANAGER: VIEW,
        # Only through a membership that manages its agency (``scope_filter``): its own agency's officers.
        Role.AGENCY_OFFICER: INVITING,
    }

    class Meta:
        verbose_name = _("دعوت‌نامه")
        verbose_name_plural = _("دعوت‌نامه‌ها")
        ordering = ("-created", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="", mobile=""),
                name="invitation_has_address",
                violation_error_message=_("شماره همراه یا پست الکترونیکی دعوت‌شده را بنویسید."),
            ),
        ]

    def __str__(self):
        name = f"{self.first_name} {self.last_name}".strip() or self.mobile or self.email
        return _("دعوت %(name)s") % {"name": name}

    def get_absolute_url(self):
        return object_url("accounts:invitation", self.pk)

    @property
    def shown_status(self):
        if self.status == InvitationStatus.PENDING and self.expires <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus(self.status)

    def get_shown_status_display(self):
        return self.shown_status.label

    @property
    def open(self):
        return self.shown_status == InvitationStatus.PENDING

    def membership(self, user=None):
        """The membership the invitation grants (unsaved)."""
        # The related objects themselves (not their ids), so a list that selected them reads no more rows.
        return Membership(user=user, **{name: getattr(self, name) for name in self.MEMBERSHIP_FIELDS})

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path: an officer has their agency's invitations only while managing it, and only its officers'.

        Otherwise where the membership it grants is, as declared (``check_invitation`` gives it that place)."""
        q = super().scope_filter(membership, action)
        if q is None or membership.role != Role.AGENCY_OFFICER:
            return q
        if not membership.manages_agency:
            return scope.NOTHING
        return q & Q(role=Role.AGENCY_OFFICER)


class CodePurpose(models.TextChoices):
    SIGN_IN = "sign_in", _("ورود با رمز یکبارمصرف")
    PASSWORD_RESET = "password_reset", _("بازیابی گذرواژه")
    REGISTRATION = "registration", _("ثبت‌نام نماینده واحد")


class OneTimeCode(BaseModel):
    """A six-digit code sent by SMS: kept only as a keyed digest, valid for TASHIL_CODE_MINUTES minutes, for
    TASHIL_CODE_ATTEMPTS guesses, and once. A new code for the same mobile and purpose ends the older ones."""

    purpose = models.CharField(verbose_name=_("کاربرد"), max_length=20, choices=CodePurpose.choices)
    target = models.CharField(verbose_name=_("گیرنده"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        related_name="one_time_codes",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    registration = models.ForeignKey(
        "accounts.RegistrationRequest",
        verbose_name=_("درخواست ثبت‌نام"),
        related_name="codes",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    digest = models.CharField(verbose_name=_("چکیده کد"), max_length=64, editable=False)
    expires = models.DateTimeField(verbose_name=_("پایان اعتبار"))
    attempts = models.PositiveSmallIntegerField(verbose_name=_("تلاش‌ها"), default=0)
    used_at = models.DateTimeField(verbose_name=_("زمان استفاده"), null=True, blank=True)

    changelog_enabled = False
    role_actions = {}

    class Meta:
        verbose_name = _("رمز یکبارمصرف")
        verbose_name_plural = _("رمزهای یکبارمصرف")
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=["purpose", "target", "-created"], name="one_time_code_target_idx")]

    def __str__(self):
        return f"{self.get_purpose_display()} — {self.target}"

    def get_absolute_url(self):
        return reverse("accounts:login")


class RegistrationStatus(models.TextChoices):
    AWAITING_CODE = "awaiting_code", _("در انتظار کد پیامکی")
    PENDING = "pending", _("در نوبت بررسی دبیرخانه")
    APPROVED = "approved", _("پذیرفته")
    CONFIRMED = "confirmed", _("تأییدشده با کد پیامکی")
    REFUSED = "refused", _("ردشده")


class RegistrationRequest(BaseModel):
    """A unit's representative asking for access: the unit's national ID, their national code and mobile. When
    the mobile is the one on the unit's registry record a code to it grants the role at once (``confirmed``);
    otherwise the request waits in the secretariat's queue of the unit's county (``pending``) to be approved or
    refused with a reason. A request naming no registered unit waits in the nation's queue, so its answer is
    the same as any other's."""

    first_name = models.CharField(verbose_name=_("نام"), max_length=150)
    last_name = models.CharField(verbose_name=_("نام خانوادگی"), max_length=150)
    national_code = DigitsCharField(verbose_name=_("کد ملی"), max_length=10, validators=[validate_person_code])
    mobile = DigitsCharField(verbose_name=_("تلفن همراه"), max_length=11)
    unit_national_id = DigitsCharField(verbose_name=_("شناسه ملی واحد"), max_length=11)
    position = models.CharField(verbose_name=_("سمت در واحد"), max_length=150, blank=True)
    unit = models.ForeignKey(
        "units.IndustrialUnit",
        verbose_name=_("واحد صنعتی"),
        related_name="registration_requests",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("شهرستان"),
        related_name="registration_requests",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = models.CharField(
        verbose_name=_("وضعیت"),
        max_length=15,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
        db_index=True,
    )
    mobile_matches = models.BooleanField(verbose_name=_("همراه برابر با پرونده واحد"), default=False)
    reason = models.TextField(verbose_name=_("دلیل رد"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بررسی‌کننده"),
        related_name="registrations_decided",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(verbose_name=_("زمان بررسی"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("حساب کاربری"),
        related_name="registration_requests",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    search_fields = ("first_name", "last_name", "national_code", "mobile", "unit_national_id")
    scope_county_path = "county"
    role_actions = {
        Role.ADMIN: frozenset({"view", "decide"}),
        Role.SECRETARIAT: frozenset({"view", "decide"}),
        Role.MANAGER: VIEW,
    }

    class Meta:
        verbose_name = _("درخواست ثبت‌نام نماینده واحد")
        verbose_name_plural = _("درخواست‌های ثبت‌نام نمایندگان واحد")
        ordering = ("-created", "-pk")

    def __str__(self):
        return _("درخواست %(name)s") % {"name": f"{self.first_name} {self.last_name}".strip()}

    def get_absolute_url(self):
        return object_url("accounts:registrationrequest", self.pk)
