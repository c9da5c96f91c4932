"""Where the load mix's CPU goes: every page of bench/load.py's mix asked in one process with the production settings
(no gunicorn, no wrk), reporting for each page the CPU time the application spent, its wall time, its queries, and
the mix's average weighted as wrk sends it. A tool for finding what to cut, not a target: the figures that count
are bench/load.py's.

    python bench/mix_cpu.py --reuse tashil_bench_national
    python bench/mix_cpu.py --reuse tashil_bench_national --repeat 40 --profile /registry/units/
    python bench/mix_cpu.py --reuse tashil_bench_national --only /obstacles/inbox/
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT
from bench.load import mix, prepare

MEASURE = r"""
import cProfile, io, json, pstats, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

paths, repeat, profile, sort, callers, only_functions = json.loads(__ARGS__)
client = Client(HTTP_HOST="127.0.0.1")
rows = {}
for path, cookie in paths:
    if path in rows:
        rows[path]["weight"] += 1
        continue
    client.cookies["sessionid"] = cookie
    for _ in range(2):
        assert client.get(path).status_code == 200, path
    cpu, wall = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            began, began_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            wall.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
    rows[path] = {"weight": 1, "cpu_ms": statistics.median(cpu), "wall_ms": statistics.median(wall),
                  "queries": len(queries.captured_queries)}
    if profile and path.startswith(profile):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(repeat):
            client.get(path)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(sort)
        stats.print_callers(callers) if callers else stats.print_stats(*([only_functions] if only_functions else []), 60)
        print(out.getvalue())
print("MIX " + json.dumps(rows, ensure_ascii=False))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", default="tashil_bench_national", help="the generated database")
    parser.add_argument("--repeat", type=int, default=20, help="requests measured per page")
    parser.add_argument("--profile", default="", help="print cProfile's figures for pages starting with this path")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: cumulative, tottime, ncalls…")
    parser.add_argument("--callers", default="", help="with --profile: who calls the functions matching this")
    parser.add_argument("--functions", default="", help="with --profile: only the functions whose file matches this")
    parser.add_argument("--only", default="", help="measure only the pages starting with this path")
    args = parser.parse_args()
    env, info, _cache = prepare(args.reuse)
    code = MEASURE.replace(
        "__ARGS__",
        repr(
            json.dumps(
                [
                    [(path, cookie) for path, cookie in mix(info) if path.startswith(args.only)],
                    args.repeat,
                    args.profile,
                    args.sort,
                    args.callers,
                    args.functions,
                ]
            )
        ),
    )
    shell = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
    )
    lines = shell.stdout.splitlines()
    print("\n".join(line for line in lines if not line.startswith("MIX ")))
    rows = json.loads(next(line for line in lines if line.startswith("MIX "))[4:])
    total = sum(row["weight"] for row in rows.values())
    print(f"{'cpu ms':>7} {'wall ms':>8} {'queries':>7} {'weight':>6}  page")
    for path, row in sorted(rows.items(), key=lambda item: -item[1]["cpu_ms"] * item[1]["weight"]):
        print(f"{row['cpu_ms']:7.1f} {row['wall_ms']:8.1f} {row['queries']:7d} {row['weight']:6d}  {path}")
    cpu = sum(row["cpu_ms"] * row["weight"] for row in rows.values()) / total
    wall = sum(row["wall_ms"] * row["weight"] for row in rows.values()) / total
    print(f"the mix, weighted as wrk sends it: {cpu:.1f} ms CPU, {wall:.1f} ms wall a request")


if __name__ == "__main__":
    main()
