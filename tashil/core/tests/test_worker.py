"""Background tasks: retry with back-off, recovery of the tasks of a dead worker, and no e-mail sent twice.

The last test runs the real worker (``manage.py task_worker``) as a separate process on the test database,
kills it with SIGKILL while it is sending a notification, starts another, and counts the e-mails.
"""

import datetime
import os
import signal
import smtplib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tashil.core.models import WorkerHeartbeat
from tashil.core.worker import recover_interrupted, release_own
from tashil.notifications.models import Notification, NotificationKind
from tashil.notifications.tasks import message_id, send_notification_email
from tashil.site.testing.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]


def a_notification(title="پاسخ دستگاه"):
    user = UserFactory(email="dabir@example.ir")
    return Notification.objects.create(recipient=user, kind=NotificationKind.ANSWERED, title=title)


def queued_retries():
    return DBTaskResult.objects.filter(task_path=send_notification_email.module_path, status="READY")


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="tashil.core.testing.mail.RefusingBackend", TASHIL_TASK_RETRY_SECONDS=60)
def test_a_refused_email_is_tried_again_later_each_time_twice_as_late_until_attempts_run_out():
    note = a_notification()
    before = timezone.now()
    assert send_notification_email.call(note.pk) == {"retry": 2}
    note.refresh_from_db()
    assert note.emailed_at is None, "the sent mark is rolled back with the refused mail"
    first = queued_retries().get()
    assert first.args_kwargs["kwargs"] == {"attempt": 2} and first.args_kwargs["args"] == [note.pk]
    assert datetime.timedelta(seconds=59) <= first.run_after - before <= datetime.timedelta(seconds=65)

    first.delete()
    before = timezone.now()
    assert send_notification_email.call(note.pk, attempt=3) == {"retry": 4}
    delay = queued_retries().get().run_after - before
    assert datetime.timedelta(seconds=239) <= delay <= datetime.timedelta(seconds=245), "60 s × 2² after attempt 3"

    queued_retries().delete()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_notification_email.call(note.pk, attempt=settings.TASHIL_TASK_MAX_ATTEMPTS)
    assert not queued_retries().exists(), "the last attempt is not followed by another"


@pytest.mark.django_db
def test_an_email_goes_once_with_the_same_message_id_whatever_the_attempt():
    note = a_notification()
    assert send_notification_email.call(note.pk, attempt=3) is True
    assert send_notification_email.call(note.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id(note) == f"<notification-{note.pk}@127.0.0.1>"


def running_task(worker_id, minutes_ago, attempts=1):
    result = send_notification_email.enqueue(1).db_result
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="RUNNING",
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=[f"earlier-{n}" for n in range(attempts - 1)] + [worker_id],
    )
    return result.pk


@pytest.mark.django_db
@override_settings(TASHIL_WORKER_STALE_SECONDS=60, TASHIL_TASK_MAX_ATTEMPTS=3)
def test_only_tasks_of_workers_that_stopped_beating_are_queued_again():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", host="h", pid=1, started_at=now, seen_at=now)
    WorkerHeartbeat.objects.create(
        worker_id="dead", host="h", pid=2, started_at=now, seen_at=now - datetime.timedelta(minutes=5)
    )
    long_task_of_a_live_worker = running_task("alive", minutes_ago=30)
    orphan = running_task("dead", minutes_ago=5)
    orphan_of_unknown_worker = running_task("never-beat", minutes_ago=5)
    just_claimed = running_task("dead", minutes_ago=0)
    poison = running_task("dead", minutes_ago=5, attempts=3)

    assert recover_interrupted() == 2
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[long_task_of_a_live_worker] == "RUNNING"
    assert status[orphan] == status[orphan_of_unknown_worker] == "READY"
    assert status[just_claimed] == "RUNNING", "a task claimed a moment ago is left to its worker"
    assert status[poison] == "FAILED", "a task that killed its worker three times is not tried a fourth"
    assert "3 times" in DBTaskResult.objects.get(pk=poison).traceback
    assert DBTaskResult.objects.ready().filter(pk=orphan).exists(), "runnable at once"
    assert recover_interrupted() == 0


@pytest.mark.django_db
def test_a_worker_that_lost_the_database_queues_again_only_its_own_tasks():
    mine = running_task("me", minutes_ago=0)
    theirs = running_task("other", minutes_ago=0)
    assert release_own("me") == 1
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[mine] == "READY" and status[theirs] == "RUNNING"


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(mail_dir, log, *, delay, batch):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "TASHIL_TEST_EMAIL_BACKEND": "tashil.core.testing.mail.SlowFileBackend",
        "TASHIL_TEST_EMAIL_DIR": str(mail_dir),
        "TASHIL_TEST_MAIL_DELAY": str(delay),
        "TASHIL_WORKER_HEARTBEAT_SECONDS": "0.5",
        "TASHIL_WORKER_STALE_SECONDS": "2",
    }
    command = [sys.executable, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload"]
    if batch:
        command.append("--batch")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def sent_mails(mail_dir):
    return sorted(mail_dir.glob("*.log"))


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_is_replaced_and_the_email_leaves_exactly_once(tmp_path):
    note = a_notification("پاسخ اداره مالیات")
    result_id = send_notification_email.enqueue(note.pk).id
    mail_dir = tmp_path / "mail"
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = start_worker(mail_dir, log, delay=120, batch=False)
        try:
            wait_for(lambda: any(mail_dir.glob("sending-*")), 90, "the worker to start sending")
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(30)
        killed_at = time.monotonic()
        note.refresh_from_db()
        assert note.emailed_at is None and sent_mails(mail_dir) == [], "killed before the mail left"
        assert DBTaskResult.objects.get(pk=result_id).status == "RUNNING", "left running by the dead worker"

        time.sleep(max(0.0, killed_at + 2.5 - time.monotonic()))  # until its heartbeat is stale
        replacement = start_worker(mail_dir, log, delay=0, batch=True)
        assert replacement.wait(120) == 0, log_path.read_text()

        note.refresh_from_db()
        result = DBTaskResult.objects.get(pk=result_id)
        assert result.status == "SUCCESSFUL", log_path.read_text()
        assert len(result.worker_ids) == 2, "run by the dead worker, then by its replacement"
        assert note.emailed_at is not None
        assert len(sent_mails(mail_dir)) == 1

        send_notification_email.enqueue(note.pk)  # queued twice by mistake: still one mail
        assert start_worker(mail_dir, log, delay=0, batch=True).wait(120) == 0, log_path.read_text()
    mails = sent_mails(mail_dir)
    assert len(mails) == 1, [m.read_text() for m in mails]
    assert f"Message-ID: {message_id(note)}" in mails[0].read_text()
