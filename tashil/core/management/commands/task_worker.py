"""``manage.py task_worker``: django-tasks-db's worker with a heartbeat, so tasks of a dead worker run again.

Takes the same options as ``db_worker``. Use it instead of ``db_worker`` wherever a worker runs.
"""

import os
import time

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from tashil.core.worker import Heartbeat, log, release_own

DATABASE_DOWN_PAUSE = 2


class Worker(db_worker.Worker):
    """db_worker's loop, with a heartbeat beside it, and a database that goes away (a restart, a fail-over)
    waited for instead of ending the process."""

    def run(self):
        heartbeat = Heartbeat(self.worker_id)
        try:
            while True:
                try:
                    if not heartbeat.is_alive():
                        recovered = heartbeat.tick()
                        if recovered:
                            log.warning("worker %s queued again %s interrupted task(s)", self.worker_id, recovered)
                        heartbeat.start()
                    released = release_own(self.worker_id)
                    if released:
                        log.warning(
                            "worker %s queued again %s task(s) it lost with the database", self.worker_id, released
                        )
                    return super().run()
                except (OperationalError, InterfaceError):
                    if not self.running:
                        raise
                    log.warning(
                        "worker %s lost the database; trying again in %s s", self.worker_id, DATABASE_DOWN_PAUSE
                    )
                    connections.close_all()
                    time.sleep(DATABASE_DOWN_PAUSE)
        finally:
            heartbeat.stop()


class Command(db_worker.Command):
    help = "Run the background task worker (with a heartbeat; tasks of a worker that died are run again)"

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
