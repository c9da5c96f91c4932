"""Which channels carry a notice to a person, and when a text message may go.

The bell (in-app) always shows every notice. E-mail and SMS follow the person's choices per kind of notice
(``ChannelPreference``); without a choice, the defaults below: e-mail for every kind, SMS for what an
agency officer, a unit's representative or a clinic expert must act on soon. The digest is e-mail only.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from tashil.core.choices import Role
from tashil.core.validators import validate_mobile

from .models import ChannelPreference, NotificationKind

# Kinds never sent by SMS: the digest is a long text for the mailbox.
NO_SMS = frozenset({NotificationKind.DIGEST})

# Kinds sent by SMS unless the person turns it off, by the roles that must act on them.
DEFAULT_SMS = {
    Role.AGENCY_OFFICER: frozenset(
        {NotificationKind.REFERRED, NotificationKind.OVERDUE, NotificationKind.REMINDER, NotificationKind.ESCALATED}
    ),
    Role.UNIT_REP: frozenset({NotificationKind.REPORT_DUE, NotificationKind.ANSWERED, NotificationKind.DATA_CHECK}),
    Role.CLINIC_EXPERT: frozenset({NotificationKind.CLINIC_STALE}),
}


def default_channels(kind, roles):
    """(email, sms) for a kind of notice before the person has chosen."""
    sms = kind not in NO_SMS and any(kind in DEFAULT_SMS.get(role, ()) for role in roles)
    return True, sms


def channels_for(users, kinds=None):
    """{(user_id, kind): (email, sms)} for each of ``users`` and each kind (all kinds by default), in two
    queries: the users' chosen rows and their active memberships' roles."""
    from tashil.accounts.models import Membership

    kinds = list(kinds or NotificationKind.values)
    ids = [user.pk for user in users]
    roles = {}
    for user_id, role in Membership.objects.filter(user_id__in=ids, is_active=True).values_list("user_id", "role"):
        roles.setdefault(user_id, set()).add(role)
    chosen = {
        (row.user_id, row.kind): (row.email, row.sms and row.kind not in NO_SMS)
        for row in ChannelPreference.objects.filter(user_id__in=ids, kind__in=kinds)
    }
    return {
        (user_id, kind): chosen.get((user_id, kind)) or default_channels(kind, roles.get(user_id, ()))
        for user_id in ids
        for kind in kinds
    }


def can_text(user):
    """Whether the user has a mobile number a message can go to."""
    if not user.mobile:
        return False
    try:
        validate_mobile(user.mobile)
    except ValidationError:
        return False
    return True


def parse_clock(value):
    hour, minute = (int(part) for part in str(value).split(":"))
    return datetime.time(hour, minute)


def quiet_until(now=None):
    """When the quiet hours (Tehran time, SMS_QUIET_START–SMS_QUIET_END) end, if ``now`` falls in them; else None.

    The hours may cross midnight (22:00–07:00, the default) or not (13:00–14:00); equal start and end
    mean no quiet hours."""
    now = timezone.localtime(now or timezone.now())
    start, end = parse_clock(settings.SMS_QUIET_START), parse_clock(settings.SMS_QUIET_END)
    if start == end:
        return None
    clock = now.time()
    if start < end:
        quiet = start <= clock < end
    else:
        quiet = clock >= start or clock < end
    if not quiet:
        return None
    ends = now.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if ends <= now:
        ends += datetime.timedelta(days=1)
    return ends
