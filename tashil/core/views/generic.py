"""Generic views: a model's views set attributes; the behaviour lives here.

Every view fetches through the scope helper. Objects out of sight answer 404; objects in sight but
closed to the action answer 403; list pages and exports only ever hold rows the user may see.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from tashil.core import person, scope
from tashil.core.changelog import history_for, readable_by
from tashil.core.concurrency import VersionConflict
from tashil.core.deletion import refusal_message
from tashil.core.display import object_fields
from tashil.core.exports import export_response, exported
from tashil.core.filtersets import choices_generations
from tashil.core.persian import to_persian_digits
from tashil.core.tables import SEARCH_COUNT_CAP, SearchPaginator, SelectColumn
from tashil.core.views.errors import database_unreachable

log = logging.getLogger(__name__)


class OutOfScope(Exception):
    """Raised inside a save to roll it back when the result would leave the user's scope."""


class LockedFromBirth(Exception):
    """Raised inside a save to roll it back when the saved object is part of a locked one (approved minutes): added
    to it, or moved into it."""


def model_url(model, suffix, **kwargs):
    """The URL of a model's standard view (<app>:<model>_<suffix>), or None when it has none."""
    name = f"{model._meta.app_label}:{model._meta.model_name}{'_' + suffix if suffix else ''}"
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def safe_return_url(request, fallback):
    url = request.POST.get("return_url") or request.GET.get("return_url")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


class ScopedViewMixin:
    """The queryset of a view, always through the scope helper."""

    model = None
    queryset = None
    action = "view"

    def base_queryset(self):
        if self.queryset is not None:
            return self.queryset.all()
        return self.model._default_manager.all()

    @property
    def object_model(self):
        """The model of the rows: read from ``queryset`` or ``model`` where the view sets one, as most do (a view's
        ``base_queryset`` may annotate and filter — the obstacle list's overdue flag — and a page asks for the
        model a dozen times)."""
        if self.queryset is not None:
            return self.queryset.model
        if self.model is not None:
            return self.model
        return self.base_queryset().model

    def scoped_queryset(self, action="view"):
        return scope.restrict(self.base_queryset(), self.request.user, action)

    def require(self, action):
        if not scope.can(self.request.user, self.object_model, action):
            raise PermissionDenied

    def get_scoped_object(self, action=None):
        return scope.get_object_or_404(
            self.base_queryset(), self.request.user, action or self.action, pk=self.kwargs["pk"]
        )

    def list_breadcrumb(self):
        model = self.object_model
        url = model_url(model, "list")
        return [(model._meta.verbose_name_plural, url)] if url else []


# How long a drawn filter bar is kept at most (every change it shows makes a new key before that).
FILTER_BAR_SECONDS = 24 * 3600


class ObjectListView(ScopedViewMixin, View):
    """A filtered, sortable, paginated table of the objects in scope, exportable to XLSX and CSV."""

    filterset_class = None
    table_class = None
    template_name = "generic/object_list.html"
    results_template_name = "generic/includes/results.html"
    # Rendered inside the results (so it follows the filters when htmx refreshes them), above the table.
    results_header_template = None
    title = None
    export_name = None
    actions = ("add", "export")
    # What a person must be allowed on the model to see the list's «ورود از فایل» (the import page asks the same).
    import_action = "add"
    # Actions taken on many selected rows at once (BulkAction); their page is <app>:<model>_bulk (BulkActionView).
    bulk_actions = ()
    # Rows per page; people may ask for another of PAGE_SIZES (?per_page=50). Each row costs rendering time,
    # so a short page is the default and a long one a choice.
    per_page = 25
    PAGE_SIZES = (25, 50, 100)
    SEARCH_COUNT_CAP = SEARCH_COUNT_CAP

    def get_title(self):
        return self.title or self.object_model._meta.verbose_name_plural

    def filter_data(self):
        """What the filters read: the query string (None, an unbound filter set, when it is empty)."""
        return self.request.GET or None

    def get_filterset(self, queryset):
        if self.filterset_class is None:
            return None
        return self.filterset_class(self.filter_data(), queryset=queryset, request=self.request, user=self.request.user)

    def filtered_queryset(self):
        queryset = self.scoped_queryset()
        filterset = self.get_filterset(queryset)
        if filterset is not None:
            queryset = filterset.qs if (not filterset.is_bound or filterset.is_valid()) else queryset.none()
        return queryset, filterset

    def table_kwargs(self):
        """Arguments of the list's table beyond the rows, user and request (``exclude`` of a column the page
        makes redundant, as the agency's inbox its agency)."""
        return {}

    def get_table(self, queryset):
        kwargs = self.table_kwargs()
        # The rows come through the scope helper (scoped_queryset): the table need not ask whether each may be viewed.
        if not self.offered_bulk_actions():
            return self.table_class(
                queryset, user=self.request.user, request=self.request, rows_in_scope=True, **kwargs
            )
        return self.table_class(
            queryset,
            user=self.request.user,
            request=self.request,
            rows_in_scope=True,
            extra_columns=[("select", SelectColumn())],
            sequence=("select", "..."),
            **kwargs,
        )

    def offered_bulk_actions(self):
        """The bulk actions this user may take on this list's model (none: no selection column either)."""
        user = self.request.user
        return [action for action in self.bulk_actions if scope.can(user, self.object_model, action.permission)]

    def get(self, request, *args, **kwargs):
        self.require("view")
        queryset, filterset = self.filtered_queryset()
        self.object_list = queryset
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx") and "export" in self.actions:
            return self.export(queryset, fmt)
        table = self.get_table(queryset)
        RequestConfig(request, paginate=self.pagination(queryset, filterset)).configure(table)
        context = self.get_context_data(table=table, filterset=filterset, page_sizes=self.PAGE_SIZES)
        if request.htmx and request.htmx.target == "results":
            return render(request, self.results_template_name, context)
        return render(request, self.template_name, context)

    def pagination(self, queryset, filterset):
        """How the table is paginated: the page size asked for, and for a text search a bounded count."""
        options = {"per_page": self.page_size()}
        searched = filterset is not None and filterset.is_bound and filterset.form.cleaned_data.get("q")
        if searched:
            options.update(paginator_class=SearchPaginator, counted=queryset, cap=self.SEARCH_COUNT_CAP)
        return options

    def page_size(self):
        """The page size asked for, if it is one of PAGE_SIZES (or this list's own default); never unbounded."""
        asked = self.request.GET.get("per_page", "")
        sizes = {*self.PAGE_SIZES, self.per_page}
        size = int(asked) if asked.isdigit() and int(asked) in sizes else self.per_page
        # RequestConfig also reads ?per_page itself: hand it the checked value.
        if asked and asked != str(size):
            self.request.GET = self.request.GET.copy()
            self.request.GET["per_page"] = str(size)
        return size

    # The filter bar's first row: the search box and this many filters (one line on a wide screen); the rest
    # fold under «فیلترهای بیشتر», open by themselves when one of them is in use.
    FIRST_ROW_FILTERS = 4

    def filter_rows(self, filterset):
        """The shown filters (not the search box, not those hidden) of the first row, and the rest."""
        if filterset is None:
            return [], []
        fields = [field for field in filterset.form.visible_fields() if field.name != "q"]
        return fields[: self.FIRST_ROW_FILTERS], fields[self.FIRST_ROW_FILTERS :]

    def filter_bar_key(self, filterset):
        """The key of this page's filter bar once drawn (kept in the shared cache, ``{% cache %}`` in
        generic/object_list.html): the list (its path and filter set), the person's version (their scope and
        roles, core.person), the filters asked for, and the generation of each model whose rows the bar offers
        (core.filtersets.choices_changed: a zone added, a unit renamed). None — drawn afresh, never kept — when a
        filter was refused with an error. Its fields and their choices cost more to draw than the list's rows."""
        if filterset is None or (filterset.is_bound and not filterset.form.is_valid()):
            return None
        form, asked = filterset.form, self.request.GET
        return [
            self.request.path,
            f"{type(filterset).__module__}.{type(filterset).__qualname__}",
            person.version(self.request.user),
            sorted((name, asked.getlist(name)) for name in form.fields if name in asked),
            choices_generations(form),
        ]

    def more_filters_active(self, more):
        """Whether a filter folded under «فیلترهای بیشتر» is in use (its panel then opens by itself)."""
        return any(self.request.GET.get(field.name) for field in more)

    def export(self, queryset, fmt):
        table = self.get_table(queryset)
        base = self.export_name or str(self.object_model._meta.verbose_name_plural)
        exported.send(
            type(self), request=self.request, what=f"{self.get_title()} — {self.request.GET.urlencode()}", fmt=fmt
        )
        return export_response(table.export_rows(), fmt, base, sheet_title=str(self.get_title()))

    def get_context_data(self, **kwargs):
        model = self.object_model
        user = self.request.user
        first, more = self.filter_rows(kwargs.get("filterset"))
        return {
            "title": self.get_title(),
            "model": model,
            "verbose_name": model._meta.verbose_name,
            "add_url": model_url(model, "add") if "add" in self.actions and scope.can(user, model, "add") else None,
            "import_url": model_url(model, "import")
            if "import" in self.actions and scope.can(user, model, self.import_action)
            else None,
            "can_export": "export" in self.actions,
            "bulk_actions": self.offered_bulk_actions(),
            "bulk_url": model_url(model, "bulk"),
            "results_header_template": self.results_header_template,
            "first_filters": first,
            "more_filters": more,
            "more_filters_active": self.more_filters_active(more),
            "breadcrumbs": [(self.get_title(), None)],
            "save_view_url": self.save_view_url(kwargs.get("filterset")),
            "filter_bar_key": self.filter_bar_key(kwargs.get("filterset")),
            "filter_bar_seconds": FILTER_BAR_SECONDS,
            **kwargs,
        }

    def save_view_url(self, filterset):
        """«ذخیره این نما»: the saved-view form for this list with the filters in use (not the page or the export)."""
        if filterset is None or not self.request.user.is_authenticated:
            return None
        query = self.request.GET.copy()
        for name in ("page", "export", "return_url"):
            query.pop(name, None)
        return reverse("core:savedview_add") + "?" + urlencode({"path": self.request.path, "query": query.urlencode()})


@dataclass
class Tab:
    """A tab of an object page: its key, label and template; ``count`` is filled per object."""

    name: str
    label: str
    template_name: str
    count: int | None = None


@dataclass
class RegisteredTab:
    """A tab another app adds to a view: its context and, optionally, its count come from callables."""

    tab: Tab
    context: object
    count: object = None
    permission: object = None


@dataclass
class Button:
    """A button another app adds to an object page's bar (``ObjectView.add_buttons``): a link to its own page."""

    label: str
    url: str
    icon: str = "bi-dot"
    testid: str = ""


class ObjectView(ScopedViewMixin, View):
    """An object's page with tabs (``?tab=``); the last tab is always its change history.

    Other apps add tabs with ``SomeView.add_tab(Tab(...), context=callable(view), count=callable(view))``
    from their AppConfig.ready(), so the unit page shows obstacles without the units app knowing them; and
    buttons with ``SomeView.add_buttons(callable(view) -> [Button, ...])`` (the letters app's «صدور نامه»).
    """

    template_name = None
    tabs = ()
    history_tab = True
    registered_tabs = ()
    registered_buttons = ()

    @classmethod
    def add_tab(cls, tab, context, count=None, permission=None):
        cls.registered_tabs = (*cls.registered_tabs, RegisteredTab(tab, context, count, permission))

    @classmethod
    def add_buttons(cls, buttons):
        cls.registered_buttons = (*cls.registered_buttons, buttons)

    def get_template_names(self):
        if self.template_name:
            return [self.template_name]
        meta = self.object_model._meta
        return [f"{meta.app_label}/{meta.model_name}.html", "generic/object_detail.html"]

    profile_fields = None

    def get_tabs(self):
        tabs = list(self.tabs) or [Tab("profile", _("مشخصات"), "generic/includes/profile.html")]
        if self.history_tab:
            tabs.append(Tab("history", _("تاریخچه تغییرات"), "generic/includes/history.html"))
        return tabs

    def with_registered_tabs(self, tabs):
        """The view's own tabs with those other apps registered, before the history tab (a view that builds
        its own tabs gets them too)."""
        added = []
        for registered in self.registered_tabs:
            if registered.permission and not registered.permission(self):
                continue
            count = registered.count(self) if registered.count else None
            added.append(Tab(registered.tab.name, registered.tab.label, registered.tab.template_name, count))
        if tabs and tabs[-1].name == "history":
            return [*tabs[:-1], *added, tabs[-1]]
        return [*tabs, *added]

    def get(self, request, *args, **kwargs):
        self.object = self.get_scoped_object("view")
        tabs = self.with_registered_tabs(self.get_tabs())
        names = [tab.name for tab in tabs]
        active = request.GET.get("tab")
        if active not in names:
            active = names[0] if names else None
        context = self.get_context_data(tabs=tabs, active_tab=active)
        handler = getattr(self, f"get_{active}_context", None) if active else None
        if handler:
            context.update(handler())
        for registered in self.registered_tabs:
            if registered.tab.name == active:
                context.update(registered.context(self))
        if active == "history":
            context["history"] = self.history()
        if active == "profile" and "fields" not in context:
            context["fields"] = object_fields(
                self.object, self.profile_fields, hidden=scope.hidden_fields(request.user, self.object)
            )
        return render(request, self.get_template_names(), context)

    def history(self):
        """The last 200 entries of the object and its children that the reader may read; children's are marked."""
        return readable_by(history_for(self.object)[:200], self.request.user, self.object)

    def get_context_data(self, **kwargs):
        obj = self.object
        user = self.request.user
        model = type(obj)
        hidden = scope.hidden_fields(user, obj)
        return {
            "object": obj,
            "title": str(obj),
            "model": model,
            "verbose_name": model._meta.verbose_name,
            "edit_url": model_url(model, "edit", pk=obj.pk) if scope.can_object(user, obj, "change") else None,
            "delete_url": model_url(model, "delete", pk=obj.pk) if scope.can_object(user, obj, "delete") else None,
            "sees_internal": not set(getattr(model, "internal_fields", ())) & set(hidden),
            "registered_buttons": [button for buttons in self.registered_buttons for button in buttons(self)],
            "breadcrumbs": [*self.list_breadcrumb(), (str(obj), None)],
            **kwargs,
        }


class ObjectEditView(ScopedViewMixin, View):
    """Add (no pk) and edit (pk) in one: the form, a scoped save, the change log, a Persian message."""

    form_class = None
    template_name = "generic/object_edit.html"

    def get_object(self):
        if "pk" in self.kwargs:
            return self.get_scoped_object("change")
        self.require("add")
        return self.object_model()

    def get_initial(self):
        """Initial values from the query string (?unit=5 from a unit page's quick add)."""
        return {key: value for key, value in self.request.GET.items() if key != "return_url"}

    def get_form(self, data=None, files=None):
        return self.form_class(
            data,
            files,
            instance=self.object,
            initial=self.get_initial() if not self.object.pk else None,
            user=self.request.user,
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.pk is None and (reason := self.locked_whole(self.get_initial())):
            raise PermissionDenied(reason)
        return self.render_form(self.get_form())

    def locked_whole(self, data):
        """Why the whole that ``data`` names for the object (its ``lock_parent``: a meeting whose minutes are
        approved) refuses a part, or None."""
        model = self.object_model
        parent = getattr(model, "lock_parent", None)
        return parent and scope.whole_locked_reason(model, self.request.user, data.get(parent))

    def post(self, request, *args, **kwargs):
        """A part named into a locked whole is refused with the lock's 403, as its edit is, before or after the
        save (a form that does not offer the whole is refused alike); the form is shown again with what was typed."""
        self.object = self.get_object()
        adding = self.object.pk is None
        form = self.get_form(request.POST, request.FILES)
        if reason := self.locked_whole(request.POST):
            form.add_error(None, reason)
            return self.render_form(form, status=403)
        if form.is_valid():
            try:
                with transaction.atomic():
                    obj = self.save(form)
                    if not scope.reaches(request.user, obj, "add" if adding else "change"):
                        raise OutOfScope
                    if reason := scope.locked_reason(obj, "change"):
                        raise LockedFromBirth(reason)
            except VersionConflict as error:
                form.conflict(error)
                return self.render_form(form, status=409)
            except OutOfScope:
                form.add_error(None, _("این مورد بیرون از حوزه دسترسی شما قرار می‌گیرد و ذخیره نشد."))
            except LockedFromBirth as error:
                form.add_error(None, str(error))
                return self.render_form(form, status=403)
            except IntegrityError:
                form.add_error(None, _("این مورد با اطلاعات ثبت‌شده دیگری تکرار می‌شود و ذخیره نشد."))
            else:
                template = _("«%(object)s» افزوده شد.") if adding else _("تغییرات «%(object)s» ذخیره شد.")
                messages.success(request, template % {"object": obj})
                return HttpResponseRedirect(safe_return_url(request, self.get_success_url(obj)))
        return self.render_form(form, status=400 if request.method == "POST" else 200)

    def save(self, form):
        return form.save()

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def render_form(self, form, status=200):
        model = self.object_model
        obj = self.object
        if obj.pk:
            title = _("ویرایش %(object)s") % {"object": obj}
            crumbs = [*self.list_breadcrumb(), (str(obj), obj.get_absolute_url()), (_("ویرایش"), None)]
            cancel = obj.get_absolute_url()
        else:
            title = _("افزودن %(model)s") % {"model": model._meta.verbose_name}
            crumbs = [*self.list_breadcrumb(), (_("افزودن"), None)]
            cancel = model_url(model, "list") or reverse("home")
        context = {
            "form": form,
            "object": obj,
            "model": model,
            "title": title,
            "breadcrumbs": crumbs,
            "cancel_url": safe_return_url(self.request, cancel),
            "return_url": self.request.GET.get("return_url") or self.request.POST.get("return_url", ""),
        }
        return render(self.request, self.template_name, context, status=status)


class ObjectDeleteView(ScopedViewMixin, View):
    """Confirm, then delete; objects that others still depend on are kept, with the reason in Persian."""

    template_name = "generic/object_delete.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_scoped_object("delete")
        return render(request, self.template_name, self.get_context_data())

    def post(self, request, *args, **kwargs):
        obj = self.object = self.get_scoped_object("delete")
        name = str(obj)
        try:
            with transaction.atomic():
                self.perform_delete(obj)
        except (ProtectedError, RestrictedError) as error:
            messages.error(request, refusal_message(name, error))
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _("«%(object)s» حذف شد.") % {"object": name})
        return HttpResponseRedirect(safe_return_url(request, model_url(type(obj), "list") or reverse("home")))

    def perform_delete(self, obj):
        """The delete itself; a model whose delete is a business event calls its service here."""
        obj.delete()

    def get_context_data(self):
        obj = self.object
        return {
            "object": obj,
            "title": _("حذف %(object)s") % {"object": obj},
            "breadcrumbs": [*self.list_breadcrumb(), (str(obj), obj.get_absolute_url()), (_("حذف"), None)],
            "cancel_url": obj.get_absolute_url(),
        }


@dataclass
class BulkAction:
    """An action taken on many selected rows of a list at once.

    ``apply(obj, user, **form data)`` is the same service function the single action calls, so one row
    changed in bulk gets exactly what it gets alone (its change-log entry included); ``check(obj)`` raises
    the ValidationError that ``apply`` would, so the confirmation page names the rows that would block it.

    ``finish(objects, results, user, **form data)``, when given, is the batch's own effect, run once after every
    row was applied, in the same transaction (one referral letter for the batch): its ValidationError refuses
    the whole batch; it returns the Persian lines added to the done message. ``preview(objects, user)`` returns
    the lines the confirmation page adds to ``effect`` (what ``finish`` will do). ``form_user``: the form is
    given the user (``user=``), for choices in the user's scope."""

    name: str
    label: str
    apply: object
    permission: str = "change"
    check: object = None
    form_class: object = None
    form_user: bool = False
    effect: str = ""
    done: str = ""
    finish: object = None
    preview: object = None

    def get_form(self, data, user):
        if self.form_class is None:
            return None
        return self.form_class(data, user=user) if self.form_user else self.form_class(data)


class BulkActionView(ScopedViewMixin, View):
    """Selected rows of a list: a confirmation page saying what will happen to each, then all or nothing.

    The rows are fetched through the scope helper for the action's permission: a row out of sight answers
    404, a role without the permission 403; one refused row leaves every row as it was. So does an unexpected
    failure midway (a bug, a write the database refuses): the batch is rolled back, the traceback logged, and the
    person sees the confirmation page again with their selection and what they typed, told in Persian which row
    (or the batch's last step) failed, so they may send it again or leave that row out. A database that cannot
    be reached is still the server's «unavailable for a moment» page (core.views.errors)."""

    bulk_actions = ()
    template_name = "generic/bulk_confirm.html"

    def post(self, request, *args, **kwargs):
        model = self.object_model
        list_url = safe_return_url(request, model_url(model, "list") or reverse("home"))
        action = next((a for a in self.bulk_actions if a.name == request.POST.get("action")), None)
        if action is None:
            messages.error(request, _("کار گروهی خواسته‌شده شناخته نیست."))
            return HttpResponseRedirect(list_url)
        self.require(action.permission)
        pks = {int(pk) for pk in request.POST.getlist("select") if pk.isdigit()}
        if not pks:
            messages.error(request, _("هیچ ردیفی انتخاب نشده است؛ ردیف‌ها را با کادر کنار هر یک برگزینید."))
            return HttpResponseRedirect(list_url)
        rows = scope.restrict(self.base_queryset().filter(pk__in=pks), request.user, action.permission)
        objects = list(rows)
        if len(objects) != len(pks):
            raise Http404
        confirmed = "confirmed" in request.POST
        form = action.get_form(request.POST if confirmed else None, request.user)
        blocked = self.blocked(action, objects)
        self.batch_problem = self.failure = ""
        self.failed_pk = None
        if confirmed and not blocked and (form is None or form.is_valid()):
            data = form.cleaned_data if form is not None else {}
            blocked, lines = self.apply(action, objects, data)
            if not blocked and not self.batch_problem and not self.failure:
                done = action.done % {"count": to_persian_digits(len(objects))}
                messages.success(request, " ".join([done, *lines]))
                return HttpResponseRedirect(list_url)
        context = {
            "title": action.label,
            "action": action,
            "preview": action.preview(objects, request.user) if action.preview else [],
            "rows": [(obj, blocked.get(obj.pk)) for obj in objects],
            "blocked": blocked,
            "batch_problem": self.batch_problem,
            "failure": self.failure,
            "failed_pk": self.failed_pk,
            "form": form,
            "return_url": list_url,
            "breadcrumbs": [*self.list_breadcrumb(), (action.label, None)],
        }
        return render(request, self.template_name, context, status=400 if confirmed else 200)

    def blocked(self, action, objects):
        """The rows the action would refuse, each with its Persian reason (a locked row's first)."""
        refused = {}
        for obj in objects:
            if reason := scope.locked_reason(obj, action.permission):
                refused[obj.pk] = str(reason)
                continue
            try:
                if action.check:
                    action.check(obj)
            except ValidationError as error:
                refused[obj.pk] = " ".join(error.messages)
        return refused

    def apply(self, action, objects, data):
        """Apply the action to every row, then the batch's ``finish``, in one transaction; the first refusals
        (a row's, or the batch's in ``batch_problem``) roll all of it back, and so does an unexpected failure
        (in ``failure``, naming the row it happened on). Returns (refused rows, done lines)."""
        refused, lines = {}, []
        user = self.request.user
        current = None
        try:
            with transaction.atomic():
                results = []
                for obj in objects:
                    current = obj
                    try:
                        results.append(action.apply(obj, user, **data))
                    except ValidationError as error:
                        refused[obj.pk] = " ".join(error.messages)
                current = None
                if refused:
                    raise BulkRefused
                if action.finish:
                    try:
                        lines = list(action.finish(objects, results, user, **data) or ())
                    except ValidationError as error:
                        self.batch_problem = " ".join(error.messages)
                        raise BulkRefused from error
        except BulkRefused:
            self.forget_changes(objects)
            lines = []
        except Exception as error:
            if database_unreachable(error):
                raise
            log.exception(
                "bulk action %r on %s failed at %s",
                action.name,
                self.object_model._meta.label,
                f"pk={current.pk}" if current is not None else "its last step",
            )
            self.failure = self.failure_message(current)
            self.failed_pk = current.pk if current is not None else None
            self.forget_changes(objects)
            refused, lines = {}, []
        return refused, lines

    @staticmethod
    def failure_message(obj):
        if obj is None:
            return _(
                "کار گروهی پس از همه ردیف‌ها، در گام پایانی‌اش، با خطایی در سامانه روبه‌رو شد و برای پشتیبانی ثبت "
                "شد. همه کار برگشت خورد و هیچ ردیفی تغییر نکرد؛ می‌توانید دوباره بفرستید."
            )
        return _(
            "کار بر «%(object)s» با خطایی در سامانه روبه‌رو شد و برای پشتیبانی ثبت شد. همه کار برگشت خورد و هیچ "
            "ردیفی تغییر نکرد؛ می‌توانید دوباره بفرستید، و اگر باز همین شد «%(object)s» را از انتخاب بردارید."
        ) % {"object": obj}

    @staticmethod
    def forget_changes(objects):
        """The rows as the rolled-back database holds them, not as the failed attempt left them in memory."""
        for obj in objects:
            obj.refresh_from_db()


class BulkRefused(Exception):
    """Raised inside a bulk action to roll all of it back when one row was refused."""


def apply_errors(form, error):
    """Put a service's ValidationError onto a form, field by field where the form has the field."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class ActionView(ScopedViewMixin, View):
    """A workflow action on one object, declared once as a ``core.actions.Action``: the form → the service →
    a Persian message → the object's page (or the action's ``success_url``, or a safe ``return_url``).

    ``actions`` lists the declarations this URL serves: by its ``<action>`` (an unknown one answers 403), or
    the one in ``actions`` when the URL has none. The object is fetched through the scope helper for the
    action's permission (404 out of sight, 403 without it). A refusal — the form's or the service's
    ValidationError — is shown on the action's page with everything typed kept (400); an action that asks
    nothing (a button) is refused with the message on the object's page, where it was clicked. GET shows the
    form of an action that has a page of its own (``page=True``); other actions answer GET with 405."""

    actions = ()
    template_name = "generic/object_edit.html"

    def get_action(self):
        name = self.kwargs.get("action")
        for action in self.actions:
            if name is None or action.name == name:
                return action
        raise PermissionDenied

    def get(self, request, *args, **kwargs):
        action = self.get_action()
        if not action.page:
            return HttpResponseNotAllowed(["POST"])
        self.object = self.get_scoped_object(action.required_permission)
        return self.render_action(action, action.get_form(self.object, user=request.user))

    def post(self, request, *args, **kwargs):
        action = self.get_action()
        obj = self.object = self.get_scoped_object(action.required_permission)
        form = action.get_form(obj, request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                result = action.perform(obj, request.user, form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if done := action.done_message(obj, result):
                    messages.success(request, done)
                return HttpResponseRedirect(safe_return_url(request, action.get_success_url(obj, result)))
        if action.form_class is None:
            messages.error(request, " ".join(form.non_field_errors()))
            return HttpResponseRedirect(safe_return_url(request, obj.get_absolute_url()))
        return self.render_action(action, form, status=400)

    def render_action(self, action, form, status=200):
        obj = self.object
        title = str(action.title) % {"object": obj}
        context = {
            "form": form,
            "object": obj,
            "title": title,
            "intro": action.intro(obj) if action.intro else "",
            "breadcrumbs": [*self.list_breadcrumb(), (str(obj), obj.get_absolute_url()), (title, None)],
            "cancel_url": safe_return_url(self.request, obj.get_absolute_url()),
            "return_url": self.request.GET.get("return_url") or self.request.POST.get("return_url", ""),
        }
        return render(self.request, self.template_name, context, status=status)
