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
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.choices import ALL_ACTIONS, VIEW, Role, ScopeLevel
from tashil.core.fields import DigitsCharField
from tashil.core.links import object_url
from tashil.core.models import BaseModel, ScopedQuerySet
from tashil.core.persian import fold_digits
from tashil.core.validators import validate_person_code


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

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        self.mobile = fold_digits(self.mobile)
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
        """Administrators manage everyone; a secretariat sees the users who hold a role in its place, and changes
        or deletes an account (its e-mail, name, active flag) only when every role of it lies there. A person
        who also works elsewhere is another place's too: here only this place's memberships of them are managed
        (``Membership.scope_filter``)."""
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

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path to a county: a province's membership has none; a province manages those of its counties
        and its own."""
        if action not in scope.allowed_actions(cls, membership.role):
            return None
        if membership.level == ScopeLevel.NATION:
            return Q()
        q = scope.geographic_q("county", membership)
        if membership.level == ScopeLevel.PROVINCE:
            q |= Q(province_id=membership.province_id, county__isnull=True)
        return q


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
