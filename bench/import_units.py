"""Import throughput: a generated national sheet of N units, imported with `manage.py import_units`.

Measures the first import (every row created) and the same file again (every row unchanged), each as
rows per second and peak resident memory of the importing process, on a fresh database.

    python bench/import_units.py --rows 100000 --database sqlite
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, database_env, manage, write_result


def sheet(rows):
    path = ROOT / "var" / "bench" / f"units-{rows}.xlsx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([PYTHON, str(ROOT / "bench" / "make_units_file.py"), str(path), "--rows", str(rows)], check=True)
    return path


def measure(env, *args):
    process = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "measure.py"), *args], env=env, stdout=subprocess.PIPE, text=True, check=False
    )
    lines = process.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    result["summary"] = next((line for line in reversed(lines[:-1]) if line.startswith("created")), "")
    return result


def run(rows, database):
    path = sheet(rows)
    env = database_env(database, "tashil_bench_import")
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference")
    first = measure(env, "import_units", str(path))
    again = measure(env, "import_units", str(path))
    for item in (first, again):
        item["rows_per_second"] = round(rows / item["seconds"], 1)
    return {
        "rows": rows,
        "database": database,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "first": first,
        "again": again,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    result = run(args.rows, args.database)
    path = write_result(f"import_units_{args.database}", result)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"written to {path}")
