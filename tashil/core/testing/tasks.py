"""Run queued background tasks inside a test.

The worker (django_tasks_db's db_worker) recycles database connections between tasks, which would close
the connection a test runs its transaction on (PostgreSQL). This helper claims and runs each ready task
with the worker's own run_task, so the task code, its success and failure recording are the real ones.
"""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks(limit=1000):
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        result = DBTaskResult.objects.ready().filter(backend_name="default").first()
        if result is None:
            break
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran
