"""A realistic demo county (Pakdasht, Tehran province) with users for every role. Safe to run again."""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from tashil.core.changelog import acting_as
from tashil.core.demo import DEMO_PASSWORD, DemoContext

# Each app's demo.load(context) runs in this order; later capabilities append theirs.
DEMO_APPS = [
    "geo",
    "orgs",
    "accounts",
    "units",
    "obstacles",
    "meetings",
    "letters",
    "clinic",
    "impact",
    "catalog",
    "workshops",
    "notifications",
]


class Command(BaseCommand):
    help = "Load the demo county and its users (idempotent: existing demo data is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")

    def handle(self, *args, **options):
        call_command("load_reference", stdout=self.stdout)
        context = DemoContext()
        with acting_as(source="demo"), transaction.atomic():
            for app in DEMO_APPS:
                import_module(f"tashil.{app}.demo").load(context)
        self.stdout.write(f"demo county ready: {context.county} ({context.county.province})")
        if not options["quiet_logins"]:
            self.print_logins(context)

    def print_logins(self, context):
        width = max(len(username) for username, _label in context.logins)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write("-" * 72)
        for username, label in context.logins:
            self.stdout.write(f"  {username.ljust(width)}  {label}")
        self.stdout.write("-" * 72)
