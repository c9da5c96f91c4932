"""The bell's unread count: one indexed count per page.

Context processors run again for every template rendered with the request (each templated table cell too),
so the count is kept on the request and asked of the database once.
"""

from .models import Notification


def notifications(request):
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    if not hasattr(request, "_tashil_unread"):
        request._tashil_unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {"unread_notifications": request._tashil_unread}
