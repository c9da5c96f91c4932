"""The daily digest: each user's unread notifications and, for agency officers, what is overdue."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tashil.accounts.models import User
from tashil.core.persian import to_persian_digits

from .models import Notification, NotificationKind
from .services import notify


def digest_for(user):
    """The digest text for a user, or None when there is nothing to say."""
    from tashil.obstacles.models import Referral

    since = timezone.now() - datetime.timedelta(days=1)
    unread = list(
        user.notifications.filter(read_at__isnull=True, created__gte=since).exclude(kind=NotificationKind.DIGEST)[:20]
    )
    agencies = [m.agency_id for m in user.memberships.filter(is_active=True, role="agency_officer")]
    overdue = Referral.objects.overdue().filter(agency_id__in=agencies).count() if agencies else 0
    if not unread and not overdue:
        return None
    lines = []
    if overdue:
        lines.append(_("%(count)s ارجاع دستگاه شما از مهلت گذشته است.") % {"count": to_persian_digits(overdue)})
    for item in unread:
        lines.append(f"• {item.title}")
    return "\n".join(lines)


def send_digests():
    """One digest notification per user who has something new; returns how many were sent."""
    since = timezone.now() - datetime.timedelta(days=1)
    candidates = (
        User.objects.filter(is_active=True)
        .annotate(
            fresh=Count(
                "notifications", filter=Q(notifications__read_at__isnull=True, notifications__created__gte=since)
            )
        )
        .filter(Q(fresh__gt=0) | Q(memberships__role="agency_officer", memberships__is_active=True))
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
