"""Run one management command in this process and print its wall time and its peak memory (with its children's).

Usage: python bench/measure.py <command> [args...]  (prints one JSON line last)
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

started = time.perf_counter()
code = 0
try:
    call_command(*sys.argv[1:])
except SystemExit as exit_:
    code = exit_.code or 0
seconds = time.perf_counter() - started
# This process's peak, plus the largest peak of its children (the XLSX reader that parses the sheet ahead, see
# core/spreadsheets.py): an upper bound of what the import held at once.
peak_mb = (
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
) / 1024
print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak_mb, 1), "exit": code}))
