"""Restore a backup archive into a migrated, empty database (see tashil/core/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from tashil.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup archive (records and uploaded files) into a freshly migrated database."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="restore even if the database holds records")

    def handle(self, *args, **options):
        try:
            manifest = restore(options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        total = sum(manifest["counts"].values())
        self.stdout.write(f"restored {total:,} records and {manifest['media_files']} files from {manifest['created']}")
