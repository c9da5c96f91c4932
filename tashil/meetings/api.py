"""REST endpoints for meetings, attendance, agenda items and resolutions (with their transitions), and the
minutes PDF — scoped and validated like the pages, through the same model methods."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from tashil.core import scope
from tashil.core.api.exceptions import django_to_drf, run
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet

from . import filtersets
from .minutes import minutes_filename, render_minutes
from .models import AgendaItem, Attendance, Meeting, Resolution, check_meeting_day, check_same_county, open_first

CONFIRM_HOLIDAY = _("confirm_holiday را true بفرستید")


class MeetingSerializer(TashilModelSerializer):
    confirm_holiday = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="true: the meeting is meant for this Friday or holiday (else such a date is refused, named).",
    )

    class Meta:
        model = Meeting
        fields = (
            "id",
            "url",
            "series",
            "county",
            "kind",
            "number",
            "date",
            "start_time",
            "end_time",
            "place",
            "site_unit",
            "chair_name",
            "chair_position",
            "secretary",
            "status",
            "notes",
            "approved_at",
            "version",
            "confirm_holiday",
        )
        read_only_fields = ("county", "kind", "number", "status", "approved_at", "version")

    def validate(self, attrs):
        """The page's rule for a meeting on a day off (check_meeting_day), confirmed by ``confirm_holiday``."""
        confirmed = attrs.pop("confirm_holiday", False)
        day = attrs.get("date")
        if self.instance is not None and day == self.instance.date:
            day = None
        try:
            check_meeting_day(day, confirmed=confirmed, how=CONFIRM_HOLIDAY)
        except DjangoValidationError as error:
            raise django_to_drf(error) from error
        return super().validate(attrs)


class AttendanceSerializer(TashilModelSerializer):
    class Meta:
        model = Attendance
        fields = ("id", "meeting", "agency", "person_name", "position", "status", "represented_by")


class AgendaItemSerializer(TashilModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ("id", "meeting", "order", "unit", "obstacles", "title", "discussion", "status", "carried_from")
        read_only_fields = ("carried_from",)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        meeting = attrs.get("meeting") or getattr(self.instance, "meeting", None)
        if meeting is not None and attrs.get("obstacles"):
            try:
                check_same_county(meeting, obstacles=attrs["obstacles"])
            except DjangoValidationError as error:
                raise django_to_drf(error) from error
        return attrs


class ResolutionSerializer(TashilModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)
    awaiting_verification = serializers.BooleanField(read_only=True)

    class Meta:
        model = Resolution
        fields = (
            "id",
            "version",
            "url",
            "meeting",
            "number",
            "text",
            "unit",
            "obstacle",
            "agency",
            "producer_must_act",
            "deadline",
            "status",
            "objection_deadline",
            "objection",
            "progress_note",
            "evidence",
            "reported_at",
            "verified_at",
            "failure_party",
            "outcome_note",
            "closed_date",
            "is_overdue",
            "awaiting_verification",
        )
        read_only_fields = (
            "number",
            "status",
            "objection_deadline",
            "objection",
            "progress_note",
            "evidence",
            "reported_at",
            "verified_at",
            "failure_party",
            "outcome_note",
            "closed_date",
        )


class TextRequest(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True)


class ExecutionRequest(serializers.Serializer):
    evidence = serializers.CharField()


class NotExecutedRequest(serializers.Serializer):
    failure_party = serializers.ChoiceField(choices=("agency", "producer", "external"))
    note = serializers.CharField(required=False, allow_blank=True)


class AmendRequest(serializers.Serializer):
    text = serializers.CharField()
    reason = serializers.CharField(max_length=300)


class MeetingViewSet(TashilModelViewSet):
    queryset = Meeting.objects.select_related("series")
    serializer_class = MeetingSerializer
    filterset_class = filtersets.MeetingFilterSet
    action_map_override = {"hold": "hold", "approve": "approve", "amend": "amend", "carry": "carry", "minutes": "view"}

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        meeting = self.get_object()
        run(lambda: meeting.hold(request.user))
        return Response(self.get_serializer(meeting).data)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        meeting = self.get_object()
        run(lambda: meeting.approve(request.user))
        return Response(self.get_serializer(meeting).data)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def carry(self, request, pk=None):
        """Carry the unfinished agenda items to the series' next meeting; answers that meeting."""
        meeting = self.get_object()
        target = run(lambda: meeting.carry_over(request.user))
        return Response(self.get_serializer(target).data)

    @extend_schema(request=AmendRequest, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):
        meeting = self.get_object()
        payload = AmendRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        run(lambda: meeting.amend(payload.validated_data["text"], payload.validated_data["reason"], request.user))
        return Response(self.get_serializer(meeting).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="The minutes as a PDF")})
    @action(detail=True, methods=["get"])
    def minutes(self, request, pk=None):
        meeting = self.get_object()
        if meeting.is_frozen and meeting.minutes_pdf:
            content = meeting.minutes_pdf.read()
        else:
            content = render_minutes(meeting)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{minutes_filename(meeting)}"'
        return response


class AttendanceViewSet(TashilModelViewSet):
    queryset = Attendance.objects.select_related("agency")
    serializer_class = AttendanceSerializer
    filterset_fields = ("meeting", "status")


class AgendaItemViewSet(TashilModelViewSet):
    queryset = AgendaItem.objects.all()
    serializer_class = AgendaItemSerializer
    filterset_fields = ("meeting", "status", "unit")

    def get_queryset(self):
        from tashil.obstacles.models import Obstacle

        # An item's obstacles through the scope helper, like every list: only those the reader may see.
        return (
            super()
            .get_queryset()
            .prefetch_related(scope.prefetch(self.request.user, "obstacles", Obstacle.objects.all()))
        )


class ResolutionViewSet(TashilModelViewSet):
    """Resolutions in the follow-up board's order: those still being followed up first, then by deadline."""

    # The board's order is an index of its own (resolution_followup_idx); the model's order (by the meeting's
    # date) would sort every open resolution of the nation joined to its meeting for each page.
    queryset = Resolution.objects.select_related("meeting", "agency").order_by(open_first(), "deadline", "pk")
    serializer_class = ResolutionSerializer
    filterset_class = filtersets.ResolutionFilterSet
    action_map_override = {
        "progress": "report",
        "execute": "report",
        "object_": "object",
        "verify": "verify",
        "not_executed": "close",
        "cancel": "close",
        "reaffirm": "close",
    }

    def perform_create(self, serializer):
        super().perform_create(serializer)
        serializer.instance.move_obstacle_forward(user=self.request.user)

    def _act(self, request, action_, payload_class=None):
        resolution = self.get_object()
        data = {}
        if payload_class is not None:
            payload = payload_class(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
        run(lambda: action_(resolution, data))
        resolution.refresh_from_db()
        return Response(self.get_serializer(resolution).data)

    @extend_schema(request=TextRequest, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        return self._act(request, lambda r, d: r.report_progress(d.get("text", ""), request.user), TextRequest)

    @extend_schema(request=ExecutionRequest, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"])
    def execute(self, request, pk=None):
        """The responsible agency reports execution with evidence (files through the page)."""
        return self._act(request, lambda r, d: r.report_execution(d["evidence"], None, request.user), ExecutionRequest)

    @extend_schema(request=TextRequest, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"], url_path="object", url_name="object")
    def object_(self, request, pk=None):
        return self._act(request, lambda r, d: r.object(d.get("text", ""), request.user), TextRequest)

    @extend_schema(request=None, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._act(request, lambda r, d: r.verify(request.user))

    @extend_schema(request=NotExecutedRequest, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"], url_path="not-executed")
    def not_executed(self, request, pk=None):
        return self._act(
            request,
            lambda r, d: r.mark_not_executed(d["failure_party"], d.get("note", ""), request.user),
            NotExecutedRequest,
        )

    @extend_schema(request=TextRequest, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(request, lambda r, d: r.cancel(d.get("text", ""), request.user), TextRequest)

    @extend_schema(request=TextRequest, responses=ResolutionSerializer)
    @action(detail=True, methods=["post"])
    def reaffirm(self, request, pk=None):
        return self._act(request, lambda r, d: r.reaffirm(d.get("text", ""), request.user), TextRequest)


ROUTES = [
    ("meetings/meetings", MeetingViewSet, "meeting"),
    ("meetings/attendance", AttendanceViewSet, "attendance"),
    ("meetings/agenda-items", AgendaItemViewSet, "agendaitem"),
    ("meetings/resolutions", ResolutionViewSet, "resolution"),
]
