from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import scope
from tashil.core.choices import Role
from tashil.core.tables import CountedPaginator
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import ActionView, BulkAction, BulkActionView, ScopedViewMixin, safe_return_url
from tashil.geo.areas import default_area
from tashil.geo.cache import cached, kept_a_while

from . import actions, filtersets, forms, services, tables
from .choices import ReferralStatus
from .models import (
    Attachment,
    Obstacle,
    ObstacleDomain,
    ObstacleEvent,
    ObstacleGroup,
    ProducerReview,
    Referral,
    SystemicIssue,
    open_referral_q,
    overdue_q,
    overdue_referral_q,
)


def this_month():
    """The first and last day of the Jalali month we are in: what «closed this month» counts."""
    from tashil.core.jalali import jalali_today, month_bounds

    now = jalali_today()
    return month_bounds(now.year, now.month)


def with_overdue(queryset):
    return queryset.annotate(has_overdue=ExpressionWrapper(overdue_q(), output_field=BooleanField()))


def refer_in_bulk(obstacle, user, agency, days=None, note=""):
    return services.refer(obstacle, [agency], user=user, days=days, note=note)


def check_referable(obstacle):
    obstacle.refuse_if_closed(_("ارجاع داد"))


def referred_in_bulk(obstacles, results, user, **data):
    """The batch's own effects once each obstacle is referred: one referral letter for all (letters' hook)."""
    return services.referred_in_batch(obstacles, [referral for made in results for referral in made], user=user)


OBSTACLE_BULK_ACTIONS = (
    BulkAction(
        name="refer",
        label=gettext_lazy("ارجاع به یک دستگاه"),
        apply=refer_in_bulk,
        permission="refer",
        check=check_referable,
        form_class=forms.BulkReferForm,
        effect=gettext_lazy(
            "هر مانع به دستگاهی که برمی‌گزینید ارجاع می‌شود، با مهلت و توضیحی که می‌نویسید، چنان‌که از صفحه خود "
            "مانع؛ اگر دستگاه به یکی از آن‌ها خدمت ندهد یا پیش‌تر به آن ارجاع شده باشد، هیچ‌کدام ارجاع نمی‌شود."
        ),
        done=gettext_lazy("%(count)s مانع ارجاع شد."),
        finish=referred_in_bulk,
        preview=services.batch_referral_preview,
    ),
)


def assign_in_bulk(referral, user, assignee):
    return services.assign(referral, assignee, user=user)


REFERRAL_BULK_ACTIONS = (
    BulkAction(
        name="assign",
        label=gettext_lazy("سپردن به یک کارشناس"),
        apply=assign_in_bulk,
        permission="assign",
        check=services.refuse_unless_assignable,
        form_class=forms.BulkAssignForm,
        form_user=True,
        effect=gettext_lazy(
            "رسیدگی به هر ارجاع به کارشناسی که برمی‌گزینید سپرده می‌شود، چنان‌که از صفحه خود ارجاع: در روند "
            "رسیدگی هر مانع ثبت و به کارشناس خبر داده می‌شود؛ اگر یکی از آن‌ها پیش‌تر به همین کارشناس سپرده شده "
            "یا بسته شده باشد، هیچ‌کدام سپرده نمی‌شود."
        ),
        done=gettext_lazy("%(count)s ارجاع به کارشناس سپرده شد."),
    ),
)


class ObstacleListView(ObjectListView):
    queryset = Obstacle.objects.select_related("unit", "county", "group")
    filterset_class = filtersets.ObstacleFilterSet
    table_class = tables.ObstacleTable
    bulk_actions = OBSTACLE_BULK_ACTIONS
    actions = ("add", "import", "export")
    import_action = "refer"  # an import of the past refers obstacles: the secretariat's, not a unit's or expert's

    def base_queryset(self):
        return with_overdue(super().base_queryset())


class ObstacleBulkView(BulkActionView):
    queryset = Obstacle.objects.select_related("unit", "county", "group")
    bulk_actions = OBSTACLE_BULK_ACTIONS


class ObstacleView(ObjectView):
    queryset = Obstacle.objects.select_related("unit__county", "group__domain", "systemic_issue", "reported_by")
    template_name = "obstacles/obstacle.html"
    tabs = (
        Tab("timeline", gettext_lazy("روند رسیدگی"), "obstacles/tabs/timeline.html"),
        Tab("referrals", gettext_lazy("ارجاع‌ها"), "obstacles/tabs/referrals.html"),
        Tab("details", gettext_lazy("مشخصات"), "obstacles/tabs/details.html"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, obstacle = self.request.user, self.object
        can = {
            action: scope.can_object(user, obstacle, action)
            for action in ("refer", "close", "escalate", "comment", "follow")
        }
        context.update(
            can=can,
            # The agency's «done» waiting for this person's word (a unit's representative), if any.
            pending_review=scope.restrict(
                ProducerReview.objects.filter(referral__obstacle=obstacle, state="pending"), user, "review"
            )
            .select_related("referral__agency")
            .first(),
            is_open=obstacle.is_open,
            comment_form=forms.CommentForm(user=user),
        )
        return context

    def get_timeline_context(self):
        events = scope.restrict(ObstacleEvent.objects.filter(obstacle=self.object), self.request.user)
        return {"events": events.select_related("author", "attachment", "referral__agency")}

    def get_referrals_context(self):
        referrals = scope.restrict(self.object.referrals.select_related("agency", "obstacle__unit"), self.request.user)
        return {
            "table": tables.ReferralTable(
                referrals, user=self.request.user, orderable=False, exclude=("obstacle", "unit")
            )
        }


class ObstacleEditView(ObjectEditView):
    model = Obstacle
    form_class = forms.ObstacleForm


class ObstacleDeleteView(ObjectDeleteView):
    model = Obstacle


class ObstacleReferView(ActionView):
    model = Obstacle
    actions = (actions.REFER,)


class ObstacleCloseView(ActionView):
    model = Obstacle
    actions = (actions.CLOSE,)


class ObstacleEscalateView(ActionView):
    model = Obstacle
    actions = (actions.ESCALATE,)


class ObstacleFollowView(ActionView):
    """Name the secretariat's expert who follows the obstacle (پیگیر)."""

    model = Obstacle
    actions = (actions.FOLLOW,)


class ObstacleCommentView(ActionView):
    """A comment, a file, or both, on the obstacle's timeline; a refusal is shown on the action's page with what was
    typed kept."""

    model = Obstacle
    actions = (actions.COMMENT,)


class AttachmentDownloadView(ScopedViewMixin, View):
    """Files leave only through the scope helper, as attachments, never rendered inline."""

    model = Attachment

    def get(self, request, pk):
        attachment = self.get_scoped_object("view")
        response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class ReferralListView(ObjectListView):
    """The referrals in scope. It opens on those still waiting for an answer (``state`` absent from the query
    is «در انتظار پاسخ», as an issue tracker opens on the open issues; its «همه» is ``state=``), the longest
    overdue at the top; with every referral shown, the unanswered still come first. A sort link overrides."""

    queryset = Referral.objects.select_related("obstacle__unit", "agency").unanswered_first()
    filterset_class = filtersets.ReferralFilterSet
    table_class = tables.ReferralTable
    actions = ("export",)
    template_name = "obstacles/referral_list.html"
    bulk_actions = REFERRAL_BULK_ACTIONS

    def filter_data(self):
        data = self.request.GET.copy()
        data.setdefault("state", self.filterset_class.WAITING)
        return data

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_escalate"] = scope.can(self.request.user, Referral, "escalate")
        return context


class ReferralBulkView(BulkActionView):
    queryset = Referral.objects.select_related("obstacle__unit", "agency", "assignee")
    bulk_actions = REFERRAL_BULK_ACTIONS


class ReferralView(ObjectView):
    queryset = Referral.objects.select_related("obstacle__unit", "agency", "referred_by", "responded_by")
    template_name = "obstacles/referral.html"
    history_tab = False
    tabs = (Tab("answer", gettext_lazy("پاسخ"), "obstacles/tabs/referral_answer.html"),)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.object
        user = self.request.user
        # The unit as this agency knows it (its economic code, workshop code, subscription…).
        context["unit_identifiers"] = referral.obstacle.unit.identifiers_for(referral.agency.type)
        if referral.is_open and scope.can_object(user, referral, "respond"):
            context["respond_form"] = forms.RespondForm(referral=referral)
        context["may_request_documents"] = (
            referral.obstacle.is_open
            and referral.status in Referral.MAY_REQUEST_DOCUMENTS
            and scope.can_object(user, referral, "request_documents")
        )
        context["may_supply_documents"] = referral.is_waiting and scope.can_object(user, referral, "supply_documents")
        context["can_assign"] = referral.is_open and scope.can_object(self.request.user, referral, "assign")
        context["reviews"] = scope.restrict(referral.reviews.select_related("answered_by"), self.request.user)
        return context


class ReferralAssignView(ActionView):
    """The officers of the referral's agency name which of them handles it (and hand it on)."""

    model = Referral
    actions = (actions.ASSIGN,)


class ReferralRespondView(ActionView):
    """The agency's answer, posted from the referral's page (or the inbox, which it returns to)."""

    model = Referral
    actions = (actions.ANSWER,)


class ReferralActionView(ActionView):
    """The clock's pause and restart: the agency asks the producer for documents, the producer answers."""

    model = Referral
    actions = (actions.REQUEST_DOCUMENTS, actions.SUPPLY_DOCUMENTS)


class ReferralEscalateView(View):
    """Escalate the chosen overdue referrals in one action."""

    def post(self, request):
        if not scope.can(request.user, Referral, "escalate"):
            raise PermissionDenied
        ids = request.POST.getlist("referral")
        chosen = scope.restrict(Referral.objects.filter(pk__in=ids), request.user, "escalate").select_related("agency")
        done, refused = 0, []
        for referral in chosen:
            try:
                services.escalate_referral(referral, request.user)
                done += 1
            except ValidationError as error:
                refused.append(f"{referral}: {' '.join(error.messages)}")
        if done:
            messages.success(request, _("%(count)s ارجاع تشدید شد.") % {"count": done})
        for line in refused:
            messages.error(request, line)
        if not done and not refused:
            messages.error(request, _("هیچ ارجاعی برگزیده نشد."))
        return HttpResponseRedirect(safe_return_url(request, reverse("obstacles:referral_list")))


class InboxView(ObjectListView):
    """What is referred to the officer's agency: open first, overdue first, then by due date.

    Other apps add panels (the meetings app: resolutions the agency must execute) with ``add_panel``.
    """

    panels = ()

    @classmethod
    def add_panel(cls, template_name, context):
        cls.panels = (*cls.panels, (template_name, context))

    # The page's 25 referrals are sorted among all of the agency's (a thousand) joined only to what sorts and
    # filters them, their obstacle; units, counties and assignees come after, for those 25 (joined before the
    # sort, they doubled the database's time for the page).
    queryset = Referral.objects.select_related("obstacle", "agency").prefetch_related(
        "obstacle__unit", "obstacle__county", "assignee"
    )
    filterset_class = filtersets.ReferralFilterSet
    table_class = tables.ReferralTable
    actions = ("export",)
    template_name = "obstacles/inbox.html"
    title = gettext_lazy("کارتابل دستگاه")
    export_name = "کارتابل"
    bulk_actions = REFERRAL_BULK_ACTIONS
    # «mine»: only the referrals the agency assigned to the signed-in officer (their own worklist).
    mine = False

    def table_kwargs(self):
        return {"exclude": ("agency",)}

    def base_queryset(self):
        agencies = [m.agency_id for m in scope.memberships(self.request.user) if m.role == Role.AGENCY_OFFICER]
        queryset = super().base_queryset().filter(agency_id__in=agencies)
        if self.mine:
            queryset = queryset.filter(assignee=self.request.user)
        # Open ones first; among them the earliest due date (so the overdue) first.
        return queryset.annotate(
            open_first=Case(When(open_referral_q(), then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("open_first", "due_date", "pk")

    def get(self, request, *args, **kwargs):
        if not any(m.role == Role.AGENCY_OFFICER for m in scope.memberships(request.user)):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    @cached_property
    def figures(self):
        """The inbox's figures (open, overdue, closed this month) and the number of its referrals, in one pass
        over them."""
        first, last = this_month()
        return (
            self.scoped_queryset()
            .order_by()
            .aggregate(
                total=Count("pk"),
                open=Count("pk", filter=open_referral_q()),
                overdue=Count("pk", filter=overdue_referral_q()),
                closed_this_month=Count(
                    "pk",
                    filter=Q(
                        status__in=(ReferralStatus.DONE, ReferralStatus.REJECTED),
                        responded_at__date__range=(first, last),
                    ),
                ),
            )
        )

    def pagination(self, queryset, filterset):
        """With no filter in use the list is every referral of the figures: their count is the list's, not
        counted again."""
        options = super().pagination(queryset, filterset)
        if filterset is None or not filterset.narrows:
            options.update(paginator_class=CountedPaginator, count=self.figures["total"])
        return options

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = self.figures
        context["mine"] = self.mine
        context["agencies"] = [m.agency for m in scope.memberships(self.request.user) if m.role == Role.AGENCY_OFFICER]
        context["panels"] = [(template, build(self)) for template, build in self.panels]
        return context


class MyInboxView(InboxView):
    """The officer's own worklist: the referrals of their agency assigned to them."""

    mine = True
    title = gettext_lazy("ارجاع‌های من")
    export_name = "ارجاع‌های من"


class FollowupsView(ObstacleListView):
    """A secretariat expert's worklist: the obstacles they follow (پیگیر) with their figures (open, overdue,
    closed this month) and the units they follow."""

    template_name = "obstacles/followups.html"
    title = gettext_lazy("پیگیری‌های من")
    export_name = "پیگیری‌های من"
    actions = ("export",)

    def get(self, request, *args, **kwargs):
        if not scope.can(request.user, Obstacle, "follow"):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return super().base_queryset().filter(follower=self.request.user)

    def get_context_data(self, **kwargs):
        from tashil.units.models import IndustrialUnit
        from tashil.units.tables import IndustrialUnitTable

        context = super().get_context_data(**kwargs)
        queryset = self.scoped_queryset()
        first, last = this_month()
        context["counts"] = {
            "open": queryset.open().count(),
            "overdue": queryset.overdue().count(),
            "closed_this_month": queryset.closed().filter(closed_date__range=(first, last)).count(),
        }
        units = scope.restrict(IndustrialUnit.objects.filter(follower=self.request.user), self.request.user)
        context["unit_count"] = units.count()
        context["units_table"] = IndustrialUnitTable(
            units.select_related("county", "zone")[:50], user=self.request.user, orderable=False
        )
        return context


class ProducerReviewListView(ObjectListView):
    """The producers' word on the agencies' «done»: a representative's own to answer first, then the rest."""

    queryset = ProducerReview.objects.select_related("referral__obstacle__unit", "referral__agency", "answered_by")
    filterset_class = filtersets.ProducerReviewFilterSet
    table_class = tables.ProducerReviewTable
    actions = ("export",)


class ProducerReviewView(ObjectView):
    queryset = ProducerReview.objects.select_related(
        "referral__obstacle__unit", "referral__agency", "referral__responded_by", "answered_by"
    )
    template_name = "obstacles/producerreview.html"
    tabs = (Tab("review", gettext_lazy("نظر تولیدکننده"), "obstacles/tabs/review.html"),)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        if review.is_pending and scope.can_object(self.request.user, review, "review"):
            # Both forms on one page ask for the same ratings: their own ids keep each label on its own field.
            context["confirm_form"] = forms.ConfirmForm(auto_id="confirm_%s")
            context["reopen_form"] = forms.ReopenForm(auto_id="reopen_%s")
        return context


class ProducerReviewActionView(ActionView):
    """Confirm or reopen, each with its own form page (the review's page shows both)."""

    model = ProducerReview
    actions = (actions.CONFIRM, actions.REOPEN)


class SystemicView(View):
    """Groups ranked by how many distinct units report them in the user's scope, with jobs and rials at stake.

    The ranking aggregates every obstacle in the area (the nation's open ones: 0.6 s, most of it reading
    them), so it is kept like the dashboards' figures: a county's always current, a province's or the
    nation's recomputed every few minutes, with the time it was computed shown (geo.cache)."""

    template_name = "obstacles/systemic.html"

    def get(self, request):
        if not scope.can(request.user, SystemicIssue, "view"):
            raise PermissionDenied
        state = "all" if request.GET.get("state") == "all" else "open"
        order = request.GET.get("order") if request.GET.get("order") in ("jobs", "rials") else "units"
        area = default_area(request.user)
        ranking, computed_at = cached(
            f"systemic:{state}:{order}",
            area,
            request.user,
            lambda: self.ranking(request.user, state, order),
            refresh=bool(request.GET.get("refresh")),
        )
        issues = scope.restrict(SystemicIssue.objects.annotate(obstacle_count=Count("obstacles")), request.user)
        issues = issues.order_by("-created", "-pk")  # the newest fifty (a count's GROUP BY has no order of its own)
        context = {
            "title": _("موانع فراگیر"),
            "ranking": ranking,
            "computed_at": computed_at,
            "cached_area": kept_a_while(area),
            "state": state,
            "order": order,
            "issues": tables.SystemicIssueTable(issues[:50], user=request.user, orderable=False),
            "can_raise": scope.can(request.user, SystemicIssue, "add"),
            "breadcrumbs": [(_("موانع فراگیر"), None)],
        }
        return render(request, self.template_name, context)

    @staticmethod
    def ranking(user, state, order):
        obstacles = scope.restrict(Obstacle.objects.all(), user)
        if state == "open":
            obstacles = obstacles.open()
        ranking = obstacles.values("group", "group__name", "group__domain__name", "group__wbes_category").annotate(
            units=Count("unit", distinct=True),
            obstacles=Count("pk"),
            jobs=Sum("jobs_at_risk"),
            rials=Sum("amount"),
            systemic=Count("pk", filter=Q(systemic_issue__isnull=False)),
        )
        if order == "units":
            ranking = ranking.order_by("-units", "-jobs", "group__name")
        else:
            ranking = ranking.order_by(f"-{order}", "-units")
        return list(ranking[:100])


class SystemicIssueListView(ObjectListView):
    queryset = SystemicIssue.objects.select_related("group", "province", "county").annotate(
        obstacle_count=Count("obstacles")
    )
    filterset_class = filtersets.SystemicIssueFilterSet
    table_class = tables.SystemicIssueTable


class SystemicIssueView(ObjectView):
    queryset = SystemicIssue.objects.select_related("group", "province", "county", "raised_by")
    template_name = "obstacles/systemicissue.html"
    tabs = (
        Tab("obstacles", gettext_lazy("موانع"), "generic/includes/tab_table.html"),
        Tab("details", gettext_lazy("مشخصات"), "generic/includes/profile.html"),
    )

    def get_obstacles_context(self):
        obstacles = scope.restrict(
            with_overdue(self.object.obstacles.select_related("unit", "county", "group")), self.request.user
        )
        return {"table": tables.ObstacleTable(obstacles, user=self.request.user, orderable=False)}

    def get_details_context(self):
        from tashil.core.display import object_fields

        return {"fields": object_fields(self.object)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if scope.can_object(self.request.user, self.object, "status") and SystemicIssue.TRANSITIONS.get(
            self.object.status
        ):
            context["status_form"] = forms.SystemicStatusForm(issue=self.object)
        return context


class SystemicIssueEditView(ObjectEditView):
    model = SystemicIssue
    form_class = forms.SystemicIssueForm


class SystemicIssueDeleteView(ObjectDeleteView):
    model = SystemicIssue


class SystemicIssueStatusView(ActionView):
    model = SystemicIssue
    actions = (actions.MOVE_ISSUE,)


class ObstacleDomainListView(ObjectListView):
    queryset = ObstacleDomain.objects.annotate(group_count=Count("groups"))
    filterset_class = filtersets.ObstacleDomainFilterSet
    table_class = tables.ObstacleDomainTable


class ObstacleDomainView(ObjectView):
    model = ObstacleDomain
    tabs = (Tab("groups", gettext_lazy("گروه‌ها"), "generic/includes/tab_table.html"),)

    def get_groups_context(self):
        return {"table": tables.ObstacleGroupTable(self.object.groups.all(), user=self.request.user, orderable=False)}


class ObstacleDomainEditView(ObjectEditView):
    model = ObstacleDomain
    form_class = forms.ObstacleDomainForm


class ObstacleGroupListView(ObjectListView):
    queryset = ObstacleGroup.objects.select_related("domain")
    filterset_class = filtersets.ObstacleGroupFilterSet
    table_class = tables.ObstacleGroupTable
    per_page = 100


class ObstacleGroupView(ObjectView):
    queryset = ObstacleGroup.objects.select_related("domain")


class ObstacleGroupEditView(ObjectEditView):
    model = ObstacleGroup
    form_class = forms.ObstacleGroupForm
