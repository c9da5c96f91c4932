"""Fill the database with a realistic national data set for benchmarks (bulk inserts; minutes, not hours)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.national import NationalGenerator


class Command(BaseCommand):
    help = "Generate units, obstacles, meetings and resolutions across all 31 provinces (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=100_000)
        parser.add_argument("--obstacles", type=int, default=1_000_000)
        parser.add_argument("--meetings", type=int, default=50_000)
        parser.add_argument("--resolutions", type=int, default=300_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        sizes = {key: options[key] for key in ("units", "obstacles", "meetings", "resolutions")}
        if any(value < 0 for value in sizes.values()):
            raise CommandError("sizes cannot be negative")
        if sizes["units"] == 0 and (sizes["obstacles"] or sizes["resolutions"]):
            raise CommandError("obstacles and resolutions need units: give --units")
        if sizes["resolutions"] and not sizes["meetings"]:
            raise CommandError("resolutions need meetings: give --meetings")
        call_command("load_reference", stdout=self.stdout)
        started = time.perf_counter()
        NationalGenerator(seed=options["seed"], log=self.stdout.write, **sizes).run()
        self.stdout.write(
            "generated "
            + ", ".join(f"{value:,} {key}" for key, value in sizes.items())
            + f" in {time.perf_counter() - started:.0f} s"
        )
