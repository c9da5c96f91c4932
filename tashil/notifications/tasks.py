"""Background work: e-mails for notifications, and the daily job (overdue checks, digests)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task

from .models import Notification

log = logging.getLogger(__name__)


@task()
def send_notification_email(notification_id):
    """E-mail one notification, once: the row is locked and marked before the mail leaves."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.emailed_at is not None or not notification.recipient.email:
            return False
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at", "updated"])
        with override(notification.recipient.language or "fa"):
            body = notification.body
            if notification.url:
                body = f"{body}\n\n{settings.TASHIL_SITE_URL}{notification.url}".strip()
            send_mail(
                subject=f"[تسهیل] {notification.title}",
                message=body or notification.title,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
    return True


@task()
def daily_jobs():
    """Once a day: tell agencies about referrals that just went overdue, then send each user's digest."""
    from tashil.obstacles.notify import notify_overdue

    from .digest import send_digests

    overdue = notify_overdue()
    digests = send_digests()
    log.info("daily jobs: %s overdue referrals notified, %s digests", overdue, digests)
    schedule_next_daily_jobs()
    return {"overdue": overdue, "digests": digests}


def next_run(now=None):
    """The next daily run: TASHIL_DAILY_HOUR o'clock Tehran time, today if still ahead, else tomorrow."""
    now = timezone.localtime(now or timezone.now())
    run = now.replace(hour=settings.TASHIL_DAILY_HOUR, minute=0, second=0, microsecond=0)
    if run <= now:
        run += datetime.timedelta(days=1)
    return run


def schedule_next_daily_jobs():
    """Queue the daily job unless one is already waiting (so restarts never stack up duplicates)."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=daily_jobs.module_path, status="READY").exists()
    if waiting:
        return None
    return daily_jobs.using(run_after=next_run()).enqueue()
