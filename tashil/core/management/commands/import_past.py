"""Import records of the past from an XLSX or CSV file: one command for every kind registered with
``core.importing`` (obstacles with their referrals, meetings with their resolutions, units, agency officers), the
same engine, rules and guarantees as the upload page. ``--as`` names the person the import is done as, as the page
is done by the person signed in: the rows are held to that person's scope and logged as theirs. Officers need
one (they are invited by someone); the other kinds run with no one's scope without it."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tashil.core import scope
from tashil.core.changelog import acting_as
from tashil.core.choices import ChangeSource
from tashil.core.importing import KINDS, get_kind
from tashil.core.persian import search_key
from tashil.core.spreadsheets import ImportFileError


class Command(BaseCommand):
    help = (
        "Import records of the past: import_past KIND PATH [--as USERNAME] (KIND: obstacles, meetings, units, "
        "officers). Nothing is written if any row is bad unless --partial. Past records notify no one; officers "
        "are sent their invitations, from the person named by --as (required for officers). Exits 1 when rows "
        "were refused."
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
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="import as this user, within their scope, as the upload page does (required for officers: the inviter)",
        )

    def handle(self, *args, path, dry_run, county, partial, as_user=None, kind=None, **options):
        kind = self.kind or kind
        try:
            import_kind = get_kind(kind)
        except ImportFileError as error:
            raise CommandError(f"{error} ({', '.join(sorted(KINDS))})") from None
        user = self.find_user(as_user, import_kind) if as_user else None
        if user is None and import_kind.needs_user:
            raise CommandError(
                f"برای ورود {import_kind.label} بنویسید به نام چه کسی (--as نام‌کاربری): دعوت‌نامه‌ها از سوی او "
                "فرستاده می‌شوند و تنها دستگاه‌های حوزه او پذیرفته‌اند."
            )
        default_county = self.find_county(county) if county else None
        importer = import_kind.importer(user=user, county=default_county, partial=partial, dry_run=dry_run)
        try:
            with acting_as(user=user, source=ChangeSource.IMPORT):
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

    def find_user(self, username, import_kind):
        """The active user named, who may import this kind as the upload page asks (its model's action and the
        kind's further condition)."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"کاربری با نام کاربری «{username}» پیدا نشد.")
        if not user.is_active:
            raise CommandError(f"حساب «{username}» غیرفعال است.")
        allowed = scope.can(user, import_kind.model, import_kind.action)
        if not allowed or (import_kind.permitted is not None and not import_kind.permitted(user)):
            raise CommandError(f"کاربر «{username}» اجازه ورود {import_kind.label} از فایل را ندارد.")
        return user
