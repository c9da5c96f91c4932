from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilReadOnlyViewSet

from . import services
from .filtersets import NotificationFilterSet
from .models import Notification


class NotificationSerializer(TashilModelSerializer):
    class Meta:
        model = Notification
        fields = ("id", "kind", "title", "body", "url", "created", "read_at")


class NotificationViewSet(TashilReadOnlyViewSet):
    """Your own notifications; POST …/read/ marks one read."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.mark_read(self.get_object())
        return Response(NotificationSerializer(notification, context={"request": request}).data)


ROUTES = [("notifications", NotificationViewSet, "notification")]
