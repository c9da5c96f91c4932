"""ISIC Rev.4, the UN's International Standard Industrial Classification, with Persian titles: its 21 sections, 88
divisions, 238 groups and 419 classes, read from units/data/isic4.csv (source, licence and the status of the
Persian titles: units/data/README.md). ``load_reference`` and the migration that made the table call
``load_isic``; it creates what is missing and corrects titles in place, so running it again changes nothing."""

import csv
from collections import Counter
from pathlib import Path

from django.db import transaction

from tashil.core.persian import clean_text, search_key

DATA = Path(__file__).parent / "data" / "isic4.csv"
LEVELS = ("section", "division", "group", "class")


def isic_search_text(code, title_fa, title_en):
    """What the picker and the filters search: the code and both titles, as search keys (any spelling, digits in
    any script, with or without ZWNJ)."""
    return " ".join(search_key(part) for part in (code, title_fa, title_en) if part)


def isic_rows():
    """The file's rows, parents before their children (the file's own order)."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            title_fa = clean_text(row["title_fa"])
            yield {
                "code": row["code"],
                "level": row["level"],
                "parent_id": row["parent"] or None,
                "title_fa": title_fa,
                "title_en": row["title_en"].strip(),
                "search_text": isic_search_text(row["code"], title_fa, row["title_en"]),
            }


@transaction.atomic
def load_isic(model=None):
    """Create the entries that are missing and correct the titles that differ; returns the count of each level
    in the file ({"section": 21, "division": 88, "group": 238, "class": 419}). ``model``: the migration's
    historical IsicCode (the current one by default)."""
    if model is None:
        from .models import IsicCode as model
    existing = {entry.code: entry for entry in model.objects.all()}
    counts, new, changed = Counter(), [], []
    fields = ("level", "parent_id", "title_fa", "title_en", "search_text")
    for row in isic_rows():
        counts[row["level"]] += 1
        entry = existing.get(row["code"])
        if entry is None:
            new.append(model(**row))
        elif any(getattr(entry, name) != row[name] for name in fields):
            for name in fields:
                setattr(entry, name, row[name])
            changed.append(entry)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, ["level", "parent", "title_fa", "title_en", "search_text"])
    return {level: counts[level] for level in LEVELS}


def link_units_to_classes(unit_model, class_codes):
    """Units whose typed ISIC code begins with a class's four digits get that class (what the migration does for
    the codes typed before the picker); returns how many were linked."""
    linked = 0
    typed = unit_model.objects.filter(isic_class__isnull=True).exclude(isic_code="")
    prefixes = {code[:4] for code in typed.values_list("isic_code", flat=True).distinct() if len(code) >= 4}
    for prefix in sorted(prefixes & set(class_codes)):
        linked += typed.filter(isic_code__startswith=prefix).update(isic_class_id=prefix)
    return linked
