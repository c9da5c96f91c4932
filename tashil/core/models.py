"""The abstract base every model extends, the change log, and the working-day calendar."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import scope
from .choices import DEFAULT_ROLE_ACTIONS, ChangeAction, ChangeSource, Role, ScopeLevel, Weekday
from .files import RandomName
from .links import object_url


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to a user's scope (see core.scope), and to search."""

    def for_user(self, user, action="view"):
        return scope.restrict(self, user, action)

    def search(self, text):
        """Normalised search: the ``search_text`` column, or the model's ``search_fields`` as typed."""
        from .persian import search_key

        key = search_key(text)
        if not key:
            return self
        fields = getattr(self.model, "search_fields", None)
        if fields is None:
            return self.filter(search_text__contains=key)
        q = models.Q()
        for name in fields:
            q |= models.Q(**{f"{name}__icontains": str(text).strip()})
        return self.filter(q)


class BaseModel(models.Model):
    """Timestamps, a canonical URL, change logging and the scope declaration shared by every model.

    ``role_actions`` maps each role to the actions it may take; the scope paths say which rows a membership
    reaches (read by ``scope.declared_q``, see core/scope.py). A model overrides ``scope_filter`` only for a
    rule no path can say, and says why.
    """

    created = models.DateTimeField(verbose_name=_("زمان ایجاد"), auto_now_add=True)
    updated = models.DateTimeField(verbose_name=_("آخرین تغییر"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    # The lookup from the model to its County ("county", "unit__county"); None: not tied to a place.
    scope_county_path = None
    # A row at a level of its own, as a membership is (a province's agency, centre or closure has no county, the
    # nation's neither): the lookups to its province and to its county, ("province", "county"). The nation
    # reaches every row, a province the rows of its province, a county those of its county. Instead of
    # ``scope_county_path``. ``scope_province_rows_for_counties``: the actions for which a county also reaches
    # its province's own rows, those with no county (a province's closure counts in its counties).
    scope_place_paths = None
    scope_province_rows_for_counties = frozenset()
    # The lookup to the user whose row it is ("recipient" for a notification): every role reaches its own rows
    # only, wherever they lie. Instead of a place.
    scope_owner_path = None
    # The actions every role that may take them takes on every row, wherever it lies ("view" for an agency:
    # anyone may refer to any agency); the other actions follow the declarations.
    scope_all_rows_actions = frozenset()
    # The lookup to the unit a representative sees through, the agency an officer does, the centre a clinic
    # expert does ("unit", "obstacle__unit", "referrals__agency"; "pk" on the model itself; a tuple: any of
    # them). None: that role sees the model by place, as the other roles do.
    scope_unit_path = None
    scope_agency_path = None
    scope_centre_path = None
    # A part seen and written where its parent is ("meeting" for an attendance row): the lookup to the parent,
    # whose rule decides; a tuple for a part of one of several kinds of parent (a note on a referral or on a
    # resolution), where the parent it has is. ``scope_parent_action``: the parent's action that writing a part
    # takes ("change" on a case for a diagnosis); None: the same action.
    scope_parent = None
    scope_parent_action = None
    role_actions = DEFAULT_ROLE_ACTIONS
    # Too many rows for a plain <select>: forms choose it with an autocomplete.
    autocomplete = False
    # Searchable through the autocomplete endpoint: filter bars switch to it when the choices grow long
    # (a nation's thousands of agencies), while forms in a county keep a plain <select>.
    searchable = False
    changelog_enabled = True
    changelog_exclude = ("created", "updated", "search_text")
    # What is internal, declared once and read by the scope helper, pages, history, API and exports:
    # fields the roles of ``internal_hidden_from`` may not read, and the boolean field that makes a row
    # internal (the scope helper keeps such rows from those roles).
    internal_fields = ()
    internal_flag = None
    internal_hidden_from = frozenset({Role.UNIT_REP})
    # The lock (``locked_reason``). ``lock_parent``: the whole a part is locked with ("meeting" for an agenda
    # item of approved minutes), by default its lock; no part is added to a locked whole nor moved into one.
    # ``lock_follow_ups``: the role actions a locked object still takes, the follow-up its state calls for
    # (carrying approved minutes' open items, opening an obstacle from them); a model that declares them has every
    # other action but "view" refused by its lock, one added later too until it is declared here. None: the lock
    # refuses edits and deletes only (``scope.LOCKED_ACTIONS``).
    lock_parent = None
    lock_follow_ups = None

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return object_url(f"{self._meta.app_label}:{self._meta.model_name}", self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def get_changelog_parent(self):
        """The object whose history also shows this object's changes (a unit for its products)."""
        return None

    def locked_reason(self):
        """Why this object may no longer be edited or deleted by anyone (approved minutes, a closed obstacle), in
        Persian, or None: by default its ``lock_parent``'s. Declared once here and consulted by the edit, add and
        delete pages, actions, bulk actions, the API and the admin alike (``scope.refuse_if_locked``); the
        follow-up its state calls for (``lock_follow_ups``: an amendment) keeps its own rules."""
        if self.lock_parent is None:
            return None
        parent = getattr(self, self.lock_parent, None)
        return parent.locked_reason() if parent is not None else None

    @classmethod
    def fields_hidden_from(cls, user, pk):
        """Fields of the row ``pk`` (a new row when None) that ``user`` may not read by a rule of the model's own,
        besides its ``internal_fields`` (a unit's agency identifiers). Read by ``scope.hidden_fields``, so pages,
        forms, history and the API leave them out alike; asked of each row of a list, so it must not query the
        database for each."""
        return ()

    def autocomplete_label(self):
        """How the object reads in a chooser: its name, and where needed the place that tells it apart."""
        return str(self)

    @classmethod
    def scope_filter(cls, membership, action):
        """The rows a membership may ``action``: None for none, Q() for all; from the declarations above."""
        return scope.declared_q(cls, membership, action)


class ChangeLogEntry(BaseModel):
    """One create, update, delete or business event, with who, when and the field-level before/after."""

    time = models.DateTimeField(verbose_name=_("زمان"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        related_name="changelog_entries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    user_name = models.CharField(verbose_name=_("نام کاربر"), max_length=150, blank=True)
    source = models.CharField(verbose_name=_("منبع"), max_length=30, choices=ChangeSource.choices, blank=True)
    action = models.CharField(verbose_name=_("عمل"), max_length=10, choices=ChangeAction.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("نوع"), related_name="+", on_delete=models.PROTECT)
    object_id = models.BigIntegerField(verbose_name=_("شناسه شیء"))
    object_repr = models.CharField(verbose_name=_("شیء"), max_length=300)
    related_content_type = models.ForeignKey(
        ContentType, verbose_name=_("نوع شیء مرتبط"), related_name="+", on_delete=models.PROTECT, null=True
    )
    related_object_id = models.BigIntegerField(verbose_name=_("شناسه شیء مرتبط"), null=True)
    message = models.CharField(verbose_name=_("شرح"), max_length=500, blank=True)
    changes = models.JSONField(verbose_name=_("تغییرات"), default=list, blank=True)

    changelog_enabled = False
    role_actions = {Role.ADMIN: frozenset({"view"})}

    class Meta:
        verbose_name = _("رویداد تاریخچه")
        verbose_name_plural = _("تاریخچه تغییرات")
        ordering = ("-time", "-pk")
        indexes = [
            models.Index(fields=["content_type", "object_id", "-time"], name="changelog_object_idx"),
            models.Index(fields=["related_content_type", "related_object_id", "-time"], name="changelog_related_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        """An entry is written once and never changed: the history must be evidence."""
        if self.pk:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("تاریخچه تغییرات ویرایش‌پذیر نیست."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("core:changelogentry", self.pk)

    def delete(self, *args, **kwargs):
        from django.core.exceptions import ValidationError

        raise ValidationError(_("تاریخچه تغییرات پاک‌شدنی نیست."))


class WeekendDay(BaseModel):
    """A day of the week on which agencies do not work (Friday, and Thursday for most offices)."""

    weekday = models.PositiveSmallIntegerField(verbose_name=_("روز هفته"), choices=Weekday.choices, unique=True)

    role_actions = {Role.ADMIN: frozenset({"view", "add", "change", "delete"})}

    class Meta:
        verbose_name = _("روز تعطیل هفتگی")
        verbose_name_plural = _("روزهای تعطیل هفتگی")
        ordering = ("weekday",)

    def __str__(self):
        return self.get_weekday_display()

    def get_absolute_url(self):
        return reverse("core:holiday_list")


class Holiday(BaseModel):
    """An official holiday on the Jalali calendar; deadlines in working days skip it."""

    date = models.DateField(verbose_name=_("تاریخ"), unique=True)
    title = models.CharField(verbose_name=_("مناسبت"), max_length=200)
    is_fixed = models.BooleanField(
        verbose_name=_("تعطیل ثابت شمسی"),
        default=False,
        help_text=_("تعطیلات ثابت شمسی (مانند نوروز) هر سال در همان روز تکرار می‌شوند."),
    )
    lunar = models.BooleanField(
        verbose_name=_("قمری"),
        default=False,
        help_text=_("تعطیلات قمری هر سال جابه‌جا می‌شوند و تاریخشان ممکن است یک روز با برآورد فرق کند."),
    )
    confirmed = models.BooleanField(
        verbose_name=_("تأییدشده"),
        default=True,
        help_text=_("تعطیل قمریِ برآوردشده تا تأیید دبیرخانه ملی «در انتظار تأیید» می‌ماند."),
    )

    role_actions = {
        Role.ADMIN: frozenset({"view", "add", "change", "delete", "confirm"}),
        Role.SECRETARIAT: frozenset({"view", "confirm"}),
        Role.MANAGER: frozenset({"view"}),
        Role.AGENCY_OFFICER: frozenset({"view"}),
        Role.CLINIC_EXPERT: frozenset({"view"}),
    }

    class Meta:
        verbose_name = _("تعطیل رسمی")
        verbose_name_plural = _("تعطیلات رسمی")
        ordering = ("date",)

    def __str__(self):
        from .jalali import format_jalali

        return f"{format_jalali(self.date)} — {self.title}"

    def get_absolute_url(self):
        return object_url("core:holiday_edit", self.pk)

    @property
    def weekday_name(self):
        return Weekday(self.date.weekday()).label

    @property
    def to_confirm(self):
        return not self.confirmed

    @classmethod
    def scope_filter(cls, membership, action):
        """Not a path: one role's action depends on the membership's level, not on the row (a national confirm).

        The official calendar is the nation's, so only the national secretariat confirms a lunar holiday's date;
        a county's or province's secretariat reads it."""
        q = super().scope_filter(membership, action)
        if action == "confirm" and membership.role == Role.SECRETARIAT and membership.level != ScopeLevel.NATION:
            return None
        return q

    @classmethod
    def in_range(cls, start: datetime.date, end: datetime.date):
        return cls.objects.filter(date__range=(start, end))


class WorkerHeartbeat(models.Model):
    """A background task worker that is alive: it writes here every few seconds (see core/worker.py).

    A task left RUNNING by a worker whose heartbeat has gone stale was interrupted (the process was killed
    or its machine went down) and is queued again by the next worker that looks.
    """

    worker_id = models.CharField(verbose_name=_("شناسه کارگزار"), max_length=64, primary_key=True)
    host = models.CharField(verbose_name=_("میزبان"), max_length=255)
    pid = models.PositiveIntegerField(verbose_name=_("شناسه فرایند"))
    started_at = models.DateTimeField(verbose_name=_("شروع"))
    seen_at = models.DateTimeField(verbose_name=_("آخرین نشانه حیات"), db_index=True)

    class Meta:
        verbose_name = _("کارگزار پس‌زمینه")
        verbose_name_plural = _("کارگزاران پس‌زمینه")

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"


class SavedView(BaseModel):
    """A list's filters saved under a name: the person's own, or shared with the people who hold the same role in
    the same place (their secretariat). Listed in the side menu; one can be the daily digest's content: its owner's
    (``in_digest``) and that of each colleague who chose a shared one for their own digest (``digest_readers``)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("صاحب"), related_name="saved_views", on_delete=models.CASCADE
    )
    name = models.CharField(verbose_name=_("نام"), max_length=100)
    path = models.CharField(verbose_name=_("فهرست"), max_length=200)
    query = models.CharField(verbose_name=_("فیلترها"), max_length=2000, blank=True)
    shared = models.BooleanField(
        verbose_name=_("مشترک با همکاران"),
        default=False,
        help_text=_("همکارانی که همین نقش را در همین استان یا شهرستان دارند آن را در فهرست خود می‌بینند."),
    )
    in_digest = models.BooleanField(
        verbose_name=_("در خلاصه روزانه"),
        default=False,
        help_text=_(
            "هر روز شمار ردیف‌های این نما، چند ردیف نخست آن و پیوند فهرست در خلاصه روزانه شما می‌آید. همکاران یک نمای "
            "مشترک را خودشان برای خلاصه روزانه خود برمی‌گزینند."
        ),
    )
    digest_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("در خلاصه روزانه همکاران"),
        related_name="digest_saved_views",
        blank=True,
        help_text=_("همکارانی که این نمای مشترک را برای خلاصه روزانه خود برگزیده‌اند."),
    )

    changelog_enabled = False
    scope_owner_path = "owner"
    role_actions = {role: frozenset({"view", "add", "change", "delete"}) for role in Role.values}
    # The rows of a view the daily digest lists; the rest are behind the link to the whole list.
    DIGEST_ROWS = 5

    class Meta:
        verbose_name = _("نمای ذخیره‌شده")
        verbose_name_plural = _("نماهای ذخیره‌شده")
        ordering = ("name", "pk")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{self.path}?{self.query}" if self.query else self.path

    def list_view(self):
        """The list page this view filters (a ``core.views.ObjectListView``), with its URL arguments; None when
        the path is no longer such a page."""
        from django.urls import Resolver404, resolve

        from .views.generic import ObjectListView

        try:
            match = resolve(self.path)
        except Resolver404:
            return None
        view_class = getattr(match.func, "view_class", None)
        if view_class is None or not issubclass(view_class, ObjectListView):
            return None
        return match

    def list_for(self, user):
        """The list page's view set up as if ``user`` opened this view's address: its rows come through its own
        scope helper and filter set. None when the path is no longer a list, or the user may not see that list."""
        from django.http import HttpRequest, QueryDict

        match = self.list_view()
        if match is None:
            return None
        request = HttpRequest()
        request.method, request.path, request.user = "GET", self.path, user
        request.GET = QueryDict(self.query)
        view = match.func.view_class(**match.func.view_initkwargs)
        view.setup(request, *match.args, **match.kwargs)
        if not scope.can(user, view.object_model, "view"):
            return None
        return view

    def first_rows_for(self, user, limit):
        """(how many rows the list shows ``user``, its first ``limit`` rows in the list's own order — its table's,
        given the request, so with a sort the view was saved with), or None as ``list_for``."""
        view = self.list_for(user)
        if view is None:
            return None
        queryset, _filterset = view.filtered_queryset()
        table = view.get_table(queryset)
        return queryset.count(), list(table.data[:limit])

    @classmethod
    def in_digest_of(cls, user):
        """The views in ``user``'s daily digest: their own marked for it, and the shared ones they chose that they
        still see (a view no longer shared, or a colleague who moved post, drops out by itself)."""
        chosen = cls.objects.filter(Q(owner=user, in_digest=True) | Q(digest_readers=user)).values("pk")
        return scope.restrict(cls.objects.filter(pk__in=chosen), user).order_by("name", "pk")

    @classmethod
    def scope_filter(cls, membership, action):
        """Not declarable: a shared view is also seen by those holding the owner's role in the owner's place.

        Everyone changes and deletes their own (``scope_owner_path``)."""
        own = super().scope_filter(membership, action)
        if own is None or action != "view":
            return own
        same_post = type(membership)._default_manager.filter(
            is_active=True,
            role=membership.role,
            level=membership.level,
            province_id=membership.province_id,
            county_id=membership.county_id,
        )
        return own | Q(shared=True, owner_id__in=same_post.values("user_id"))


class DocumentSeal(BaseModel):
    """The verification record of an issued document that is not a letter (approved minutes, a certificate):
    the code printed on it with its QR, what the public verification page shows (number, date, issuer) and the
    SHA-256 of the PDF as issued. Core knows no domain: ``kind`` is a name an app registered in
    ``core.verification``, ``object_id`` that app's row; the app keeps or points to the stored PDF."""

    kind = models.CharField(verbose_name=_("نوع سند"), max_length=40)
    object_id = models.PositiveBigIntegerField(verbose_name=_("شناسه سند"))
    code = models.CharField(verbose_name=_("کد اصالت"), max_length=32, unique=True)
    number = models.CharField(verbose_name=_("شماره"), max_length=80, blank=True)
    date = models.DateField(verbose_name=_("تاریخ"), null=True, blank=True)
    issuer = models.CharField(verbose_name=_("صادرکننده"), max_length=300, blank=True)
    title = models.CharField(verbose_name=_("عنوان"), max_length=300, blank=True)
    sha256 = models.CharField(verbose_name=_("چکیده SHA-256"), max_length=64, blank=True)
    pdf = models.FileField(verbose_name=_("فایل صادرشده"), upload_to=RandomName("sealed"), blank=True)

    changelog_enabled = False
    role_actions = {Role.ADMIN: frozenset({"view"})}

    class Meta:
        verbose_name = _("مهر اصالت سند")
        verbose_name_plural = _("مهرهای اصالت اسناد")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                name="document_seal_one_per_document",
                violation_error_message=_("این سند پیش‌تر کد اصالت گرفته است."),
            )
        ]

    def __str__(self):
        return f"{self.title or self.kind} ({self.code})"

    def get_absolute_url(self):
        return reverse("verify:document", kwargs={"code": self.code})
