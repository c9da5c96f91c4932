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
from tashil.core.api.actions import api_action
from tashil.core.api.exceptions import django_to_drf
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet

from . import actions, filtersets, services
from .minutes import minutes_filename, render_minutes
from .models import (
    AgendaItem,
    Attendance,
    Meeting,
    Resolution,
    VisitFinding,
    check_meeting_day,
    check_same_county,
    open_first,
)

CONFIRM_HOLIDAY = _("confirm_holiday را true بفرستید")


class MeetingSerializer(TashilModelSerializer):
    event = staticmethod(services.save_meeting)
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
    event = staticmethod(services.save_attendance)

    class Meta:
        model = Attendance
        fields = (
            "id",
            "meeting",
            "agency",
            "unit",
            "person_name",
            "position",
            "is_chair",
            "email",
            "mobile",
            "status",
            "represented_by",
            "invited_at",
            "answer",
            "answer_name",
            "answer_position",
            "answered_at",
        )
        read_only_fields = ("invited_at", "answer", "answer_name", "answer_position", "answered_at")


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


class VisitFindingSerializer(TashilModelSerializer):
    obstacle = serializers.SerializerMethodField()

    class Meta:
        model = VisitFinding
        fields = ("id", "meeting", "unit", "finding", "group", "obstacle")

    def get_obstacle(self, finding) -> int | None:
        """The obstacle opened from the finding, when the reader may see it (through the scope helper)."""
        from tashil.obstacles.models import Obstacle

        if finding.obstacle_id is None:
            return None
        return (
            Obstacle.objects.for_user(self.reader()).filter(pk=finding.obstacle_id).values_list("pk", flat=True).first()
        )


class ResolutionSerializer(TashilModelSerializer):
    event = staticmethod(services.save_resolution)  # a resolution on an obstacle refers it, as on the page
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


class MeetingViewSet(TashilModelViewSet):
    queryset = Meeting.objects.select_related("series")
    serializer_class = MeetingSerializer
    filterset_class = filtersets.MeetingFilterSet
    action_map_override = {"minutes": "view"}

    hold = api_action(actions.HOLD)
    approve = api_action(actions.APPROVE)
    carry = api_action(
        actions.CARRY,
        response=lambda view, meeting, target: Response(view.get_serializer(target).data),
    )
    amend = api_action(actions.AMEND)
    send_invitations = api_action(
        actions.SEND_INVITATIONS,
        response=lambda view, meeting, rows: Response({"invited": [row.pk for row in rows]}),
    )

    agenda_obstacle = api_action(
        actions.AGENDA_OBSTACLE,
        response=lambda view, meeting, item: Response(
            AgendaItemSerializer(item, context=view.get_serializer_context()).data, status=201
        ),
    )

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

    obstacle = api_action(actions.ITEM_TO_OBSTACLE, status_code=201)


class VisitFindingViewSet(TashilModelViewSet):
    """A field visit's findings; ``obstacle/`` opens the obstacle a finding calls for (also once the visit's
    minutes are approved, when every other write of the finding is refused)."""

    queryset = VisitFinding.objects.select_related("meeting")
    serializer_class = VisitFindingSerializer
    filterset_fields = ("meeting", "unit")

    obstacle = api_action(actions.FINDING_TO_OBSTACLE, status_code=201)


class ResolutionViewSet(TashilModelViewSet):
    """Resolutions in the follow-up board's order: those still being followed up first, then by deadline."""

    # The board's order is an index of its own (resolution_followup_idx); the model's order (by the meeting's
    # date) would sort every open resolution of the nation joined to its meeting for each page.
    queryset = Resolution.objects.select_related("meeting", "agency").order_by(open_first(), "deadline", "pk")
    serializer_class = ResolutionSerializer
    filterset_class = filtersets.ResolutionFilterSet

    progress = api_action(actions.PROGRESS)
    execute = api_action(actions.EXECUTE)
    object_ = api_action(actions.OBJECT, name="object_")
    verify = api_action(actions.VERIFY)
    not_executed = api_action(actions.NOT_EXECUTED)
    cancel = api_action(actions.CANCEL_RESOLUTION)
    reaffirm = api_action(actions.REAFFIRM)


ROUTES = [
    ("meetings/meetings", MeetingViewSet, "meeting"),
    ("meetings/attendance", AttendanceViewSet, "attendance"),
    ("meetings/agenda-items", AgendaItemViewSet, "agendaitem"),
    ("meetings/findings", VisitFindingViewSet, "visitfinding"),
    ("meetings/resolutions", ResolutionViewSet, "resolution"),
]
