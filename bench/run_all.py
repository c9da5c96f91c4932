"""`make bench`: every benchmark at its documented default size; results in bench/results/*.json."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = [
    ["bench/import_units.py", "--rows", "100000", "--database", "sqlite"],
]

for command in BENCHMARKS:
    print("==>", " ".join(command), flush=True)
    subprocess.run([sys.executable, *command], cwd=ROOT, check=True)
