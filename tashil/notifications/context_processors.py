"""The bell's unread count: a part of the person's cache entry (``core/person.py``), counted once per version of
the person (a new notification or one read makes a new version), not on every page.

Context processors run again for every template rendered with the request (each templated table cell too); the
entry is read once per request.
"""

from tashil.core import person


def notifications(request):
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"unread_notifications": person.part(user, "unread")}
