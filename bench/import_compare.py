"""Import throughput and memory, Tashil's importer beside django-import-export, on the same sheet and model.

Each import gets a fresh PostgreSQL database with the reference data and imports the same generated
provincial sheet (N units across every county; a third of the national IDs in Persian digits, Jalali dates,
statuses spelled with and without a ZWNJ).

    python bench/import_compare.py --rows 20000
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, database_env, manage, write_result
from bench.import_units import measure, sheet


def tashil_import(path, rows):
    env = database_env("postgres", "tashil_bench_import")
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference")
    result = measure(env, "import_units", str(path), "--partial")
    result["rows_per_second"] = round(rows / result["seconds"], 1)
    return result


def run(rows):
    """Tashil's importer runs before and after django-import-export (A B A), each on a fresh database, and the
    speed-up is taken against the mean of its two runs: a machine that slows down or speeds up during the
    comparison (this one varies by a third from minute to minute) then tilts neither side."""
    path = sheet(rows)
    before = tashil_import(path, rows)
    env = database_env("postgres", "tashil_bench_import_export")
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference")
    process = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "import_export_units.py"), str(path)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    other = json.loads(process.stdout.strip().splitlines()[-1])
    other["rows_per_second"] = round(rows / other["seconds"], 1)
    after = tashil_import(path, rows)
    seconds = (before["seconds"] + after["seconds"]) / 2
    tashil = {
        "seconds": round(seconds, 2),
        "peak_mb": max(before["peak_mb"], after["peak_mb"]),
        "exit": before["exit"] or after["exit"],
        "summary": before["summary"],
        "rows_per_second": round(rows / seconds, 1),
        "runs": [before, after],
    }
    return {
        "rows": rows,
        "database": "postgresql",
        "tashil": tashil,
        "django_import_export": other,
        "speedup": round(other["seconds"] / tashil["seconds"], 1),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    result = run(args.rows)
    path = write_result(f"import_compare_{args.rows}", result)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"written to {path}")
