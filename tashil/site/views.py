"""The home page: the assembled site's first page after sign-in. It reads every capability (reports,
units, obstacles, meetings, clinic, workshops), so it lives here, above them all, not in core."""

from django.apps import apps
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from tashil.clinic.models import ClinicCase
from tashil.core import jalali, scope
from tashil.core.choices import Role
from tashil.geo.areas import default_area
from tashil.meetings.models import Resolution
from tashil.obstacles.models import Obstacle, ProducerReview, Referral
from tashil.reports.views import dashboard_context, may_see_reports
from tashil.units.models import IndustrialUnit, PeriodicReport, Product
from tashil.workshops.choices import WorkshopStatus
from tashil.workshops.models import Workshop


class HomeView(View):
    """The first page after sign-in: for staff, the dashboard of their whole scope; for a unit's representative,
    who they are, their unit and the ways in."""

    template_name = "home.html"

    def get(self, request):
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
        rows = self.UNIT_DESK_ROWS
        units = list(scope.restrict(IndustrialUnit.objects.select_related("county"), user).order_by("name")[:rows])
        reports = scope.restrict(PeriodicReport.objects.all(), user)
        for unit in units:
            unit.last_report = reports.filter(unit=unit).order_by("-year", "-month").first()
        referrals = Prefetch("referrals", Referral.objects.select_related("agency").order_by("due_date", "pk"))
        obstacles = scope.restrict(Obstacle.objects.open(), user).select_related("unit", "group")
        resolutions = scope.restrict(Resolution.objects.open(), user).select_related("agency", "meeting", "unit")
        cases = scope.restrict(ClinicCase.objects.open(), user).select_related("unit", "centre")
        reviews = scope.restrict(ProducerReview.objects.filter(state="pending"), user, "review")
        workshops = scope.restrict(
            Workshop.objects.filter(status=WorkshopStatus.PLANNED, date__gte=jalali.today()), user
        ).select_related("county")
        return {
            "desk_units": units,
            # Most representatives speak for one unit: actions then open on it, and lists need not name it.
            "desk_single_unit": units[0] if len(units) == 1 else None,
            "desk_obstacles": list(obstacles.prefetch_related(referrals).order_by("-reported_date", "-pk")[:rows]),
            "desk_obstacle_count": obstacles.count(),
            # The agencies' «done» waiting for the producer's word (confirm or reopen), soonest deadline first.
            "desk_reviews": list(
                reviews.select_related("referral__obstacle", "referral__agency").order_by("due_date", "pk")[:rows]
            ),
            "desk_resolutions": list(resolutions.order_by("deadline", "pk")[:rows]),
            "desk_cases": list(cases.with_progress().order_by("-opened_date", "-pk")[:rows]),
            "desk_workshops": list(workshops.order_by("date", "start_time")[:5]),
            "can_add_obstacle": scope.can(user, Obstacle, "add"),
            "can_add_report": scope.can(user, PeriodicReport, "add"),
            "can_add_product": scope.can(user, Product, "add"),
        }

    def cards(self, user):
        """Counts of what the user may see, one query each; each card links to the list it counts."""
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
