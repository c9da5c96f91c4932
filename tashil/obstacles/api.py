"""REST endpoints for obstacles, referrals (with responses), timeline events, systemic issues and the taxonomy.
Workflow actions are declared once (``actions.py``) and served here with ``api_action``: the same service
functions as the pages, so the same transitions are refused with the same words."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from tashil.core import scope
from tashil.core.api.actions import api_action
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet, TashilReadOnlyViewSet

from . import actions, filtersets, services
from .models import Obstacle, ObstacleDomain, ObstacleEvent, ObstacleGroup, ProducerReview, Referral, SystemicIssue
from .views import with_overdue


class ObstacleDomainSerializer(TashilModelSerializer):
    class Meta:
        model = ObstacleDomain
        fields = ("id", "code", "name", "order", "description", "is_active")


class ObstacleGroupSerializer(TashilModelSerializer):
    class Meta:
        model = ObstacleGroup
        fields = (
            "id",
            "url",
            "domain",
            "code",
            "name",
            "wbes_category",
            "default_agency_type",
            "due_days",
            "order",
            "is_active",
        )


class ObstacleSerializer(TashilModelSerializer):
    has_overdue = serializers.BooleanField(read_only=True)
    event = staticmethod(services.save_obstacle)  # registering or editing one, as on the page

    class Meta:
        model = Obstacle
        fields = (
            "id",
            "version",
            "url",
            "unit",
            "county",
            "group",
            "title",
            "description",
            "source",
            "severity",
            "jobs_at_risk",
            "amount",
            "capacity_blocked",
            "reported_date",
            "status",
            "escalation_level",
            "outcome",
            "failure_party",
            "outcome_note",
            "closed_date",
            "systemic_issue",
            "follower",
            "reopen_count",
            "has_overdue",
        )
        read_only_fields = (
            "county",
            "status",
            "escalation_level",
            "outcome",
            "failure_party",
            "outcome_note",
            "closed_date",
            "systemic_issue",
            "follower",
            "reopen_count",
        )

    def validate_group(self, group):
        if not group.is_active and (self.instance is None or self.instance.group_id != group.pk):
            raise serializers.ValidationError(f"گروه «{group}» بازنشسته شده است؛ گروه دیگری برگزینید.")
        return group


class ReferralSerializer(TashilModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Referral
        fields = (
            "id",
            "url",
            "obstacle",
            "agency",
            "referred_date",
            "due_date",
            "note",
            "status",
            "response",
            "responded_at",
            "first_response_date",
            "first_response_due",
            "first_response_days",
            "waiting_since",
            "wait_request",
            "wait_reply",
            "days_waited",
            "assignee",
            "is_overdue",
        )
        read_only_fields = fields


class ProducerReviewSerializer(TashilModelSerializer):
    class Meta:
        model = ProducerReview
        fields = (
            "id",
            "url",
            "referral",
            "state",
            "requested_date",
            "due_date",
            "outcome_rating",
            "conduct_rating",
            "reason",
            "answered_date",
        )
        read_only_fields = fields


class EventSerializer(TashilModelSerializer):
    author_name = serializers.CharField(source="author", read_only=True, default="")

    class Meta:
        model = ObstacleEvent
        fields = ("id", "obstacle", "kind", "author", "author_name", "text", "internal", "referral", "created")
        read_only_fields = fields


class ObstacleViewSet(TashilModelViewSet):
    queryset = Obstacle.objects.select_related("unit", "group")
    serializer_class = ObstacleSerializer
    filterset_class = filtersets.ObstacleFilterSet
    action_map_override = {"events": "view"}

    def get_queryset(self):
        return with_overdue(super().get_queryset())

    refer = api_action(
        actions.REFER,
        response=lambda view, obstacle, referrals: Response(
            ReferralSerializer(referrals, many=True, context={"request": view.request}).data, status.HTTP_201_CREATED
        ),
        response_schema=ReferralSerializer(many=True),
    )
    close = api_action(actions.CLOSE)
    escalate = api_action(actions.ESCALATE)
    follow = api_action(actions.FOLLOW)

    comment = api_action(
        actions.COMMENT,
        response=lambda view, obstacle, event: Response(
            EventSerializer(event, context={"request": view.request}).data, status.HTTP_201_CREATED
        ),
        response_schema=EventSerializer,
    )

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        """The obstacle's timeline (internal entries hidden from unit representatives)."""
        obstacle = self.get_object()
        events = scope.restrict(ObstacleEvent.objects.filter(obstacle=obstacle), request.user).select_related("author")
        return Response(EventSerializer(events, many=True, context={"request": request}).data)


class ReferralViewSet(TashilReadOnlyViewSet):
    queryset = Referral.objects.select_related("obstacle", "agency")
    serializer_class = ReferralSerializer
    filterset_class = filtersets.ReferralFilterSet

    respond = api_action(actions.ANSWER)
    escalate = api_action(actions.ESCALATE_REFERRAL)
    request_documents = api_action(actions.REQUEST_DOCUMENTS)
    supply_documents = api_action(actions.SUPPLY_DOCUMENTS)
    assign = api_action(actions.ASSIGN)


class ProducerReviewViewSet(TashilReadOnlyViewSet):
    """The producers' word on the agencies' «done»: a unit's representative confirms or reopens here too."""

    queryset = ProducerReview.objects.select_related("referral")
    serializer_class = ProducerReviewSerializer
    filterset_class = filtersets.ProducerReviewFilterSet
    confirm = api_action(actions.CONFIRM)
    reopen = api_action(actions.REOPEN)


class EventViewSet(TashilReadOnlyViewSet):
    queryset = ObstacleEvent.objects.select_related("author")
    serializer_class = EventSerializer
    filterset_fields = ("obstacle", "kind")


class SystemicIssueSerializer(TashilModelSerializer):
    class Meta:
        model = SystemicIssue
        fields = ("id", "url", "title", "proposal", "group", "level", "province", "county", "status", "outcome_note")
        read_only_fields = ("status", "outcome_note")


class SystemicIssueViewSet(TashilModelViewSet):
    queryset = SystemicIssue.objects.select_related("group")
    serializer_class = SystemicIssueSerializer
    filterset_class = filtersets.SystemicIssueFilterSet
    move = api_action(actions.MOVE_ISSUE, name="move", url_path="status")


class ObstacleDomainViewSet(TashilModelViewSet):
    queryset = ObstacleDomain.objects.all()
    serializer_class = ObstacleDomainSerializer
    filterset_class = filtersets.ObstacleDomainFilterSet


class ObstacleGroupViewSet(TashilModelViewSet):
    queryset = ObstacleGroup.objects.select_related("domain")
    serializer_class = ObstacleGroupSerializer
    filterset_class = filtersets.ObstacleGroupFilterSet


ROUTES = [
    ("obstacles/obstacles", ObstacleViewSet, "obstacle"),
    ("obstacles/referrals", ReferralViewSet, "referral"),
    ("obstacles/events", EventViewSet, "obstacleevent"),
    ("obstacles/reviews", ProducerReviewViewSet, "producerreview"),
    ("obstacles/systemic-issues", SystemicIssueViewSet, "systemicissue"),
    ("obstacles/domains", ObstacleDomainViewSet, "obstacledomain"),
    ("obstacles/groups", ObstacleGroupViewSet, "obstaclegroup"),
]
