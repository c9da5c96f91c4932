from tashil.core.api.actions import api_action
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilReadOnlyViewSet

from . import actions
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

    read = api_action(actions.READ)


ROUTES = [("notifications", NotificationViewSet, "notification")]
