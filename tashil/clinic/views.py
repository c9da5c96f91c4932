from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import jalali, scope
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import ActionView, ScopedViewMixin
from tashil.obstacles.models import Obstacle

from . import actions, filtersets, forms, services, tables
from .choices import CASE_ORDER, CaseOutcome, CaseStatus
from .models import (
    ActionItem,
    Centre,
    CentreExpert,
    ClinicCase,
    Diagnosis,
    InspectionVisit,
    WeeklyUpdate,
)


def centre_figures(queryset):
    """Each centre's load and outcomes, computed in one query."""
    start, end = jalali.year_bounds(jalali.jalali_today().year)
    overdue_actions = Q(cases__action_items__progress__lt=100, cases__action_items__deadline__lt=jalali.today()) & ~Q(
        cases__status=CaseStatus.CLOSED
    )
    return queryset.annotate(
        open_cases=Count("cases", filter=~Q(cases__status=CaseStatus.CLOSED), distinct=True),
        cases_this_year=Count("cases", filter=Q(cases__opened_date__range=(start, end)), distinct=True),
        closed_cases=Count("cases", filter=Q(cases__status=CaseStatus.CLOSED), distinct=True),
        revived=Count("cases", filter=Q(cases__revival__isnull=False), distinct=True),
        improved=Count("cases", filter=Q(cases__outcome=CaseOutcome.IMPROVED), distinct=True),
        not_revivable=Count("cases", filter=Q(cases__outcome=CaseOutcome.NOT_REVIVABLE), distinct=True),
        overdue_actions=Count("cases__action_items", filter=overdue_actions, distinct=True),
    )


def case_steps(case):
    """The steps of the case as (value, label, done|current|"") for the step bar."""
    reached = CASE_ORDER.index(case.status)
    return [
        (value, label, "done" if index < reached else "current" if index == reached else "")
        for index, (value, label) in enumerate(CaseStatus.choices)
    ]


class CentreListView(ObjectListView):
    """All centres in scope with their load and outcomes (the national view for a national user)."""

    filterset_class = filtersets.CentreFilterSet
    table_class = tables.CentreTable

    def base_queryset(self):
        return centre_figures(Centre.objects.select_related("province", "county"))


class CentreView(ObjectView):
    queryset = Centre.objects.select_related("province", "county")
    template_name = "clinic/centre.html"
    tabs = (
        Tab("cases", gettext_lazy("پرونده‌ها"), "generic/includes/tab_table.html"),
        Tab("experts", gettext_lazy("کارشناسان"), "clinic/tabs/experts.html"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        centre = self.object
        by_status = dict(centre.cases.values_list("status").annotate(n=Count("pk")))
        context["by_status"] = [(label, by_status.get(value, 0), value) for value, label in CaseStatus.choices]
        context["capacity_used"] = centre.capacity_used()
        context["overdue_actions"] = (
            ActionItem.objects.filter(case__centre=centre, progress__lt=100, deadline__lt=jalali.today())
            .exclude(case__status=CaseStatus.CLOSED)
            .count()
        )
        context["no_update"] = centre.cases.without_update_this_week().count()
        context["revived"] = centre.cases.revived().count()
        return context

    def get_cases_context(self):
        cases = scope.restrict(
            self.object.cases.with_progress().select_related("unit", "county", "centre"), self.request.user
        )
        return {"table": tables.ClinicCaseTable(cases, user=self.request.user, orderable=False, exclude=("centre",))}

    def get_experts_context(self):
        return {"experts": scope.restrict(self.object.experts.select_related("user"), self.request.user)}


class CentreEditView(ObjectEditView):
    model = Centre
    form_class = forms.CentreForm


class CentreDeleteView(ObjectDeleteView):
    model = Centre


class CentreExpertEditView(ObjectEditView):
    model = CentreExpert
    form_class = forms.CentreExpertForm

    def get_success_url(self, obj):
        return obj.centre.get_absolute_url() + "?tab=experts"


class CentreExpertDeleteView(ObjectDeleteView):
    model = CentreExpert


class ClinicCaseListView(ObjectListView):
    queryset = ClinicCase.objects.select_related("unit", "county", "centre")
    filterset_class = filtersets.ClinicCaseFilterSet
    table_class = tables.ClinicCaseTable

    def base_queryset(self):
        return super().base_queryset().with_progress()


class ClinicCaseView(ObjectView):
    queryset = ClinicCase.objects.select_related("unit__county", "centre", "revival")
    template_name = "clinic/cliniccase.html"
    tabs = (
        Tab("overview", gettext_lazy("روند"), "clinic/tabs/overview.html"),
        Tab("diagnosis", gettext_lazy("آسیب‌شناسی"), "clinic/tabs/diagnosis.html"),
        Tab("plan", gettext_lazy("برنامه احیا"), "clinic/tabs/plan.html"),
        Tab("updates", gettext_lazy("گزارش‌های هفتگی"), "clinic/tabs/updates.html"),
        Tab("visits", gettext_lazy("بازدیدها"), "clinic/tabs/visits.html"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, case = self.request.user, self.object
        context.update(
            can_advance=case.is_open
            and case.status != CaseStatus.AWAITING
            and case.next_status is not None
            and scope.can_object(user, case, "advance"),
            can_close=case.is_open and case.status != CaseStatus.AWAITING and scope.can_object(user, case, "close"),
            can_confirm=case.status == CaseStatus.AWAITING and scope.can_object(user, case, services.CONFIRM),
            review_form=forms.ReviewRevivalForm(),
            can_change=case.is_open and scope.can_object(user, case, "change"),
            close_form=forms.CloseCaseForm(),
            steps=case_steps(case),
            diagnosis=getattr(case, "diagnosis", None),
            progress=case.progress,
        )
        if not case.is_open:
            context["edit_url"] = None  # a closed case is a record now
        return context

    def get_overview_context(self):
        case = self.object
        return {
            "experts": case.experts.all(),
            "last_update": case.updates.first(),
            "last_visit": case.visits.first(),
            "overdue": [item for item in case.action_items.all() if item.is_overdue],
            "obstacles": Obstacle.objects.filter(diagnosis_score__diagnosis__case=case).select_related("group"),
        }

    def get_diagnosis_context(self):
        diagnosis = getattr(self.object, "diagnosis", None)
        scores = diagnosis.scores.select_related("group", "obstacle") if diagnosis else []
        pending = [s for s in scores if s.needs_agency and s.obstacle_id is None]
        return {"scores": scores, "pending_obstacles": pending}

    def get_plan_context(self):
        items = scope.restrict(self.object.action_items.select_related("agency", "expert"), self.request.user)
        return {"table": tables.ActionItemTable(items, user=self.request.user, orderable=False)}

    def get_updates_context(self):
        return {
            "updates": scope.restrict(self.object.updates.select_related("author"), self.request.user),
            "update_form": forms.WeeklyUpdateForm(initial={"case": self.object.pk}, user=self.request.user),
        }

    def get_visits_context(self):
        return {"visits": scope.restrict(self.object.visits.select_related("expert"), self.request.user)}


class ClinicCaseEditView(ObjectEditView):
    model = ClinicCase
    form_class = forms.ClinicCaseForm


class ClinicCaseDeleteView(ObjectDeleteView):
    model = ClinicCase


class CaseActionView(ActionView):
    """advance / close / review a proposed revival: buttons and short forms on the case page."""

    model = ClinicCase
    actions = actions.CASE_ACTIONS


class DiagnosisEditView(ScopedViewMixin, View):
    """The whole diagnosis in one page: a score and findings per dimension, the levers and a summary."""

    model = ClinicCase
    template_name = "clinic/diagnosis_form.html"

    def get_forms(self, case, data=None):
        diagnosis = getattr(case, "diagnosis", None) or Diagnosis(case=case)
        form = forms.DiagnosisForm(data, instance=diagnosis, user=self.request.user)
        formset = forms.score_formset(diagnosis, data)
        return form, formset

    def get(self, request, pk):
        case = self.get_scoped_object("change")
        form, formset = self.get_forms(case)
        return self.render(case, form, formset)

    def post(self, request, pk):
        case = self.get_scoped_object("change")
        form, formset = self.get_forms(case, request.POST)
        if form.is_valid() and formset.is_valid():
            diagnosis = form.save(commit=False)
            diagnosis.case = case
            formset.instance = diagnosis
            services.save_diagnosis(diagnosis, formset.save(commit=False), user=request.user)
            messages.success(request, _("آسیب‌شناسی ذخیره شد."))
            return HttpResponseRedirect(case.get_absolute_url() + "?tab=diagnosis")
        return self.render(case, form, formset, status=400)

    def render(self, case, form, formset, status=200):
        title = _("آسیب‌شناسی %(case)s") % {"case": case}
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "formset": formset,
                "object": case,
                "title": title,
                "breadcrumbs": [*self.list_breadcrumb(), (str(case), case.get_absolute_url()), (_("آسیب‌شناسی"), None)],
                "cancel_url": case.get_absolute_url() + "?tab=diagnosis",
            },
            status=status,
        )


class DiagnosisObstaclesView(ActionView):
    """Turn the findings that need an agency into obstacles, in one step."""

    model = ClinicCase
    actions = (actions.FINDINGS,)


class CaseChildEditView(ObjectEditView):
    def get_success_url(self, obj):
        return obj.case.get_absolute_url() + f"?tab={self.tab}"


class ActionItemEditView(CaseChildEditView):
    model = ActionItem
    form_class = forms.ActionItemForm
    tab = "plan"


class ActionItemDeleteView(ObjectDeleteView):
    model = ActionItem


class WeeklyUpdateEditView(CaseChildEditView):
    model = WeeklyUpdate
    form_class = forms.WeeklyUpdateForm
    tab = "updates"


class InspectionVisitEditView(CaseChildEditView):
    model = InspectionVisit
    form_class = forms.InspectionVisitForm
    tab = "visits"


class NoUpdateThisWeekView(ClinicCaseListView):
    """Open cases with no weekly update since Saturday."""

    title = gettext_lazy("پرونده‌های بی‌گزارش این هفته")
    actions = ("export",)

    def base_queryset(self):
        return super().base_queryset().filter(pk__in=ClinicCase.objects.without_update_this_week().values("pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = jalali.week_bounds()
        context["title"] = _("پرونده‌های بی‌گزارش هفته %(start)s تا %(end)s") % {
            "start": jalali.format_jalali(start),
            "end": jalali.format_jalali(end),
        }
        context["breadcrumbs"] = [
            (ClinicCase._meta.verbose_name_plural, reverse("clinic:cliniccase_list")),
            (context["title"], None),
        ]
        return context
