"""Creating notifications: rows now (in the caller's transaction), e-mails and text messages later (in the task
worker), by each person's choice of channels (channels.py)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from tashil.core import person
from tashil.core.validators import normalize_mobile

from .channels import can_text, channels_for, quiet_until
from .models import ChannelPreference, Notification, NotificationKind, OutgoingSMS, SMSStatus

# An SMS is one or two 70-character Persian parts: the title cut to this, then the link.
SMS_TITLE_CHARS = 90


def notify(recipients, kind, title, body="", url="", urgent=False):
    """Notify each distinct active recipient in the bell, and by e-mail and SMS as each has chosen for
    ``kind``; the e-mails and messages are queued when the transaction commits. ``urgent`` messages are sent
    even in the quiet hours."""
    seen, people = set(), []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        people.append(user)
    if not people:
        return []
    created = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, title=title[:300], body=body, url=url) for user in people]
    )
    person.changed(*seen)  # the bell's count
    channels = channels_for(people, [kind])
    emails = [n.pk for n, user in zip(created, people, strict=True) if channels[(user.pk, kind)][0]]
    texts = [
        new_sms(user, sms_text(title, url), kind=kind, urgent=urgent, notification=n)
        for n, user in zip(created, people, strict=True)
        if channels[(user.pk, kind)][1] and can_text(user)
    ]
    texts = OutgoingSMS.objects.bulk_create(texts)

    def enqueue():
        from .tasks import send_notification_email

        for pk in emails:
            send_notification_email.enqueue(pk)
        enqueue_sms(texts)

    transaction.on_commit(enqueue)
    return created


def unread_count(user):
    """The bell's count (a part of the person's cache entry, registered in apps.py)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(notification, user=None):
    """The person opened a notification (the bell's link, the API's …/read/; ``user``, the recipient, as every
    action's service is given): read from now, once."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated"])
        person.changed(notification.recipient_id)
    return notification


def mark_all_read(user):
    """Every unread notification of the person read now; returns how many."""
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        person.changed(user.pk)
    return count


def sms_text(title, url=""):
    """A short Persian message: «تسهیل: <title>» and the link on the site."""
    text = f"تسهیل: {Truncator(title).chars(SMS_TITLE_CHARS)}"
    if url:
        text += f"\n{settings.TASHIL_SITE_URL.rstrip('/')}{url}"
    return text


def home_county_id(user):
    """The county whose secretariat sees the user's messages: of their county-level memberships, the first."""
    from tashil.accounts.models import Membership

    return (
        Membership.objects.filter(user=user, is_active=True, county__isnull=False)
        .order_by("pk")
        .values_list("county_id", flat=True)
        .first()
    )


def new_sms(user, text, kind="", urgent=False, notification=None, number=None, now=None):
    """An unsaved OutgoingSMS: held until the quiet hours end unless urgent."""
    held_until = None if urgent else quiet_until(now)
    return OutgoingSMS(
        recipient=user,
        county_id=home_county_id(user) if user is not None else None,
        notification=notification,
        number=normalize_mobile(number or user.mobile),
        text=text,
        kind=kind,
        urgent=urgent,
        status=SMSStatus.HELD if held_until else SMSStatus.QUEUED,
        send_after=held_until,
    )


def enqueue_sms(texts):
    """Queue each message's sending: at once, or when the quiet hours end for a held one."""
    from .tasks import send_outgoing_sms

    for sms in texts:
        if sms.send_after:
            send_outgoing_sms.using(run_after=sms.send_after).enqueue(sms.pk)
        else:
            send_outgoing_sms.enqueue(sms.pk)


def queue_sms(user, text, kind="", urgent=False, number=None):
    """Record and queue one text message outside a notification (sent after the transaction commits)."""
    sms = new_sms(user, text, kind=kind, urgent=urgent, number=number)
    sms.save()
    transaction.on_commit(lambda: enqueue_sms([sms]))
    return sms


def save_channel_choices(user, choices):
    """Record a person's channels: ``choices`` maps each kind to (email, sms). One row per kind they set."""
    with transaction.atomic():
        for kind, (email, sms) in choices.items():
            ChannelPreference.objects.update_or_create(
                user=user,
                kind=kind,
                defaults={"email": email, "sms": sms and kind != NotificationKind.DIGEST},
            )
