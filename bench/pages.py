"""Page latency at national scale on PostgreSQL, beside Django's admin changelist and the bare SQL.

Fills a fresh PostgreSQL database with `manage.py generate_national`, reads it into memory (pg_prewarm, as
a serving database would be), then measures each page and its API twin in-process (Django's test client: the view, its queries, the template; no network), median and p95
over repeated runs. For the lists it also measures the admin changelist of the same model and filter (what
a team would have without Tashil) and the page's own main queries run bare (the floor).

    python bench/pages.py                       # the default size (a fifth of the nation)
    python bench/pages.py --size national       # 100,000 units, 1,000,000 obstacles...
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, RESULTS, ROOT, database_env, manage, prewarm, redis_url, write_result

SIZES = {
    "small": {"units": 2000, "obstacles": 20000, "meetings": 1000, "resolutions": 6000},
    "default": {"units": 20000, "obstacles": 200000, "meetings": 10000, "resolutions": 60000},
    "national": {"units": 100000, "obstacles": 1000000, "meetings": 50000, "resolutions": 300000},
}


def percentile(values, fraction):
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(samples):
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "runs": len(samples),
    }


# --- inside the benchmark database (a child process with Django set up) -----------------------------------


def inner(repeat):
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tashil.accounts.models import Membership, User
    from tashil.geo.models import County
    from tashil.obstacles.models import Referral
    from tashil.units.models import IndustrialUnit

    def user(username, **membership):
        person, _ = User.objects.get_or_create(username=username, defaults={"first_name": "سنجش"})
        if membership and not person.memberships.exists():
            Membership.objects.create(user=person, **membership)
        return person

    # The busiest county (and its province), and the county agency with the most referrals.
    county = County.objects.annotate(n=Count("units")).order_by("-n").first()
    province = county.province
    agency_id = (
        Referral.objects.filter(agency__county=county)
        .values("agency")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["agency"]
    )
    nation = user("bench.nation", role="manager", level="nation")
    user("bench.province", role="secretariat", level="province", province=province)
    county_user = user("bench.county", role="secretariat", level="county", county=county, province=province)
    officer = user(
        "bench.officer", role="agency_officer", level="county", county=county, province=province, agency_id=agency_id
    )
    admin = User.objects.filter(username="bench.admin").first() or User.objects.create_superuser(
        "bench.admin", "bench@example.ir", "x-unused-x"
    )
    word = IndustrialUnit.objects.filter(county=county).values_list("name", flat=True).first().split()[1]
    unit_id = IndustrialUnit.objects.filter(county=county).order_by("pk").values_list("pk", flat=True).first()
    open_statuses = "pending,in_progress,objected"

    pages = [
        # name, user, page, api, admin changelist (same model and filter), main query marker
        # First, a signed-in page with no list at all (two small forms): what the session, the user's scope,
        # the menu and the layout cost on any page, the floor under every page below.
        ("floor: a page with no list (profile)", county_user, "/accounts/profile/", None, None, None),
        (
            "unit list: county + status + search",
            county_user,
            f"/registry/units/?county={county.pk}&status=active&q={word}",
            f"/api/units/units/?county={county.pk}&status=active&q={word}",
            f"/django-admin/units/industrialunit/?county__id__exact={county.pk}&status__exact=active&q={word}",
            "units_industrialunit",
        ),
        ("unit page", county_user, f"/registry/units/{unit_id}/", f"/api/units/units/{unit_id}/", None, None),
        (
            "obstacle list: agency + overdue",
            nation,
            f"/obstacles/?agency={agency_id}&overdue=true",
            f"/api/obstacles/obstacles/?agency={agency_id}&overdue=true",
            None,
            "obstacles_obstacle",
        ),
        (
            # A common word across the nation's million obstacles (60,000 of them hold it, or their unit does):
            # the search reads two trigram indexes and counts up to SEARCH_COUNT_CAP.
            "obstacle list: nation + search",
            nation,
            "/obstacles/?q=مالیات",
            "/api/obstacles/obstacles/?q=مالیات",
            "/django-admin/obstacles/obstacle/?q=مالیات",
            "obstacles_obstacle",
        ),
        (
            "agency inbox",
            officer,
            "/obstacles/inbox/",
            f"/api/obstacles/referrals/?agency={agency_id}&overdue=true",
            None,
            "obstacles_referral",
        ),
        ("national dashboard", nation, "/reports/", "/api/reports/dashboard/", None, None),
        (
            "province dashboard",
            nation,
            f"/reports/?province={province.pk}",
            f"/api/reports/dashboard/?province={province.pk}",
            None,
            None,
        ),
        ("county dashboard", county_user, "/reports/", "/api/reports/dashboard/", None, None),
        # The agency scorecard (issue 25: seventeen figures per agency, net of closures and waits), the period
        # report and the public accountability pages: figures computed over the area, kept like the dashboard's.
        ("national scorecard", nation, "/reports/agencies/", None, None, None),
        ("province scorecard", nation, f"/reports/agencies/?province={province.pk}", None, None, None),
        ("county scorecard", county_user, "/reports/agencies/", None, None, None),
        ("national period report (year)", nation, "/reports/period/?period=year", None, None, None),
        (
            "public accountability: province",
            None,
            f"/directory/accountability/provinces/{province.pk}/",
            None,
            None,
            None,
        ),
        ("public accountability: county", None, f"/directory/accountability/counties/{county.pk}/", None, None, None),
        (
            "follow-up board (open resolutions)",
            nation,
            "/meetings/resolutions/?state=open",
            "/api/meetings/resolutions/?state=open",
            f"/django-admin/meetings/resolution/?status__in={open_statuses}",
            "meetings_resolution",
        ),
        (
            "unit list: nation, first page",
            nation,
            "/registry/units/",
            "/api/units/units/",
            "/django-admin/units/industrialunit/",
            "units_industrialunit",
        ),
    ]

    def client_for(person):
        client = Client(HTTP_HOST="127.0.0.1")
        if person is not None:  # None: a visitor of the public site, not signed in
            client.force_login(person)
        return client

    def time_get(client, url, runs, cpu=None):
        """Wall-clock milliseconds of each request; ``cpu``, a list, receives the CPU milliseconds this process
        spent on each (the database's own work aside): on a machine shared with other work the wall clock
        measures the others too, the CPU time far less."""
        samples = []
        for index in range(runs + 2):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            if index >= 2:  # the first two warm caches and connections
                samples.append(elapsed)
                if cpu is not None:
                    cpu.append((time.process_time() - started_cpu) * 1000)
        return samples

    def main_queries(client, url, table):
        """The page's row query and its count query, on ``table``: what any page showing them must run."""
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        chosen = [
            q["sql"]
            for q in captured.captured_queries
            if q["sql"].startswith("SELECT")
            and f'FROM "{table}"' in q["sql"]
            and ("LIMIT" in q["sql"] or "COUNT(" in q["sql"])
        ]
        return chosen

    def time_sql(statements, runs):
        samples = []
        with connection.cursor() as cursor:
            for index in range(runs + 2):
                started = time.perf_counter()
                for sql in statements:
                    cursor.execute(sql)
                    cursor.fetchall()
                if index >= 2:
                    samples.append((time.perf_counter() - started) * 1000)
        return samples

    results = []
    for name, person, page, api, admin_url, table in pages:
        client = client_for(person)
        row = {"page": name, "url": page}
        cpu = []
        row["page_ms"] = summary(time_get(client, page, repeat, cpu))
        row["page_cpu_ms"] = summary(cpu)
        with CaptureQueriesContext(connection) as captured:
            client.get(page)
        row["queries"] = len(captured)
        if api:
            row["api_url"] = api
            row["api_ms"] = summary(time_get(client, api, repeat))
        if any(word in name for word in ("dashboard", "scorecard", "period", "accountability")):
            settings.TASHIL_REPORT_CACHE = False
            row["page_uncached_ms"] = summary(time_get(client, page, max(repeat // 3, 3)))
            settings.TASHIL_REPORT_CACHE = True
            cache.clear()
        if admin_url:
            row["admin_url"] = admin_url
            row["admin_ms"] = summary(time_get(client_for(admin), admin_url, repeat))
            row["page_to_admin"] = round(row["page_ms"]["median_ms"] / row["admin_ms"]["median_ms"], 2)
        if table:
            statements = main_queries(client, page, table)
            row["sql_ms"] = summary(time_sql(statements, repeat))
            row["sql_statements"] = len(statements)
            row["page_to_sql"] = round(row["page_ms"]["median_ms"] / max(row["sql_ms"]["median_ms"], 0.05), 1)
        results.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    print("RESULTS " + json.dumps(results, ensure_ascii=False))


# --- the driver ---------------------------------------------------------------------------------------------


def run(size, repeat, reuse):
    sizes = SIZES[size]
    name = f"tashil_bench_{size}"
    if reuse:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.local", DJANGO_DEBUG="false")
        name += os.environ.get("BENCH_DB_SUFFIX", "")  # as database_env names it
        env["DATABASE_URL"] = f"{os.environ.get('BENCH_POSTGRES', 'postgres://postgres@127.0.0.1:5432')}/{name}"
        # The database is the one an earlier run generated: keep that run's record of how it was made.
        earlier = RESULTS / f"pages_{size}.json"
        generation = json.loads(earlier.read_text()).get("generation") if earlier.exists() else None
    else:
        env = database_env("postgres", name)
        manage(env, "migrate", "--noinput")
        started = time.perf_counter()
        args = [f"--{key}={value}" for key, value in sizes.items()]
        manage(env, "generate_national", *args, "--seed=1")
        seconds = time.perf_counter() - started
        generation = {"seconds": round(seconds, 1), **sizes}
        print(f"generated {sizes} in {seconds:.0f} s", flush=True)
    env["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # The pages read the shared cache as a production server does: Redis when one answers here (as bench/load.py),
    # else the database cache of `make run`. Its own database number, emptied first: nothing left from another run.
    cache = redis_url(database=6)
    if cache and "CACHE_URL" not in os.environ:
        env["CACHE_URL"] = cache
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    prewarmed = prewarm(env["DATABASE_URL"])
    process = subprocess.run(
        [PYTHON, str(Path(__file__)), "--inner", "--repeat", str(repeat)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    line = next(line for line in process.stdout.splitlines() if line.startswith("RESULTS "))
    return {
        "size": size,
        "sizes": sizes,
        "database": "postgresql",
        "generation": generation,
        "prewarmed_mb": prewarmed,
        "cache": "redis" if "redis" in env.get("CACHE_URL", "") else "database",
        "pages": json.loads(line[8:]),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="default")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="measure an already generated database")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.repeat)
    else:
        result = run(args.size, args.repeat, args.reuse)
        path = write_result(f"pages_{args.size}", result)
        print(f"written to {path}")
