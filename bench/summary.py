"""The README's table of figures, from bench/results/*.json: python bench/summary.py [size] [import rows]."""

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
size = sys.argv[1] if len(sys.argv) > 1 else "default"
rows = sys.argv[2] if len(sys.argv) > 2 else "20000"
past_rows = sys.argv[3] if len(sys.argv) > 3 else "100000"


def load(name):
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def cell(summary):
    return f"{summary['median_ms']:.0f} / {summary['p95_ms']:.0f}" if summary else "—"


pages = load(f"pages_{size}")
if pages:
    s = pages["sizes"]
    print(
        f"Pages at {s['units']:,} units, {s['obstacles']:,} obstacles, {s['meetings']:,} meetings, "
        f"{s['resolutions']:,} resolutions (PostgreSQL; generated in {pages['generation']['seconds'] if pages['generation'] else '—'} s)."
    )
    print("Milliseconds, median / p95:\n")
    print("| page | page | API | admin changelist | bare SQL | page ÷ admin | page ÷ SQL |")
    print("|---|---|---|---|---|---|---|")
    for row in pages["pages"]:
        uncached = f" (uncached {cell(row['page_uncached_ms'])})" if row.get("page_uncached_ms") else ""
        print(
            f"| {row['page']} | {cell(row['page_ms'])}{uncached} | {cell(row.get('api_ms'))} | {cell(row.get('admin_ms'))} "
            f"| {cell(row.get('sql_ms'))} | {row.get('page_to_admin', '—')} | {row.get('page_to_sql', '—')} |"
        )
search = load(f"search_{size}") or load("search")
if search:
    print(
        f"\nSearch: {search['variants_found']} of {search['variants_tried']} spelling variants found their unit "
        f"({search['found_share']} %); the unit list answers a search in {cell(search['list_search_ms'])} ms."
    )
load_ = load(f"load_{size}") or load("load")
if load_:
    for run in load_["runs"]:
        print(
            f"\nLoad: gunicorn ({load_['gunicorn_workers']} workers, {load_['cache']} cache), wrk with "
            f"{run['connections']} connections for {run['seconds']} s: {run['requests_per_second']} requests/s, "
            f"p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, p99 {run['p99_ms']} ms, {run['error_count']} errors"
            + (
                f"; CPU a request: application {run['cpu_ms_per_request'].get('gunicorn')} ms, PostgreSQL "
                f"{run['cpu_ms_per_request'].get('postgres')} ms."
                if "cpu_ms_per_request" in run
                else "."
            )
        )
    if "baseline" in load_:
        for run, ratio in zip(load_["baseline"]["runs"], load_["ratio_to_baseline"].values(), strict=True):
            print(
                f"\nSame run, commit {load_['baseline']['commit']} (before the change) with {run['connections']} "
                f"connections: {run['requests_per_second']} requests/s, p95 {run['p95_ms']} ms — this commit "
                f"({load_.get('commit', '?')}) {ratio}× its requests/s."
            )
imports = load(f"import_compare_{rows}")
if imports:
    t, o = imports["tashil"], imports["django_import_export"]
    runs = t.get("runs", [])
    each = f" (runs before and after: {' and '.join(str(r['rows_per_second']) for r in runs)})" if runs else ""
    print(
        f"\nImport of {imports['rows']:,} units from XLSX: Tashil {t['rows_per_second']} rows/s{each}, "
        f"peak {t['peak_mb']} MB; django-import-export {o['rows_per_second']} rows/s, peak {o['peak_mb']} MB "
        f"({imports['speedup']}× slower)."
    )
past = load(f"import_past_{past_rows}")
if past:
    first, again = past["first"], past["again"]
    print(
        f"\nImport of {past['rows']:,} past obstacles with their referrals from XLSX ({past['file_mb']} MB, "
        f"{past['database']}, `import_past obstacles`): {first['rows_per_second']} rows/s "
        f"({first['seconds'] / 60:.1f} min), peak {first['peak_mb']} MB; the same file again (every row unchanged) "
        f"{again['rows_per_second']} rows/s, peak {again['peak_mb']} MB."
    )
faults = load("faults")
if faults:
    causes, mails = faults["failed_by_cause"], faults["emails"]
    print(
        f"\nFaults (`make bench-faults`, {faults['seconds']} s, {faults['client_threads']} client threads, "
        f"{faults['gunicorn_workers']} gunicorn workers): {faults['requests']:,} requests, {faults['failed']} failed — "
        f"{causes['database_down']} while PostgreSQL was down ({faults['database_down_seconds']} s, answered 503), "
        f"{causes['in_flight_on_killed_worker']} in flight on the killed gunicorn worker, {causes['elsewhere']} "
        f"anywhere else; answering again {faults['answered_again_seconds_after_database']} s after the database "
        f"and {faults['answered_again_seconds_after_kill']} s after the kill; {faults['writes_acknowledged']} "
        f"acknowledged writes, {faults['writes_lost']} lost; {mails['queued']} notification e-mails queued, "
        f"{mails['sent']} sent, {mails['sent_twice']} twice (task worker restarted through the database restart "
        f"and killed once)."
    )
