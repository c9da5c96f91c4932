"""Import of past obstacles: N obstacles, each with its referral, from a generated XLSX, through the same engine as
the upload page (`manage.py import_past obstacles`), into a fresh database holding the reference data and 20,000
units. Measures the first import (every row created) and the same file again (every row unchanged), each as rows
per second and peak resident memory of the importing process.

    python bench/import_past.py --rows 100000 --database postgres
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, database_env, manage, write_result
from bench.import_units import measure, sheet

UNITS = 20_000


def run(rows, database):
    env = database_env(database, "tashil_bench_past")
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference")
    manage(env, "import_units", str(sheet(UNITS)))
    path = ROOT / "var" / "bench" / f"past-obstacles-{rows}.xlsx"
    path.unlink(missing_ok=True)  # made for the units of this database
    subprocess.run(
        [PYTHON, str(ROOT / "bench" / "make_past_file.py"), str(path), "--rows", str(rows)], env=env, check=True
    )
    first = measure(env, "import_past", "obstacles", str(path))
    again = measure(env, "import_past", "obstacles", str(path))
    for item in (first, again):
        item["rows_per_second"] = round(rows / item["seconds"], 1)
    return {
        "rows": rows,
        "units": UNITS,
        "database": database,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "first": first,
        "again": again,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="postgres")
    args = parser.parse_args()
    result = run(args.rows, args.database)
    path = write_result(f"import_past_{args.rows}", result)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"written to {path}")
