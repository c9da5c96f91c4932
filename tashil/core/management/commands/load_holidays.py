"""Load the official holidays of Jalali years from the ``holidays`` library's Iran calendar. Safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from tashil.core.changelog import acting_as
from tashil.core.official_holidays import load_official_holidays


class Command(BaseCommand):
    help = "Load Iran's official holidays of the given Jalali years (lunar ones marked to confirm). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, help="Jalali years, e.g. 1405 1406")

    def handle(self, *args, years, **options):
        bad = [year for year in years if not 1380 <= year <= 1450]
        if bad:
            raise CommandError(f"not a Jalali year this calendar covers (1380–1450): {bad[0]}")
        with acting_as(source="reference"):
            for year in years:
                added = load_official_holidays(year)
                self.stdout.write(f"{year}: {added} holidays added")
