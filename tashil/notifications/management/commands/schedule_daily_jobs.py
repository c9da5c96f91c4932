"""Queue the daily job (overdue notifications and digests) if it is not already waiting. Safe to run again."""

from django.core.management.base import BaseCommand

from tashil.notifications.tasks import next_run, schedule_next_daily_jobs


class Command(BaseCommand):
    help = "Queue the daily job for the task worker (idempotent)."

    def handle(self, *args, **options):
        result = schedule_next_daily_jobs()
        if result is None:
            self.stdout.write("daily job already queued")
        else:
            self.stdout.write(f"daily job queued for {next_run():%Y-%m-%d %H:%M} (Tehran)")
