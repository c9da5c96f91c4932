"""Import industrial units from an XLSX or CSV file (the national capacity-identification campaign)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from tashil.core.changelog import acting_as
from tashil.core.choices import ChangeSource
from tashil.core.persian import search_key
from tashil.geo.models import County
from tashil.units.importer import ImportFileError
from tashil.units.services import import_units


class Command(BaseCommand):
    help = (
        "Import units from PATH (.xlsx or .csv). Nothing is written if any row is bad unless --partial. "
        "Exits 1 when rows were refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
        parser.add_argument("--county", help="county (name) for rows without a county column")
        parser.add_argument("--partial", action="store_true", help="write the good rows and report the bad ones")

    def handle(self, *args, path, dry_run, county, partial, **options):
        default_county = self.find_county(county) if county else None
        try:
            with acting_as(source=ChangeSource.IMPORT):
                result = import_units(path, path, county=default_county, partial=partial, dry_run=dry_run)
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
        matches = [c for c in County.objects.select_related("province") if search_key(c.name) == search_key(name)]
        if not matches:
            raise CommandError(f"شهرستان «{name}» پیدا نشد.")
        if len(matches) > 1:
            raise CommandError(f"شهرستان «{name}» در چند استان هست: " + "، ".join(str(c.province) for c in matches))
        return matches[0]
