"""Write a backup archive: every record and every uploaded file (see tashil/core/backup.py)."""

from django.core.management.base import BaseCommand

from tashil.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database's records and the uploaded files into one versioned archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the folder for the archive (var/backups by default)")

    def handle(self, *args, **options):
        path = backup(options.get("output"))
        self.stdout.write(f"backup written: {path}")
