"""The background task worker's own reliability: heartbeats, recovery of interrupted tasks, retry back-off.

django-tasks-db claims a task by marking it RUNNING; a worker killed mid-task (``kill -9``, an out-of-memory
kill, a machine that goes down) leaves it RUNNING for ever. ``manage.py task_worker`` runs the same worker
and adds a heartbeat: every worker writes ``WorkerHeartbeat.seen_at`` every few seconds, and every worker
queues again the tasks left RUNNING by workers whose heartbeat has gone stale. A task is therefore run at
least once; tasks make themselves idempotent (a notification e-mail is marked sent in the same transaction
that sends it, so a second run finds it sent).
"""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

log = logging.getLogger("tashil.worker")

RUNNING, READY, FAILED = "RUNNING", "READY", "FAILED"


def beat(worker_id, started_at=None):
    """Record that this worker is alive."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "seen_at": now},
        create_defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": now,
            "started_at": started_at or now,
        },
    )


def recover_interrupted(now=None):
    """Queue again every task left RUNNING by a worker that has stopped beating; returns how many.

    A task already tried ``TASHIL_TASK_MAX_ATTEMPTS`` times is marked failed instead, so a task that kills
    its worker every time cannot loop for ever. Each change is a conditional update on the RUNNING row,
    so two workers recovering at once never both take the same task.
    """
    now = now or timezone.now()
    stale_before = now - datetime.timedelta(seconds=settings.TASHIL_WORKER_STALE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=stale_before).values_list("worker_id", flat=True))
    recovered = 0
    candidates = DBTaskResult.objects.filter(status=RUNNING, started_at__lt=stale_before).only(
        "pk", "worker_ids", "task_path"
    )
    for result in candidates:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue  # a long task on a worker that is still alive
        attempts = len(result.worker_ids)
        still_running = DBTaskResult.objects.filter(pk=result.pk, status=RUNNING)
        if attempts >= settings.TASHIL_TASK_MAX_ATTEMPTS:
            changed = still_running.update(
                status=FAILED,
                finished_at=now,
                exception_class_path="tashil.core.worker.WorkerDied",
                traceback=f"The worker died while running this task, {attempts} times; not tried again.",
            )
            if changed:
                log.error("task %s (%s) failed: its worker died %s times", result.pk, result.task_path, attempts)
            continue
        changed = still_running.update(status=READY, run_after=now, started_at=None)
        if changed:
            recovered += 1
            log.warning(
                "task %s (%s) was left running by worker %s, which stopped; queued again",
                result.pk,
                result.task_path,
                result.worker_ids[-1] if result.worker_ids else "?",
            )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - datetime.timedelta(days=7)).delete()
    return recovered


def release_own(worker_id):
    """Queue again the tasks this worker was running when it lost the database (it runs none of them now)."""
    now = timezone.now()
    released = 0
    for result in DBTaskResult.objects.filter(status=RUNNING).only("pk", "worker_ids"):
        if result.worker_ids and result.worker_ids[-1] == worker_id:
            released += DBTaskResult.objects.filter(pk=result.pk, status=RUNNING).update(
                status=READY, run_after=now, started_at=None
            )
    return released


class Heartbeat(threading.Thread):
    """Beats and recovers in the background while the worker runs its tasks (its own database connection)."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def tick(self):
        beat(self.worker_id, self.started_at)
        return recover_interrupted()

    def run(self):
        while not self.stopped.wait(settings.TASHIL_WORKER_HEARTBEAT_SECONDS):
            try:
                close_old_connections()
                self.tick()
            except DatabaseError:
                # The database is down or busy: the worker itself will notice; try again at the next beat.
                log.warning("heartbeat of worker %s could not reach the database", self.worker_id, exc_info=True)
        connections.close_all()

    def stop(self):
        self.stopped.set()


def retry_delay(failed_attempt):
    """Seconds to wait after attempt number ``failed_attempt`` failed: the base delay, doubling each time."""
    return settings.TASHIL_TASK_RETRY_SECONDS * 2 ** (failed_attempt - 1)


def retry_later(task, failed_attempt, *args, **kwargs):
    """Queue ``task`` again after attempt number ``failed_attempt`` failed, waiting the back-off delay.

    The new run gets ``attempt=failed_attempt + 1``. Returns its task result, or None when the last attempt
    has been used (the caller then lets the failure stand).
    """
    if failed_attempt >= settings.TASHIL_TASK_MAX_ATTEMPTS:
        return None
    run_after = timezone.now() + datetime.timedelta(seconds=retry_delay(failed_attempt))
    return task.using(run_after=run_after).enqueue(*args, attempt=failed_attempt + 1, **kwargs)
