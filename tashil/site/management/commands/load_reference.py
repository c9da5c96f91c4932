"""Load Iran's provinces and counties, the default agencies, the work calendar (the official holidays of
1404–1406 and of this and next year from the ``holidays`` library), the obstacle taxonomy and ISIC Rev.4 with
Persian titles. Safe to run again."""

from django.core.management.base import BaseCommand

from tashil.core.changelog import acting_as
from tashil.core.jalali import today
from tashil.core.official_holidays import load_reference_holidays
from tashil.core.reference import load_calendar
from tashil.geo.reference import load_provinces_and_counties
from tashil.obstacles.taxonomy import load_taxonomy
from tashil.orgs.reference import load_agencies
from tashil.units.isic import load_isic


class Command(BaseCommand):
    help = "Load reference data (provinces, counties, agencies, work calendar, obstacle taxonomy, ISIC). Idempotent."

    def handle(self, *args, **options):
        with acting_as(source="reference"):
            provinces, counties = load_provinces_and_counties()
            agencies = load_agencies()
            holidays = load_calendar()
            holidays += load_reference_holidays(today())
            groups = load_taxonomy()
            isic = load_isic()
        self.stdout.write(
            f"reference data: {provinces} provinces, {counties} counties, {agencies} agencies, "
            f"{holidays} holidays added, {groups} obstacle groups, ISIC Rev.4: {isic['section']} sections, "
            f"{isic['division']} divisions, {isic['group']} groups, {isic['class']} classes"
        )
