"""Background work: e-mails and text messages for notifications, and the daily job (the jobs apps register,
the SMS delivery check, digests)."""

import datetime
import logging
import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task

from tashil.core.persian import to_persian_digits
from tashil.core.worker import retry_later

from . import registry, sms
from .digest import send_digests
from .models import Notification, OutgoingSMS, SMSStatus

log = logging.getLogger(__name__)


@task()
def send_notification_email(notification_id, attempt=1):
    """E-mail one notification, once.

    The row is locked and marked sent in the transaction that hands the mail to the server, so a second
    run (the task queued twice, or run again after its worker died mid-send) finds it sent and does nothing.
    A mail server that refuses or cannot be reached rolls the mark back, and the task is queued again after
    a back-off delay (core.worker.retry_later) until its attempts run out. The Message-ID is the same on
    every attempt, so a mail client shows one message even in the narrow case where the server accepted
    the mail and the worker died before it could record that.
    """
    try:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
            )
            if notification is None or notification.emailed_at is not None or not notification.recipient.email:
                return False
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at", "updated"])
            with override(settings.LANGUAGE_CODE):  # staff mail is Persian, as staff pages are
                body = notification.body
                if notification.url:
                    body = f"{body}\n\n{settings.TASHIL_SITE_URL}{notification.url}".strip()
                EmailMessage(
                    subject=f"[تسهیل] {notification.title}",
                    body=body or notification.title,
                    to=[notification.recipient.email],
                    headers={"Message-ID": message_id(notification)},
                ).send()
    except (smtplib.SMTPException, OSError) as error:
        retry = retry_later(send_notification_email, attempt, notification_id)
        if retry is None:
            raise
        log.warning(
            "e-mail of notification %s failed (%s); attempt %s at %s",
            notification_id,
            error,
            attempt + 1,
            retry.task.run_after,
        )
        return {"retry": attempt + 1}
    return True


@task()
def send_outgoing_sms(sms_id, attempt=1):
    """Send one text message, once.

    The row is locked while the gateway is asked, and its state written in the same transaction: a second run
    (the task queued twice, or run again after its worker died) waits for the lock, then finds it sent and does
    nothing. A transient failure (a timeout, the gateway down, no credit) is recorded and the task queued again
    after the back-off delay (core.worker.retry_later) until the attempts run out; a permanent one (an invalid
    number, a wrong sender line) fails at once with the gateway's reason in Persian.
    """
    with transaction.atomic():
        message = OutgoingSMS.objects.select_for_update().filter(pk=sms_id).first()
        if message is None or message.status not in (SMSStatus.QUEUED, SMSStatus.HELD):
            return False
        result = sms.get_backend().send_messages(
            [sms.SMSMessage(to=message.number, text=message.text, sender=settings.SMS_SENDER)]
        )[0]
        message.attempts += 1
        message.error = result.error[:500]
        if result.accepted:
            message.status, message.provider_id, message.sent_at = SMSStatus.SENT, result.provider_id, timezone.now()
        elif result.transient:
            message.status = SMSStatus.QUEUED
        else:
            message.status = SMSStatus.FAILED
        message.save(update_fields=["attempts", "error", "status", "provider_id", "sent_at", "updated"])
    if message.status != SMSStatus.QUEUED:
        return message.status == SMSStatus.SENT
    retry = retry_later(send_outgoing_sms, attempt, sms_id)
    if retry is None:
        OutgoingSMS.objects.filter(pk=sms_id, status=SMSStatus.QUEUED).update(
            status=SMSStatus.FAILED,
            error=f"{message.error} (پس از {to_persian_digits(attempt)} بار تلاش)"[:500],
            updated=timezone.now(),
        )
        return False
    log.warning("SMS %s failed (%s); attempt %s at %s", sms_id, message.error, attempt + 1, retry.task.run_after)
    return {"retry": attempt + 1}


def check_sms_delivery(days=3):
    """Ask the gateway whether the messages sent in the last ``days`` days have arrived; returns how many
    changed state (delivered, or not delivered)."""
    since = timezone.now() - datetime.timedelta(days=days)
    waiting = dict(
        OutgoingSMS.objects.filter(status=SMSStatus.SENT, sent_at__gte=since)
        .exclude(provider_id="")
        .values_list("provider_id", "pk")
    )
    if not waiting:
        return 0
    changed = 0
    for provider_id, state in sms.get_backend().delivery(list(waiting)).items():
        if provider_id not in waiting or state == sms.PENDING:
            continue
        if state == sms.DELIVERED:
            fields = {"status": SMSStatus.DELIVERED, "delivered_at": timezone.now()}
        else:
            fields = {"status": SMSStatus.FAILED, "error": "پیامک به گوشی گیرنده نرسید (گزارش سامانه پیامک)."}
        changed += OutgoingSMS.objects.filter(pk=waiting[provider_id], status=SMSStatus.SENT).update(
            updated=timezone.now(), **fields
        )
    return changed


def message_id(notification):
    host = urlsplit(settings.TASHIL_SITE_URL).hostname or "tashil.local"
    return f"<notification-{notification.pk}@{host}>"


@task()
def daily_jobs():
    """Once a day: the jobs the apps registered (obstacles: tell agencies about referrals that just went
    overdue), then each user's digest."""
    results = {name: job() for name, job in registry.DAILY_JOBS.items()}
    results["digests"] = send_digests()
    log.info("daily jobs: %s", ", ".join(f"{name} {count}" for name, count in results.items()))
    schedule_next_daily_jobs()
    return results


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
