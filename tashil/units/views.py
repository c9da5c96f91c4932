from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import scope
from tashil.core.choices import Role
from tashil.core.importing import get_kind
from tashil.core.tables import CountedPaginator
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import ActionView, BulkAction, BulkActionView, ScopedViewMixin, model_url

from . import actions, filtersets, forms, services, tables
from .choices import STATUS_COLOURS, IsicLevel, ReportStatus, UnitStatus
from .models import ImportJob, IndustrialUnit, IsicCode, PeriodicReport, Product, Project, UnitStatusChange


def is_representative_of(user, unit):
    return any(m.role == Role.UNIT_REP and m.unit_id == unit.pk for m in scope.memberships(user))


UNIT_BULK_ACTIONS = (
    BulkAction(
        name="data_check",
        label=gettext_lazy("درخواست تأیید اطلاعات از نماینده"),
        apply=services.request_data_check,
        permission="verify",
        check=services.check_data_request,
        effect=gettext_lazy(
            "به نماینده(های) هر واحد اعلانی (در سامانه، و با رایانامه و پیامک به انتخاب خودشان) فرستاده می‌شود که "
            "اطلاعات واحد را بررسی و تأیید یا اصلاح کنند؛ درخواست در تاریخچه و صفحه هر واحد ثبت می‌شود. واحدی که "
            "اطلاعاتش کهنه نیست یا نماینده‌ای در سامانه ندارد، همه را باز می‌دارد."
        ),
        done=gettext_lazy("از نماینده %(count)s واحد تأیید اطلاعات خواسته شد."),
    ),
)
ISIC_PICKER_LIMIT = 20


class IsicPickerView(View):
    """The ISIC picker's answers: up to 20 entries whose code begins with what was typed (in any digit script) or
    whose titles hold every word of it (any spelling), in code order; ``level`` keeps one level (the forms ask
    for classes). Reference data, the same for everyone signed in (the login middleware turns others away)."""

    def get(self, request):
        entries = IsicCode.objects.search(request.GET.get("q", "")).order_by("code")
        level = request.GET.get("level", "")
        if level in IsicLevel.values:
            entries = entries.filter(level=level)
        results = [{"id": entry.code, "text": str(entry)} for entry in entries[:ISIC_PICKER_LIMIT]]
        return JsonResponse({"results": results})


class IndustrialUnitListView(ObjectListView):
    queryset = IndustrialUnit.objects.select_related("county", "zone")
    filterset_class = filtersets.IndustrialUnitFilterSet
    table_class = tables.IndustrialUnitTable
    actions = ("add", "import", "export")
    bulk_actions = UNIT_BULK_ACTIONS
    results_header_template = "units/includes/status_counts.html"

    def pagination(self, queryset, filterset):
        """The list is counted by status for the status strip (COUNT(*), read from the status index alone);
        the counts' sum is the list's count, so the pages do not count the rows again. A text search's
        count is then exact too, as the strip counts every match anyway."""
        self.status_totals = dict(queryset.order_by().values_list("status").annotate(n=Count("*")))
        count = sum(self.status_totals.values())
        return {"per_page": self.page_size(), "paginator_class": CountedPaginator, "count": count}

    def get_context_data(self, **kwargs):
        """Counts by status within the current filter, each a link that narrows the list to it."""
        context = super().get_context_data(**kwargs)
        counts = self.status_totals
        query = self.request.GET.copy()
        query.pop("page", None)
        items = []
        for value, label in UnitStatus.choices:
            if counts.get(value):
                query.setlist("status", [value])
                items.append(
                    {
                        "label": label,
                        "count": counts[value],
                        "colour": STATUS_COLOURS[value],
                        "query": query.urlencode(),
                    }
                )
        context["status_counts"] = items
        return context


class IndustrialUnitBulkView(BulkActionView):
    queryset = IndustrialUnit.objects.select_related("county", "zone")
    bulk_actions = UNIT_BULK_ACTIONS


class IndustrialUnitView(ObjectView):
    queryset = IndustrialUnit.objects.select_related("county__province", "zone", "isic_class")
    template_name = "units/industrialunit.html"
    tabs = (
        Tab("profile", gettext_lazy("مشخصات"), "units/tabs/profile.html"),
        Tab("products", gettext_lazy("محصولات"), "units/tabs/products.html"),
        Tab("projects", gettext_lazy("طرح‌ها"), "units/tabs/projects.html"),
        Tab("statistics", gettext_lazy("آمار دوره‌ای"), "units/tabs/statistics.html"),
        Tab("status", gettext_lazy("تاریخچه وضعیت"), "units/tabs/status.html"),
    )

    def get_tabs(self):
        counts = IndustrialUnit.objects.filter(pk=self.object.pk).aggregate(
            products=Count("products", distinct=True),
            projects=Count("projects", distinct=True),
            statistics=Count("reports", distinct=True),
            status=Count("status_changes", distinct=True),
        )
        tabs = super().get_tabs()
        return [Tab(t.name, t.label, t.template_name, counts.get(t.name, t.count)) for t in tabs]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        unit = self.object
        context.update(
            can_change_status=scope.can_object(user, unit, "status"),
            can_verify=scope.can_object(user, unit, "verify"),
            can_follow=scope.can_object(user, unit, "follow"),
            can_add_product=scope.can(user, Product, "add") and scope.can_object(user, unit, "view"),
            can_add_report=scope.can(user, PeriodicReport, "add"),
            can_add_project=scope.can(user, Project, "add"),
            agency_identifiers=unit.identifiers_seen_by(user),
            can_confirm_data=scope.can_object(user, unit, "confirm_data"),
            data_checks=list(scope.restrict(unit.data_checks.select_related("requested_by", "confirmed_by"), user)[:5]),
            last_approved_report=unit.reports.filter(status=ReportStatus.APPROVED).order_by("-year", "-month").first(),
        )
        return context

    def get_products_context(self):
        products = scope.restrict(self.object.products.all(), self.request.user)
        return {"table": tables.ProductTable(products, user=self.request.user, orderable=False, exclude=("unit",))}

    def get_projects_context(self):
        projects = scope.restrict(self.object.projects.select_related("county"), self.request.user)
        table = tables.ProjectTable(
            projects, user=self.request.user, orderable=False, exclude=("unit", "investor_name")
        )
        return {"table": table}

    def get_statistics_context(self):
        reports = scope.restrict(self.object.reports.all(), self.request.user)
        table = tables.PeriodicReportTable(reports, user=self.request.user, orderable=False, exclude=("unit",))
        return {"table": table}

    def get_status_context(self):
        changes = scope.restrict(self.object.status_changes.select_related("user", "clinic_case"), self.request.user)
        return {"changes": changes}


class IndustrialUnitEditView(ObjectEditView):
    model = IndustrialUnit
    form_class = forms.UnitForm

    def get_form(self, data=None, files=None):
        # A unit's representative edits its public profile and contacts only.
        if self.object.pk and is_representative_of(self.request.user, self.object):
            self.form_class = forms.RepresentativeUnitForm
        return super().get_form(data, files)


class IndustrialUnitDeleteView(ObjectDeleteView):
    model = IndustrialUnit


class IndustrialUnitFollowView(ActionView):
    """Name the secretariat's expert who follows the unit (پیگیر)."""

    model = IndustrialUnit
    actions = (actions.FOLLOW,)


class IndustrialUnitStatusView(ActionView):
    """Change a unit's status with a date and a reason; the change enters its status history."""

    model = IndustrialUnit
    actions = (actions.STATUS,)


class IndustrialUnitVerifyView(ActionView):
    """Record that the unit's data was checked today (data freshness)."""

    model = IndustrialUnit
    actions = (actions.VERIFY,)


class IndustrialUnitConfirmDataView(ActionView):
    """The unit's representative says its data is right (the answer to the secretariat's request)."""

    model = IndustrialUnit
    actions = (actions.CONFIRM_DATA,)


class ProductListView(ObjectListView):
    queryset = Product.objects.select_related("unit")
    filterset_class = filtersets.ProductFilterSet
    table_class = tables.ProductTable


class ProductView(ObjectView):
    queryset = Product.objects.select_related("unit__county")
    template_name = "units/product.html"


class ProductPhotoView(ScopedViewMixin, View):
    """A product's photo, for whoever may see the product."""

    model = Product

    def get(self, request, pk):
        from tashil.core.files import image_response

        return image_response(self.get_scoped_object("view").photo)


class ProductEditView(ObjectEditView):
    model = Product
    form_class = forms.ProductForm

    def get_success_url(self, obj):
        return obj.unit.get_absolute_url() + "?tab=products"


class ProductDeleteView(ObjectDeleteView):
    model = Product

    def perform_delete(self, obj):
        services.delete_product(obj, user=self.request.user)


class ProjectListView(ObjectListView):
    queryset = Project.objects.select_related("unit", "county")
    filterset_class = filtersets.ProjectFilterSet
    table_class = tables.ProjectTable


class ProjectView(ObjectView):
    queryset = Project.objects.select_related("unit", "county")


class ProjectEditView(ObjectEditView):
    model = Project
    form_class = forms.ProjectForm


class ProjectDeleteView(ObjectDeleteView):
    model = Project


class UnitStatusChangeListView(ObjectListView):
    queryset = UnitStatusChange.objects.select_related("unit", "user")
    filterset_class = filtersets.UnitStatusChangeFilterSet
    table_class = tables.UnitStatusChangeTable
    actions = ("export",)


REPORT_BULK_ACTIONS = (
    BulkAction(
        name=services.APPROVE,
        label=gettext_lazy("تأیید آمار"),
        apply=partial(services.review_report, decision=services.APPROVE),
        permission="review",
        check=services.check_reviewable,
        effect=gettext_lazy("هر گزارش «تأییدشده» می‌شود و دیگر نماینده واحد آن را تغییر نمی‌دهد."),
        done=gettext_lazy("آمار %(count)s گزارش تأیید شد."),
    ),
    BulkAction(
        name=services.RETURN,
        label=gettext_lazy("برگشت برای اصلاح"),
        apply=partial(services.review_report, decision=services.RETURN),
        permission="review",
        check=services.check_reviewable,
        form_class=forms.ReturnReasonForm,
        effect=gettext_lazy("هر گزارش با دلیلی که می‌نویسید به واحد برمی‌گردد تا اصلاح و دوباره فرستاده شود."),
        done=gettext_lazy("%(count)s گزارش برای اصلاح برگشت داده شد."),
    ),
)


class PeriodicReportListView(ObjectListView):
    queryset = PeriodicReport.objects.select_related("unit")
    filterset_class = filtersets.PeriodicReportFilterSet
    table_class = tables.PeriodicReportTable
    bulk_actions = REPORT_BULK_ACTIONS


class PeriodicReportBulkView(BulkActionView):
    queryset = PeriodicReport.objects.select_related("unit")
    bulk_actions = REPORT_BULK_ACTIONS


class PeriodicReportView(ObjectView):
    queryset = PeriodicReport.objects.select_related("unit", "submitted_by", "reviewed_by")
    template_name = "units/periodicreport.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        if report.status != ReportStatus.APPROVED and scope.can_object(self.request.user, report, "review"):
            context["review_form"] = forms.ReviewForm()
        return context


class PeriodicReportEditView(ObjectEditView):
    model = PeriodicReport
    form_class = forms.PeriodicReportForm


class PeriodicReportDeleteView(ObjectDeleteView):
    model = PeriodicReport


class PeriodicReportReviewView(ActionView):
    """The secretariat approves a report or returns it with a reason."""

    model = PeriodicReport
    actions = (actions.REVIEW,)


def refuse_unless_permitted(kind, user):
    """A kind's further condition on who imports it (``ImportKind.permitted``), beyond its model's action."""
    if kind.permitted is not None and not kind.permitted(user):
        raise PermissionDenied


class ImportView(ScopedViewMixin, View):
    """Upload a spreadsheet of one kind of import (``core.importing``: units, past obstacles, past meetings); it
    is checked in the background and shown as a preview before anything is written. Each kind's list links here
    (``<app>:<model>_import``, the list's «ورود از فایل»); the kind's model's «add» permission governs it."""

    kind = "units"
    template_name = "units/import.html"

    @property
    def import_kind(self):
        return get_kind(self.kind)

    @property
    def model(self):
        return self.import_kind.model

    def require(self, action):
        super().require(action)
        refuse_unless_permitted(self.import_kind, self.request.user)

    def get(self, request):
        self.require(self.import_kind.action)
        return self.render(self.form())

    def form(self, *args):
        kind = self.import_kind
        return forms.ImportForm(
            *args, user=self.request.user, model=kind.model, action=kind.action, county=kind.uses_county
        )

    def post(self, request):
        self.require(self.import_kind.action)
        form = self.form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        job = services.submit_import(
            request.user,
            self.kind,
            form.cleaned_data["file"],
            county=form.cleaned_data.get("county"),
            partial=form.cleaned_data["partial"],
        )
        messages.info(request, _("فایل دریافت شد و در حال بررسی است."))
        return HttpResponseRedirect(job.get_absolute_url())

    def render(self, form, status=200):
        kind = self.import_kind
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": _("ورود %(kind)s از فایل") % {"kind": kind.label},
                "kind": kind,
                "template_url": reverse(kind.template_url_name),
                "columns": [(label, aliases) for label, aliases in kind.columns.values()],
                "breadcrumbs": [*self.list_breadcrumb(), (_("ورود از فایل"), None)],
                "jobs": scope.restrict(ImportJob.objects.filter(kind=self.kind), self.request.user)[:10],
            },
            status=status,
        )


class ImportTemplateView(ScopedViewMixin, View):
    """The template sheet linked from an upload page: the headers and one example row that imports as it is."""

    kind = "units"

    @property
    def model(self):
        return get_kind(self.kind).model

    def get(self, request):
        from tashil.core.exports import xlsx_response

        kind = get_kind(self.kind)
        self.require(kind.action)
        refuse_unless_permitted(kind, request.user)
        return xlsx_response(
            kind.template_rows(request.user),
            _("نمونه فایل ورود %(kind)s") % {"kind": kind.label},
            sheet_title=str(kind.label),
        )


class ImportJobView(ObjectView):
    queryset = ImportJob.objects.select_related("user", "county")
    template_name = "units/importjob.html"
    history_tab = False
    tabs = (Tab("report", gettext_lazy("گزارش"), "units/tabs/import_report.html"),)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.htmx and self.object.is_pending:
            response.status_code = 200
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = get_kind(self.object.kind)
        list_url = model_url(kind.model, "list")
        context["breadcrumbs"] = [
            (kind.model._meta.verbose_name_plural, list_url),
            (_("ورود از فایل"), reverse(kind.url_name)),
            (str(self.object), None),
        ]
        context["kind"] = kind
        context["upload_url"] = reverse(kind.url_name)
        context["report"] = self.object.result or self.object.preview_result
        context["partial_label"] = forms.ImportForm.base_fields["partial"].label  # the upload page's own words
        return context


class ImportJobApplyView(ScopedViewMixin, View):
    model = ImportJob

    def post(self, request, pk):
        job = self.get_scoped_object("change")
        try:
            services.start_import(job)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return HttpResponseRedirect(job.get_absolute_url())
        messages.info(request, _("ثبت آغاز شد؛ نتیجه همین‌جا نمایش داده می‌شود."))
        return HttpResponseRedirect(job.get_absolute_url())
