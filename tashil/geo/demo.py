"""Demo: Pakdasht county and its industrial towns and areas."""

from decimal import Decimal

from tashil.core.demo import DEMO_COUNTY_CODE

from .choices import ZoneKind
from .models import County, IndustrialZone

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
