"""The registry's part of the test world: a unit in each county, and their representatives."""

from decimal import Decimal

from django.core.files.base import ContentFile

from tashil.core.choices import Role, ScopeLevel
from tashil.site.testing.factories import MembershipFactory, UserFactory, png_file
from tashil.site.testing.world import world_builder
from tashil.units import services
from tashil.units.choices import UnitStatus
from tashil.units.isic import load_isic
from tashil.units.models import (
    ImportJob,
    IndustrialUnit,
    IsicCode,
    PeriodicReport,
    Product,
    Project,
    UnitStatusChange,
)


@world_builder
def build_units(w):
    if not IsicCode.objects.exists():  # the migration loaded it; a transactional test's flush took it away
        load_isic()
    w.unit_a = IndustrialUnit.objects.create(
        name="صنایع آزمایشی الف",
        national_id="10380284790",
        county=w.county_a,
        zone=w.zone_a,
        status=UnitStatus.ACTIVE,
        employees=30,
        latitude=Decimal("35.5"),
        longitude=Decimal("51.7"),
    )
    w.unit_a2 = IndustrialUnit.objects.create(
        name="کارخانه همسایه الف", national_id="14007650912", county=w.county_a, status=UnitStatus.SEMI_ACTIVE
    )
    w.unit_b = IndustrialUnit.objects.create(
        name="صنایع آزمایشی ب", national_id="10101870306", county=w.county_b, status=UnitStatus.INACTIVE
    )
    w.product_a = services.save_product(Product(unit=w.unit_a, name="محصول آزمایشی الف", photo=png_file()))
    w.project_a = Project.objects.create(unit=w.unit_a, county=w.county_a, title="طرح توسعه الف", progress=40)
    w.report_a = PeriodicReport.objects.create(unit=w.unit_a, year=1404, month=6, production=Decimal(100))
    w.status_change_a = UnitStatusChange.objects.create(
        unit=w.unit_a, to_status=UnitStatus.ACTIVE, date=w.unit_a.status_date, reason="ثبت"
    )
    w.import_job = ImportJob.objects.create(
        user=w.users["secretariat"], file=ContentFile(b"name\n", name="units.csv"), original_name="units.csv"
    )
    # Representatives: of unit A, and of the other unit in the same county (an IDOR probe at close range).
    for key, unit in (("unit_rep", w.unit_a), ("unit_rep_b", w.unit_a2)):
        user = UserFactory(username=key.replace("_", "."))
        MembershipFactory(user=user, role=Role.UNIT_REP, level=ScopeLevel.COUNTY, county=unit.county, unit=unit)
        w.users[key] = user
