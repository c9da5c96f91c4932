"""Demo: a year of activity made hundreds of notifications; like a real inbox, only the latest stay unread."""

from django.utils import timezone

from tashil.core import person

from .models import Notification

KEEP_UNREAD = 6


def load(context):
    for user in context.users.values():
        recent = user.notifications.order_by("-pk").values_list("pk", flat=True)[:KEEP_UNREAD]
        Notification.objects.filter(recipient=user, read_at__isnull=True).exclude(pk__in=list(recent)).update(
            read_at=timezone.now()
        )
    person.changed(*(user.pk for user in context.users.values()))
