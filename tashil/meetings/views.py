import datetime
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import jalali, scope
from tashil.core.choices import ScopeLevel
from tashil.core.exports import export_response
from tashil.core.expressions import RowCount
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import ActionView, ScopedViewMixin
from tashil.geo.areas import Area, default_area
from tashil.geo.cache import cached, kept_a_while
from tashil.obstacles import services as obstacle_services

from . import actions, filtersets, forms, services, tables
from .choices import AgendaStatus, MeetingKind
from .minutes import minutes_filename, render_minutes
from .models import AgendaItem, Attendance, Meeting, MeetingSeries, Resolution, VisitFinding
from .reports import execution_by, execution_counts

# ---------------------------------------------------------------- series


# A meeting's resolutions, counted for the meetings on the page (not a GROUP BY over every meeting in scope).
RESOLUTION_COUNT = RowCount(Resolution.objects.filter(meeting=OuterRef("pk")))


class MeetingSeriesListView(ObjectListView):
    queryset = MeetingSeries.objects.select_related("county").annotate(
        meeting_count=RowCount(Meeting.objects.filter(series=OuterRef("pk")))
    )
    filterset_class = filtersets.MeetingSeriesFilterSet
    table_class = tables.MeetingSeriesTable


class MeetingSeriesView(ObjectView):
    queryset = MeetingSeries.objects.select_related("county")
    template_name = "meetings/meetingseries.html"
    tabs = (Tab("meetings", gettext_lazy("جلسات"), "generic/includes/tab_table.html"),)

    def get_meetings_context(self):
        meetings = self.object.meetings.annotate(resolution_count=RESOLUTION_COUNT)
        return {"table": tables.MeetingTable(meetings, user=self.request.user, orderable=False, exclude=("series",))}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if scope.can(self.request.user, Meeting, "add"):
            proposal = self.object.proposal()
            context["proposal"] = proposal
            context["proposal_url"] = (
                reverse("meetings:meeting_add")
                + f"?series={self.object.pk}&date={jalali.format_jalali(proposal.date, persian=False)}"
                + (f"&start_time={proposal.start_time:%H:%M}" if proposal.start_time else "")
                + f"&place={proposal.place}"
            )
        return context


class MeetingSeriesEditView(ObjectEditView):
    model = MeetingSeries
    form_class = forms.MeetingSeriesForm


class MeetingSeriesDeleteView(ObjectDeleteView):
    model = MeetingSeries


# ---------------------------------------------------------------- meetings


class MeetingListView(ObjectListView):
    queryset = Meeting.objects.select_related("series", "site_unit").annotate(resolution_count=RESOLUTION_COUNT)
    filterset_class = filtersets.MeetingFilterSet
    table_class = tables.MeetingTable
    template_name = "meetings/meeting_list.html"
    actions = ("add", "import", "export")


class MeetingView(ObjectView):
    queryset = Meeting.objects.select_related("series", "county__province", "site_unit", "secretary", "approved_by")
    template_name = "meetings/meeting.html"

    def get_tabs(self):
        tabs = [
            Tab("agenda", _("دستور کار"), "meetings/tabs/agenda.html", self.children("agenda_items").count()),
            Tab("attendance", _("حاضران"), "meetings/tabs/attendance.html", self.children("attendance").count()),
            Tab("resolutions", _("مصوبات"), "meetings/tabs/resolutions.html", self.resolutions().count()),
        ]
        if self.object.kind == MeetingKind.FIELD_VISIT:
            tabs.append(
                Tab("findings", _("یافته‌های بازدید"), "meetings/tabs/findings.html", self.children("findings").count())
            )
        if self.object.kind == MeetingKind.SERVICE_DESK:
            tabs.append(Tab("desk", _("میز خدمت"), "meetings/tabs/desk.html", self.children("desk_requests").count()))
        tabs.append(Tab("history", _("تاریخچه تغییرات"), "generic/includes/history.html"))
        return tabs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.object
        can = {
            a: scope.can_object(user, meeting, a)
            for a in ("hold", "approve", "amend", "carry", "cancel", "change", "open_obstacle")
        }
        context.update(
            can=can,
            editable=can["change"] and not meeting.is_frozen,
            summary=execution_counts(self.resolutions()),
        )
        context["has_open_items"] = meeting.agenda_items.filter(status=AgendaStatus.OPEN).exists()
        if meeting.status != "cancelled":
            context["quorum"] = meeting.quorum()
        if meeting.status == "planned" and can["change"]:
            context["uninvited"] = meeting.attendance.filter(invited_at=None).count()
        context["amendments"] = list(meeting.amendments.select_related("author")) if meeting.is_frozen else []
        if meeting.is_frozen:
            context["edit_url"] = context["delete_url"] = None
        return context

    def children(self, name):
        """The meeting's ``name`` (agenda items, attendance...) through the scope helper, like every list."""
        return scope.restrict(getattr(self.object, name).all(), self.request.user)

    def resolutions(self):
        """The meeting's resolutions the user may see (an agency officer: their agency's)."""
        return self.children("resolutions")

    def get_agenda_context(self):
        from tashil.obstacles.models import Obstacle

        items = (
            self.children("agenda_items")
            .select_related("unit", "carried_from__meeting", "objected_resolution")
            .prefetch_related(scope.prefetch(self.request.user, "obstacles", Obstacle.objects.all()))
        )
        context = {"items": items, "obstacle_form": forms.AgendaObstacleForm(user=self.request.user)}
        meeting = self.object
        if scope.can_object(self.request.user, meeting, "change") and not meeting.is_frozen:
            context["suggestions"] = self.agenda_suggestions()
        return context

    SUGGESTIONS = 8

    def agenda_suggestions(self):
        """Obstacles of the meeting's county the working group should look at, not yet on this meeting's open
        agenda: those with a referral past its due date (the longest waiting first), then those registered a
        week ago or more and still not referred to any agency. Each with why it is suggested."""
        from tashil.obstacles.choices import ObstacleStatus
        from tashil.obstacles.models import Obstacle, overdue_q

        meeting = self.object
        on_agenda = meeting.agenda_items.filter(status=AgendaStatus.OPEN).values("obstacles")
        county = scope.restrict(Obstacle.objects.filter(county_id=meeting.county_id), self.request.user)
        county = county.exclude(pk__in=on_agenda).select_related("unit")
        overdue = list(county.filter(overdue_q()).order_by("reported_date", "pk")[: self.SUGGESTIONS])
        week_ago = jalali.today() - datetime.timedelta(days=7)
        unreferred = county.filter(status=ObstacleStatus.REGISTERED, reported_date__lte=week_ago)
        unreferred = list(unreferred.order_by("reported_date", "pk")[: self.SUGGESTIONS])
        # Both kinds have a place when both exist: up to three of the list for those never referred.
        overdue = overdue[: max(self.SUGGESTIONS - 3, self.SUGGESTIONS - len(unreferred))]
        unreferred = unreferred[: self.SUGGESTIONS - len(overdue)]
        return [(obstacle, _("ارجاع گذشته از مهلت")) for obstacle in overdue] + [
            (obstacle, _("ارجاع‌نشده از %(date)s") % {"date": jalali.format_jalali(obstacle.reported_date)})
            for obstacle in unreferred
        ]

    def get_attendance_context(self):
        rows = self.children("attendance").select_related("agency")
        return {"formset": forms.AttendanceMarkFormSet(queryset=rows), "rows": rows}

    def get_resolutions_context(self):
        resolutions = self.resolutions().select_related("agency", "unit", "meeting")
        return {
            "table": tables.ResolutionTable(resolutions, user=self.request.user, orderable=False, exclude=("meeting",))
        }

    def get_findings_context(self):
        return {"findings": self.children("findings").select_related("unit", "group", "obstacle")}

    def get_desk_context(self):
        last_agency = self.request.session.get(desk_agency_key(self.object))
        return {
            "desk_form": forms.DeskRequestForm(
                meeting=self.object,
                user=self.request.user,
                initial={"agency": last_agency} if last_agency else None,
            ),
            "desk_requests": self.children("desk_requests")
            .select_related("unit", "agency", "obstacle")
            .order_by("-pk"),
        }


class MeetingEditView(ObjectEditView):
    model = Meeting
    form_class = forms.MeetingForm


class MeetingDeleteView(ObjectDeleteView):
    model = Meeting


class MeetingActionView(ActionView):
    """hold / approve / cancel / carry-over / amend (the amendment has a page of its own: its text is longer
    than a button's field, and a refused one is kept)."""

    model = Meeting
    actions = actions.MEETING_ACTIONS


class MinutesPdfView(ScopedViewMixin, View):
    """The minutes as a PDF: the stored, frozen copy once approved; a marked draft before."""

    model = Meeting

    def get(self, request, pk):
        from tashil.accounts.audit import record_export

        meeting = self.get_scoped_object("view")
        record_export(request, str(meeting), "pdf")
        if meeting.is_frozen and meeting.minutes_pdf:
            return FileResponse(meeting.minutes_pdf.open("rb"), as_attachment=True, filename=minutes_filename(meeting))
        response = HttpResponse(render_minutes(meeting), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{minutes_filename(meeting)}"'
        return response


class ResolutionsXlsxView(ScopedViewMixin, View):
    model = Meeting

    def get(self, request, pk):
        from tashil.accounts.audit import record_export

        meeting = self.get_scoped_object("view")
        record_export(request, f"مصوبات {meeting}", request.GET.get("format", "xlsx"))
        resolutions = meeting.resolutions.select_related("agency", "unit", "meeting")
        table = tables.ResolutionTable(resolutions, user=request.user)
        return export_response(table.export_rows(), request.GET.get("format", "xlsx"), f"مصوبات {meeting}")


class AttendanceMarkView(ScopedViewMixin, View):
    """Mark everyone's presence in one form."""

    model = Meeting

    def post(self, request, pk):
        meeting = self.get_scoped_object("change")
        formset = forms.AttendanceMarkFormSet(request.POST, queryset=meeting.attendance.all())
        if formset.is_valid():
            try:
                services.mark_attendance(meeting, [form.save(commit=False) for form in formset.forms], request.user)
            except ValidationError as error:
                for line in error.messages:
                    messages.error(request, line)
            else:
                messages.success(request, _("حضور و غیاب ذخیره شد."))
        else:
            messages.error(request, _("حضور و غیاب ذخیره نشد؛ ردیف‌ها را بررسی کنید."))
        return HttpResponseRedirect(meeting.get_absolute_url() + "?tab=attendance")


class InviteAgenciesView(ActionView):
    """Invite the county's agencies (those not yet on the list) in one action."""

    model = Meeting
    actions = (actions.INVITE,)


class AgendaObstacleView(ActionView):
    """Put an obstacle on the agenda: the item takes the obstacle's unit and title."""

    model = Meeting
    actions = (actions.AGENDA_OBSTACLE,)


class AgendaItemEditView(ObjectEditView):
    model = AgendaItem
    form_class = forms.AgendaItemForm

    def get_success_url(self, obj):
        return obj.meeting.get_absolute_url() + "?tab=agenda"


class AgendaItemDeleteView(ObjectDeleteView):
    model = AgendaItem


class AgendaItemObstacleView(ActionView):
    """Open an obstacle from an agenda item (source: the working group), also once the minutes are approved."""

    model = AgendaItem
    actions = (actions.ITEM_TO_OBSTACLE,)


class AgendaObstacleUpdateView(ScopedViewMixin, View):
    """From an agenda item, record on one of its obstacles what the meeting said about it."""

    model = AgendaItem

    def post(self, request, pk):
        item = self.get_scoped_object("change")
        form = forms.AgendaObstacleUpdateForm(request.POST, item=item, user=request.user)
        if form.is_valid():
            obstacle = form.cleaned_data["obstacle"]
            if not scope.can_object(request.user, obstacle, "comment"):
                raise PermissionDenied
            try:
                obstacle_services.comment(
                    obstacle,
                    _("%(meeting)s: %(text)s") % {"meeting": item.meeting, "text": form.cleaned_data["text"]},
                    user=request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("روند «%(o)s» به‌روز شد.") % {"o": obstacle})
        else:
            messages.error(request, _("مانع و متن به‌روزرسانی را بنویسید."))
        return HttpResponseRedirect(item.meeting.get_absolute_url() + "?tab=agenda")


class AttendanceEditView(ObjectEditView):
    model = Attendance
    form_class = forms.AttendanceForm

    def save(self, form):
        return services.save_attendance(form.save(commit=False), user=self.request.user)

    def get_success_url(self, obj):
        return obj.meeting.get_absolute_url() + "?tab=attendance"


class AttendanceDeleteView(ObjectDeleteView):
    model = Attendance


class VisitFindingEditView(ObjectEditView):
    model = VisitFinding
    form_class = forms.VisitFindingForm

    def get_success_url(self, obj):
        return obj.meeting.get_absolute_url() + "?tab=findings"


class VisitFindingPhotoView(ScopedViewMixin, View):
    """A field-visit finding's photo, for whoever may see the finding (never served from MEDIA_ROOT)."""

    model = VisitFinding

    def get(self, request, pk):
        from tashil.core.files import image_response

        return image_response(self.get_scoped_object("view").photo)


class VisitFindingObstacleView(ActionView):
    """Turn a field-visit finding into an obstacle (source: field visit) in one step."""

    model = VisitFinding
    actions = (actions.FINDING_TO_OBSTACLE,)


def desk_agency_key(meeting):
    """The agency of the desk's last request, offered again for the next one (a desk usually serves one)."""
    return f"desk-agency-{meeting.pk}"


class DeskRequestView(ScopedViewMixin, View):
    """One request at the service desk: saved as an obstacle referred to the desk's agency; the form resets."""

    model = Meeting

    def post(self, request, pk):
        meeting = self.get_scoped_object("change")
        form = forms.DeskRequestForm(request.POST, meeting=meeting, user=request.user)
        if form.is_valid():
            desk = form.save(commit=False)
            desk.meeting = meeting
            services.register_desk_request(desk, request.user)
            request.session[desk_agency_key(meeting)] = desk.agency_id
            messages.success(
                request,
                _("درخواست «%(unit)s» ثبت و به «%(agency)s» ارجاع شد.") % {"unit": desk.unit, "agency": desk.agency},
            )
            return HttpResponseRedirect(meeting.get_absolute_url() + "?tab=desk")
        view = MeetingView()
        view.request, view.kwargs, view.object = request, {"pk": pk}, meeting
        context = view.get_context_data(tabs=view.get_tabs(), active_tab="desk")
        context.update(view.get_desk_context(), desk_form=form)
        return render(request, "meetings/meeting.html", context, status=400)


# ---------------------------------------------------------------- resolutions


BREAKDOWN_ROWS = 30


class ResolutionListView(ObjectListView):
    """The follow-up board: every open resolution in scope, overdue first, with execution rates.

    The rates follow the filters that say where, whose and when (place, agency, meeting, unit, dates, search)
    but not those that pick resolutions by their state: a rate over the open ones alone would be zero. They
    are aggregated over the whole area, so they are kept like the dashboards' figures (geo.cache)."""

    queryset = Resolution.objects.select_related("meeting__series", "agency", "unit")
    filterset_class = filtersets.ResolutionFilterSet
    table_class = tables.ResolutionTable
    template_name = "meetings/resolution_list.html"
    results_template_name = "meetings/includes/resolution_results.html"
    title = gettext_lazy("پیگیری مصوبات")
    FIGURE_FILTERS = ("q", "province", "county", "agency", "meeting", "unit", "after", "before")

    def base_queryset(self):
        from .models import open_first

        return super().base_queryset().order_by(open_first(), "deadline", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.execution_figures(kwargs.get("filterset")))
        return context

    def execution_figures(self, filterset):
        """The board's rates and breakdowns, from the cache when still good (see geo.cache)."""
        data = filterset.data if filterset is not None and filterset.is_bound else QueryDict()
        chosen = QueryDict(mutable=True)
        for name in self.FIGURE_FILTERS:
            if any(data.getlist(name)):
                chosen.setlist(name, sorted(data.getlist(name)))
        if chosen:
            figures_filter = self.filterset_class(
                chosen, queryset=self.scoped_queryset(), request=self.request, user=self.request.user, shown=False
            )
            valid = figures_filter.is_valid()
            resolutions = figures_filter.qs if valid else Resolution.objects.none()
            place = figures_filter.form.cleaned_data if valid else {}
        else:  # the board as it opens: every resolution in scope, no second filter set to build and check
            resolutions, place = self.scoped_queryset(), {}
        if place.get("county"):
            area = Area(ScopeLevel.COUNTY, county=place["county"])
        elif place.get("province"):
            area = Area(ScopeLevel.PROVINCE, province=place["province"])
        else:
            area = default_area(self.request.user)

        def compute():
            figures = {"summary": execution_counts(resolutions)}
            # A province or the nation holds thousands of agencies: the board shows the first rows of each
            # breakdown; the agency scorecard (reports) has them all, sortable and exportable.
            for key, field, label in (
                ("by_agency", "agency", "agency__name"),
                ("by_county", "county", "county__name"),
            ):
                rows = execution_by(resolutions, field, label)
                figures[key], figures[f"{key}_hidden"] = rows[:BREAKDOWN_ROWS], max(len(rows) - BREAKDOWN_ROWS, 0)
            return figures

        name = "followup:" + hashlib.sha1(chosen.urlencode().encode()).hexdigest()[:16]
        figures, computed_at = cached(
            name, area, self.request.user, compute, refresh=bool(self.request.GET.get("refresh"))
        )
        return {
            **figures,
            "computed_at": computed_at,
            "cached_area": kept_a_while(area),
        }


class ResolutionView(ObjectView):
    queryset = Resolution.objects.select_related(
        "meeting__series", "agency", "unit", "obstacle", "reported_by", "verified_by"
    )
    template_name = "meetings/resolution.html"
    tabs = (Tab("follow", gettext_lazy("پیگیری"), "meetings/tabs/resolution_follow.html"),)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, resolution = self.request.user, self.object
        can_report = resolution.is_open and scope.can_object(user, resolution, "report")
        can_close = resolution.is_open and scope.can_object(user, resolution, "close")
        context.update(
            can_report=can_report and resolution.status != "objected",
            can_object=resolution.objection_open and scope.can_object(user, resolution, "object"),
            can_verify=resolution.awaiting_verification and scope.can_object(user, resolution, "verify"),
            can_close=can_close,
            progress_form=forms.ProgressForm(),
            execution_form=forms.ExecutionForm(),
            reason_form=forms.ReasonForm(),
            not_executed_form=forms.NotExecutedForm(),
            note_form=forms.NoteForm(),
        )
        return context


class ResolutionEditView(ObjectEditView):
    model = Resolution
    form_class = forms.ResolutionForm

    def get_success_url(self, obj):
        return obj.meeting.get_absolute_url() + "?tab=resolutions"


class ResolutionDeleteView(ObjectDeleteView):
    model = Resolution


class ResolutionActionView(ActionView):
    """The follow-up of a resolution: progress, execution with evidence, objection, verification, closing."""

    model = Resolution
    actions = actions.RESOLUTION_ACTIONS


class EvidenceDownloadView(ScopedViewMixin, View):
    model = Resolution

    def get(self, request, pk):
        resolution = self.get_scoped_object("view")
        if not resolution.evidence_file:
            raise Http404
        response = FileResponse(
            resolution.evidence_file.open("rb"), as_attachment=True, filename=resolution.evidence_name or None
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# ---------------------------------------------------------------- calendar


class CalendarView(View):
    """A Jalali month of meetings in scope, Saturday to Friday."""

    template_name = "meetings/calendar.html"

    def get(self, request):
        if not scope.can(request.user, Meeting, "view"):
            raise PermissionDenied
        now = jalali.jalali_today()
        form = forms.CalendarForm(request.GET or None)
        year, month = (
            (form.cleaned_data["year"], form.cleaned_data["month"]) if form.is_valid() else (now.year, now.month)
        )
        first, last = jalali.month_bounds(year, month)
        meetings = scope.restrict(Meeting.objects.filter(date__range=(first, last)), request.user).select_related(
            "series"
        )
        by_day = {}
        for meeting in meetings.order_by("date", "start_time"):
            by_day.setdefault(meeting.date, []).append(meeting)
        weeks, week = [], [None] * ((first.weekday() - 5) % 7)
        day = first
        while day <= last:
            week.append(
                {
                    "date": day,
                    "day": jalali.to_jalali(day).day,
                    "meetings": by_day.get(day, []),
                    "today": day == jalali.today(),
                }
            )
            if len(week) == 7:
                weeks.append(week)
                week = []
            day += datetime.timedelta(days=1)
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        previous = (year, month - 1) if month > 1 else (year - 1, 12)
        following = (year, month + 1) if month < 12 else (year + 1, 1)
        title = _("تقویم جلسات — %(month)s %(year)s") % {
            "month": jalali.month_name(month),
            "year": jalali.format_jalali(first, "{y}"),
        }
        context = {
            "title": title,
            "weeks": weeks,
            "weekdays": [jalali.WEEKDAYS[d] for d in jalali.WEEK_ORDER],
            "previous": previous,
            "following": following,
            "breadcrumbs": [(Meeting._meta.verbose_name_plural, reverse("meetings:meeting_list")), (title, None)],
        }
        return render(request, self.template_name, context)


# ---------------------------------------------------------------- the invitee's answer (no sign-in)


@method_decorator(login_not_required, name="dispatch")
class InvitationAnswerView(View):
    """The page an invitation's link opens, without signing in: the meeting's day, hour, place and agenda, and
    the answer — attend, send a representative (name and post), or cannot attend — changeable until the meeting
    is held. The signed token is the invitee's authority (no user, so no scope: the token names one attendance
    row of one meeting); an expired or altered link is refused with a Persian page (400)."""

    template_name = "meetings/invitation_answer.html"

    def invitee(self, token):
        from django.core import signing

        from .invitations import read_token

        try:
            row_id, meeting_id = read_token(token)
        except signing.SignatureExpired:
            return None, _(
                "این پیوند دعوت منقضی شده است. برای پاسخ به دعوت، با دبیرخانه ستاد تسهیل تماس بگیرید یا پیوند تازه بخواهید."
            )
        except signing.BadSignature:
            return None, _("این پیوند دعوت معتبر نیست یا دست‌کاری شده است. پیوند را کامل و همان‌گونه که رسیده باز کنید.")
        row = (
            Attendance.objects.select_related("meeting__series", "meeting__county", "agency", "unit")
            .filter(pk=row_id, meeting_id=meeting_id)
            .first()
        )
        if row is None:
            return None, _("این دعوت دیگر در فهرست جلسه نیست؛ با دبیرخانه ستاد تسهیل تماس بگیرید.")
        return row, None

    def get(self, request, token):
        row, refusal = self.invitee(token)
        if row is None:
            return self.refuse(request, refusal)
        initial = {"answer": row.answer, "name": row.answer_name, "position": row.answer_position}
        return self.page(request, row, forms.InvitationAnswerForm(initial=initial))

    def post(self, request, token):
        row, refusal = self.invitee(token)
        if row is None:
            return self.refuse(request, refusal)
        form = forms.InvitationAnswerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.answer_invitation(row, data["answer"], data["name"], data["position"])
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, messages_ in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages_)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(request, _("پاسخ شما ثبت شد. تا پیش از برگزاری جلسه می‌توانید آن را تغییر دهید."))
                return HttpResponseRedirect(request.path)
        return self.page(request, row, form, status=400)

    def page(self, request, row, form, status=200):
        from .invitations import place_of, when_text

        meeting = row.meeting
        context = {
            "title": _("دعوت به %(meeting)s") % {"meeting": meeting},
            "row": row,
            "meeting": meeting,
            "when": when_text(meeting),
            "place": place_of(meeting),
            "agenda": list(meeting.agenda_items.order_by("order", "pk").values_list("title", flat=True)[:30]),
            "form": form,
            "open": meeting.status == "planned",
        }
        return render(request, self.template_name, context, status=status)

    def refuse(self, request, message):
        return render(
            request, self.template_name, {"title": _("پیوند دعوت پذیرفته نشد"), "refusal": message}, status=400
        )
