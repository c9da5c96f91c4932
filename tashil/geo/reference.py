"""Iran's provinces and counties, read from the CSVs shipped in the pinned django-iranian-cities package,
with English province names from the province boundary file (geo/data/iran-provinces.geojson) and English county
names transliterated from the Persian ones (geo/transliterate.py) where a county has none yet."""

import csv
import importlib.resources
import json
from pathlib import Path

from django.db import transaction

from tashil.core.persian import clean_text

from .models import County, Province
from .transliterate import transliterate

BOUNDARIES = Path(__file__).parent / "data" / "iran-provinces.geojson"


def _rows(name):
    path = importlib.resources.files("iranian_cities") / "data" / name
    with path.open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def province_names_en():
    with BOUNDARIES.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return {int(f["properties"]["iso_3166_2"][3:]): f["properties"]["name_en"] for f in features}


def county_name_en(name, province):
    """A county named as its province (most provincial capitals) takes the province's English name; the others a
    transliteration of the Persian one."""
    if name == province.name and province.name_en:
        return province.name_en
    return transliterate(name)


@transaction.atomic
def load_provinces_and_counties():
    """Create or update the 31 provinces and their counties; returns (provinces, counties) touched."""
    english = province_names_en()
    by_registry_id = {}
    for row in _rows("province.csv"):
        code = int(row["code"])
        province, _created = Province.objects.update_or_create(
            code=code, defaults={"name": clean_text(row["name"]), "name_en": english.get(code, "")}
        )
        by_registry_id[row["id"]] = province
    count = 0
    existing = {c.code: c for c in County.objects.all()}
    for row in _rows("county.csv"):
        code = int(row["code"])
        province = by_registry_id[row["province"]]
        name = clean_text(row["name"])
        county = existing.get(code)
        if county is None:
            County.objects.create(code=code, province=province, name=name, name_en=county_name_en(name, province))
        elif county.name != name or county.province_id != province.pk or not county.name_en:
            county.name, county.province = name, province
            county.name_en = county.name_en or county_name_en(name, province)
            county.save()
        count += 1
    return len(by_registry_id), count
