"""Persian search: how often a spelling variant finds its unit, and how long the unit list takes to answer.

For a sample of units in a generated database, each name (and national ID, and product) is typed the ways
people type it: Arabic ي and ك, a ZWNJ where there was a space or the other way round, no spaces, an extra
space, a diacritic, digits in Persian or Arabic-Indic script. A variant counts as found when the unit is
among the results of the unit list's search (the same FilterSet as the page, the exports and the API).

    python bench/search.py --reuse tashil_bench_default --sample 200
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, prewarm, write_result
from bench.pages import percentile

ZWNJ = "\u200c"
ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def variants(name, national_id, product):
    words = name.split()
    found = {
        "arabic letters": name.translate(ARABIC),
        "zwnj for spaces": ZWNJ.join(words),
        "no spaces": "".join(words),
        "double spaces": "  ".join(words),
        "diacritic": name.replace("ا", "اَ", 1) if "ا" in name else name + "ُ",
        "words reordered": " ".join(reversed(words[-2:])) if len(words) > 1 else name,
        "product, arabic letters": product.translate(ARABIC),
        "product, zwnj dropped": product.replace(ZWNJ, " "),
    }
    if national_id:
        found["national id, persian digits"] = national_id.translate(PERSIAN_DIGITS)
        found["national id, arabic-indic digits"] = national_id.translate(ARABIC_DIGITS)
    return found


def inner(sample, seed):
    import django

    django.setup()
    from django.test import Client

    from tashil.accounts.models import User
    from tashil.units.filtersets import IndustrialUnitFilterSet
    from tashil.units.models import IndustrialUnit

    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench.admin", "bench@example.ir", "x-unused-x"
    )
    rng = random.Random(seed)
    ids = list(IndustrialUnit.objects.values_list("pk", flat=True))
    chosen = IndustrialUnit.objects.filter(pk__in=rng.sample(ids, min(sample, len(ids)))).prefetch_related("products")
    tried, hits, misses = 0, 0, []
    by_kind = {}
    for unit in chosen:
        product = next(iter(unit.products.all()), None)
        for kind, text in variants(unit.name, unit.national_id, product.name if product else unit.name).items():
            if kind == "words reordered" and len(unit.name.split()) < 2:
                continue
            queryset = IndustrialUnitFilterSet({"q": text}, queryset=IndustrialUnit.objects.all(), user=admin).qs
            ok = queryset.filter(pk=unit.pk).exists()
            tried += 1
            hits += ok
            total, found = by_kind.get(kind, (0, 0))
            by_kind[kind] = (total + 1, found + ok)
            if not ok and len(misses) < 10:
                misses.append({"kind": kind, "typed": text, "unit": unit.name})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    samples = []
    for unit in list(chosen)[:60]:
        text = unit.name.translate(ARABIC)
        started = time.perf_counter()
        response = client.get("/registry/units/", {"q": text})
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    result = {
        "variants_tried": tried,
        "variants_found": hits,
        "found_share": round(100 * hits / tried, 2) if tried else None,
        "by_kind": {k: {"tried": t, "found": f} for k, (t, f) in sorted(by_kind.items())},
        "misses": misses,
        "list_search_ms": {
            "median_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1),
            "runs": len(samples),
        },
        "units_in_database": len(ids),
    }
    print("RESULT " + json.dumps(result, ensure_ascii=False))


def run(database, sample, seed):
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.local", DJANGO_DEBUG="false")
    env["DATABASE_URL"] = f"{base}/{database}"
    prewarm(env["DATABASE_URL"])
    process = subprocess.run(
        [PYTHON, str(Path(__file__)), "--inner", "--sample", str(sample), "--seed", str(seed)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    line = next(line for line in process.stdout.splitlines() if line.startswith("RESULT "))
    return {"database": database, **json.loads(line[7:])}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", default="tashil_bench_default", help="a database filled by bench/pages.py")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.sample, args.seed)
    else:
        result = run(args.reuse, args.sample, args.seed)
        path = write_result(f"search_{args.reuse.removeprefix('tashil_bench_')}", result)
        print(json.dumps(result, ensure_ascii=False, indent=2))
        print(f"written to {path}")
