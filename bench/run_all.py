"""`make bench`: every benchmark at its documented default size; results in bench/results/*.json and a
summary table printed at the end (the one the README carries).

    BENCH_SIZE=national make bench     # the full national data set: 100,000 units, 1,000,000 obstacles...
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = os.environ.get("BENCH_SIZE", "default")
IMPORT_ROWS = {"small": "2000", "default": "20000", "national": "100000"}[SIZE]
# Past obstacles (with their referrals) imported through the same engine: issue 26's target is 100,000 in minutes.
PAST_ROWS = {"small": "2000", "default": "100000", "national": "100000"}[SIZE]
DATABASE = f"tashil_bench_{SIZE}"
BENCHMARKS = [
    ["bench/pages.py", "--size", SIZE],
    ["bench/search.py", "--reuse", DATABASE],
    ["bench/load.py", "--reuse", DATABASE],
    ["bench/import_compare.py", "--rows", IMPORT_ROWS],
    ["bench/import_past.py", "--rows", PAST_ROWS],
]

started = time.perf_counter()
for command in BENCHMARKS:
    print("==>", " ".join(command), flush=True)
    subprocess.run([sys.executable, *command], cwd=ROOT, check=True)
print(f"all benchmarks in {(time.perf_counter() - started) / 60:.1f} minutes")
subprocess.run([sys.executable, "bench/summary.py", SIZE, IMPORT_ROWS, PAST_ROWS], cwd=ROOT, check=True)
