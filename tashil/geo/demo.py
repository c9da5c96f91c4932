"""Demo: Pakdasht county and its industrial towns and areas."""

import datetime
from decimal import Decimal

from tashil.core.demo import DEMO_COUNTY_CODE
from tashil.core.jalali import today

from .choices import ZoneKind
from .models import Closure, County, IndustrialZone
from .services import save_closure

ZONES = (
    ("شهرک صنعتی عباس‌آباد", ZoneKind.TOWN, "شرکت شهرک‌های صنعتی استان تهران", Decimal("380"), "35.4705", "51.7702"),
    ("شهرک صنعتی خاوران", ZoneKind.TOWN, "شرکت شهرک‌های صنعتی استان تهران", Decimal("610"), "35.5318", "51.5924"),
    ("ناحیه صنعتی شریف‌آباد", ZoneKind.AREA, "شرکت شهرک‌های صنعتی استان تهران", Decimal("95"), "35.4300", "51.7860"),
    ("ناحیه صنعتی فرون‌آباد", ZoneKind.AREA, "شرکت شهرک‌های صنعتی استان تهران", Decimal("60"), "35.4950", "51.6780"),
)


def load(context):
    county = County.objects.select_related("province").get(code=DEMO_COUNTY_CODE)
    context.county = county
    for name, kind, operator, area, lat, lon in ZONES:
        zone, _created = IndustrialZone.objects.get_or_create(
            county=county,
            name=name,
            defaults={
                "kind": kind,
                "operator": operator,
                "area_hectares": area,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
            },
        )
        context.zones.append(zone)
    # Tehran province's offices closed for air pollution a fortnight ago: a day out of every deadline running then.
    closed = today() - datetime.timedelta(days=14)
    if not Closure.objects.filter(date=closed, province=county.province, county__isnull=True).exists():
        save_closure(Closure(date=closed, province=county.province, reason="آلودگی هوا (تصمیم استانداری)"))
