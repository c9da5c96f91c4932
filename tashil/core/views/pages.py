"""Core's own pages: home, the working-day calendar, the change log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import jalali, scope
from tashil.core.choices import Role
from tashil.core.filtersets import ChangeLogEntryFilterSet, HolidayFilterSet
from tashil.core.forms.core import HolidayForm, WeekendForm
from tashil.core.models import ChangeLogEntry, Holiday, WeekendDay
from tashil.core.tables import ChangeLogEntryTable, HolidayTable

from .generic import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab

AUTOCOMPLETE_LIMIT = 20


def autocomplete(request):
    """Up to 20 objects of a searchable model matching ``q``, from the user's scope only."""
    from django.apps import apps
    from django.http import Http404, JsonResponse

    try:
        model = apps.get_model(request.GET.get("model", ""))
    except (LookupError, ValueError):
        raise Http404 from None
    searchable = getattr(model, "autocomplete", False) or getattr(model, "searchable", False)
    if not searchable or not scope.can(request.user, model, "view"):
        raise Http404
    results = scope.restrict(model._default_manager.all(), request.user).search(request.GET.get("q", ""))[
        :AUTOCOMPLETE_LIMIT
    ]
    return JsonResponse({"results": [{"id": obj.pk, "text": obj.autocomplete_label()} for obj in results]})


class HomeView(View):
    """The first page after sign-in: for staff, the dashboard of their whole scope; for a unit's representative,
    who they are, their unit and the ways in."""

    template_name = "home.html"

    def get(self, request):
        from tashil.reports.areas import default_area
        from tashil.reports.views import dashboard_context, may_see_reports

        if may_see_reports(request.user):
            return render(request, "reports/dashboard.html", dashboard_context(request, default_area(request.user)))
        memberships = scope.memberships(request.user)
        context = {"title": _("پیشخوان"), "today": jalali.today(), "memberships": memberships}
        if any(m.role == Role.UNIT_REP for m in memberships):
            context.update(self.unit_desk(request.user))
        else:
            context["cards"] = self.cards(request.user)
        return render(request, self.template_name, context)

    UNIT_DESK_ROWS = 20

    def unit_desk(self, user):
        """What a producer comes to see: their unit and its last monthly figures, their obstacles still open with
        where each referral stands, the resolutions about their unit still being followed up, their clinic case,
        and the workshops ahead; with the actions they may take. Everything through the scope helper."""
        from django.db.models import Prefetch

        from tashil.clinic.models import ClinicCase
        from tashil.meetings.models import Resolution
        from tashil.obstacles.models import Obstacle, Referral
        from tashil.units.models import IndustrialUnit, PeriodicReport, Product
        from tashil.workshops.choices import WorkshopStatus
        from tashil.workshops.models import Workshop

        rows = self.UNIT_DESK_ROWS
        units = list(scope.restrict(IndustrialUnit.objects.select_related("county"), user).order_by("name")[:rows])
        reports = scope.restrict(PeriodicReport.objects.all(), user)
        for unit in units:
            unit.last_report = reports.filter(unit=unit).order_by("-year", "-month").first()
        referrals = Prefetch("referrals", Referral.objects.select_related("agency").order_by("due_date", "pk"))
        obstacles = scope.restrict(Obstacle.objects.open(), user).select_related("unit", "group")
        resolutions = scope.restrict(Resolution.objects.open(), user).select_related("agency", "meeting", "unit")
        cases = scope.restrict(ClinicCase.objects.open(), user).select_related("unit", "centre")
        workshops = scope.restrict(
            Workshop.objects.filter(status=WorkshopStatus.PLANNED, date__gte=jalali.today()), user
        ).select_related("county")
        return {
            "desk_units": units,
            # Most representatives speak for one unit: actions then open on it, and lists need not name it.
            "desk_single_unit": units[0] if len(units) == 1 else None,
            "desk_obstacles": list(obstacles.prefetch_related(referrals).order_by("-reported_date", "-pk")[:rows]),
            "desk_obstacle_count": obstacles.count(),
            "desk_resolutions": list(resolutions.order_by("deadline", "pk")[:rows]),
            "desk_cases": list(cases.with_progress().order_by("-opened_date", "-pk")[:rows]),
            "desk_workshops": list(workshops.order_by("date", "start_time")[:5]),
            "can_add_obstacle": scope.can(user, Obstacle, "add"),
            "can_add_report": scope.can(user, PeriodicReport, "add"),
            "can_add_product": scope.can(user, Product, "add"),
        }

    def cards(self, user):
        """Counts of what the user may see, one query each; each card links to the list it counts."""
        from django.apps import apps

        cards = []
        for label, model_label, url_name, icon in self.CARDS:
            try:
                model = apps.get_model(model_label)
            except LookupError:
                continue
            if not scope.can(user, model, "view"):
                continue
            count = scope.restrict(model._default_manager.all(), user).count()
            cards.append({"label": label, "count": count, "url": reverse(url_name), "icon": icon})
        return cards

    CARDS = (
        (_("واحدهای صنعتی"), "units.IndustrialUnit", "units:industrialunit_list", "bi-building"),
        (_("شهرک‌ها و نواحی صنعتی"), "geo.IndustrialZone", "geo:industrialzone_list", "bi-buildings"),
        (_("دستگاه‌های اجرایی"), "orgs.Agency", "orgs:agency_list", "bi-bank"),
        (_("کاربران"), "accounts.User", "accounts:user_list", "bi-people"),
    )


class HolidayListView(ObjectListView):
    model = Holiday
    filterset_class = HolidayFilterSet
    table_class = HolidayTable
    template_name = "core/holiday_list.html"
    per_page = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["weekend"] = WeekendDay.objects.all()
        context["can_edit_weekend"] = scope.can(self.request.user, WeekendDay, "change")
        return context


class HolidayEditView(ObjectEditView):
    model = Holiday
    form_class = HolidayForm

    def get_success_url(self, obj):
        return reverse("core:holiday_list")


class HolidayDeleteView(ObjectDeleteView):
    model = Holiday


class WeekendEditView(View):
    """Which days of the week agencies are closed; deadlines in working days skip them."""

    template_name = "generic/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if not scope.can(request.user, WeekendDay, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = WeekendForm(initial={"weekdays": list(WeekendDay.objects.values_list("weekday", flat=True))})
        return self.render(form)

    def post(self, request):
        form = WeekendForm(request.POST)
        if form.is_valid():
            form.save()
            messages.success(request, _("روزهای تعطیل هفته ذخیره شد."))
            return HttpResponseRedirect(reverse("core:holiday_list"))
        return self.render(form, status=400)

    def render(self, form, status=200):
        title = _("روزهای تعطیل هفته")
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": title,
                "breadcrumbs": [(Holiday._meta.verbose_name_plural, reverse("core:holiday_list")), (title, None)],
                "cancel_url": reverse("core:holiday_list"),
            },
            status=status,
        )


class ChangeLogEntryListView(ObjectListView):
    queryset = ChangeLogEntry.objects.select_related("content_type", "user")
    filterset_class = ChangeLogEntryFilterSet
    table_class = ChangeLogEntryTable
    actions = ("export",)


class ChangeLogEntryView(ObjectView):
    queryset = ChangeLogEntry.objects.select_related("content_type", "user")
    history_tab = False
    tabs = (Tab("entry", gettext_lazy("رویداد"), "core/includes/changelog_entry.html"),)

    def get_entry_context(self):
        self.object.is_child = True
        return {"entries": [self.object]}
