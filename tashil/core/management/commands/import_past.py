"""Import records of the past from an XLSX or CSV file: one command for every kind registered with
``core.importing`` (obstacles with their referrals, meetings with their resolutions, units), the same engine,
rules and guarantees as the upload page."""

import sys

from django.core.management.base import BaseCommand, CommandError

from tashil.core import scope
from tashil.core.changelog import acting_as
from tashil.core.choices import ChangeSource
from tashil.core.importing import KINDS, get_kind
from tashil.core.persian import search_key
from tashil.core.spreadsheets import ImportFileError


class Command(BaseCommand):
    help = (
        "Import records of the past: import_past KIND PATH (KIND: obstacles, meetings, units). Nothing is written if "
        "any row is bad unless --partial. Nothing is notified. Exits 1 when rows were refused."
    )

    kind = None  # a command for one kind (import_units) sets it; import_past reads it from the command line

    def add_arguments(self, parser):
        if self.kind is None:
            parser.add_argument("kind", help="what the file holds: " + ", ".join(sorted(KINDS)))
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
        parser.add_argument(
            "--county", help="the county (name) the rows must be of, or the default of rows without one"
        )
        parser.add_argument("--partial", action="store_true", help="write the good rows and report the bad ones")

    def handle(self, *args, path, dry_run, county, partial, kind=None, **options):
        kind = self.kind or kind
        try:
            import_kind = get_kind(kind)
        except ImportFileError as error:
            raise CommandError(f"{error} ({', '.join(sorted(KINDS))})") from None
        default_county = self.find_county(county) if county else None
        importer = import_kind.importer(county=default_county, partial=partial, dry_run=dry_run)
        try:
            with acting_as(source=ChangeSource.IMPORT):
                result = importer.run(path, path)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except FileNotFoundError:
            raise CommandError(f"فایل «{path}» پیدا نشد.") from None
        if result.unknown_columns:
            self.stdout.write("ستون‌های ناشناخته (نادیده گرفته شد): " + "، ".join(result.unknown_columns))
        for error in result.errors:
            self.stdout.write(f"ردیف {error.row} — {error.column}: {error.message}")
        if result.errors and not partial:
            self.stdout.write("هیچ ردیفی ثبت نشد، چون فایل ردیف نادرست دارد (برای ثبت ردیف‌های درست: --partial).")
        elif dry_run:
            self.stdout.write("اجرای آزمایشی: چیزی ثبت نشد.")
        self.stdout.write(result.summary())
        if result.errors:
            sys.exit(1)

    def find_county(self, name):
        model = scope.county_model()
        matches = [c for c in model.objects.all() if search_key(c.name) == search_key(name)]
        if not matches:
            raise CommandError(f"شهرستان «{name}» پیدا نشد.")
        if len(matches) > 1:
            raise CommandError(f"شهرستان «{name}» در چند استان هست: " + "، ".join(str(c) for c in matches))
        return matches[0]
