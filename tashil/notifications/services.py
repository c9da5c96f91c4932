"""Creating notifications: rows now (in the caller's transaction), e-mails later (in the task worker)."""

from django.db import transaction

from .models import Notification


def notify(recipients, kind, title, body="", url=""):
    """Notify each distinct active recipient; the e-mails are queued when the transaction commits."""
    seen, created = set(), []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        created.append(Notification(recipient=user, kind=kind, title=title[:300], body=body, url=url))
    if not created:
        return []
    created = Notification.objects.bulk_create(created)
    ids = [n.pk for n in created]

    def enqueue():
        from .tasks import send_notification_email

        for pk in ids:
            send_notification_email.enqueue(pk)

    transaction.on_commit(enqueue)
    return created
