"""The daily digest: each user's unread notifications, after the sections apps register (registry.py): for
agency officers, what is overdue (obstacles)."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tashil.accounts.models import User

from . import registry
from .models import Notification, NotificationKind
from .services import notify


def digest_for(user):
    """The digest text for a user, or None when there is nothing to say."""
    since = timezone.now() - datetime.timedelta(days=1)
    unread = list(
        user.notifications.filter(read_at__isnull=True, created__gte=since).exclude(kind=NotificationKind.DIGEST)[:20]
    )
    lines = [line for section in registry.DIGEST_SECTIONS.values() for line in section.lines(user)]
    if not unread and not lines:
        return None
    for item in unread:
        lines.append(f"• {item.title}")
    return "\n".join(lines)


def send_digests():
    """One digest notification per user who has something new; returns how many were sent."""
    since = timezone.now() - datetime.timedelta(days=1)
    wanted = Q(fresh__gt=0)
    for section in registry.DIGEST_SECTIONS.values():
        if section.recipients is not None:
            wanted |= section.recipients
    candidates = (
        User.objects.filter(is_active=True)
        .annotate(
            fresh=Count(
                "notifications", filter=Q(notifications__read_at__isnull=True, notifications__created__gte=since)
            )
        )
        .filter(wanted)
        .distinct()
    )
    sent = 0
    for user in candidates:
        with override(settings.LANGUAGE_CODE):  # staff mail is Persian, as staff pages are
            text = digest_for(user)
            if text is None:
                continue
            already = Notification.objects.filter(
                recipient=user, kind=NotificationKind.DIGEST, created__date=timezone.localdate()
            ).exists()
            if already:
                continue
            notify([user], NotificationKind.DIGEST, _("خلاصه روزانه تسهیل"), text, "/notifications/")
            sent += 1
    return sent
