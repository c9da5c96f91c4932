"""Concurrency: gunicorn with the production settings on the generated PostgreSQL database, and wrk on
127.0.0.1 sending a mix of staff traffic for a fixed time. Reports requests per second, latency (p50, p95,
p99) and every error (connection, read, write, timeout, and any answer that is not 2xx/3xx).

The mix: a county secretariat's day (dashboard, unit list and search, a unit, obstacles, overdue referrals,
the follow-up board), an agency officer's inbox, and a national manager's dashboards and scorecard.

    python bench/load.py --reuse tashil_bench_default --seconds 30
    python bench/load.py --reuse tashil_bench_national --baseline 70f2d9a

``--baseline COMMIT`` measures that commit first, in the same run and on the same data (a git worktree of it under
var/bench/baseline, its own Redis database), then this checkout, and reports each level's ratio: a change's effect
measured side by side rather than against a figure from another day's machine.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, prewarm, redis_url, write_result

PORT = 8101


def production_env(database, cache_url=None):
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=f"{base}/{database}",
        DJANGO_SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        LOG_LEVEL="WARNING",
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


SESSIONS = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
from tashil.accounts.models import User
from tashil.units.models import IndustrialUnit
out = {}
for name in ("bench.county", "bench.officer", "bench.nation"):
    user = User.objects.get(username=name)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "tashil.accounts.backends.PasswordBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    out[name] = session.session_key
m = User.objects.get(username="bench.county").memberships.get()
units = list(IndustrialUnit.objects.filter(county_id=m.county_id).values_list("pk", "name")[:20])
out["county"], out["province"], out["units"] = m.county_id, m.province_id, units
print("SESSIONS " + json.dumps(out, ensure_ascii=False))
"""


def mix(info):
    county, nation, officer = info["bench.county"], info["bench.nation"], info["bench.officer"]
    units = info["units"]
    paths = []
    for pk, name in units[:8]:
        paths.append((f"/registry/units/{pk}/", county))
        paths.append((f"/registry/units/?q={quote(name.split()[1])}", county))
    for path in (
        "/",
        "/",
        "/registry/units/?status=active",
        "/obstacles/?state=open",
        "/obstacles/referrals/?overdue=true",
        "/meetings/resolutions/?state=open",
        "/meetings/calendar/",
    ):
        paths.append((path, county))
    paths += [("/obstacles/inbox/", officer)] * 4
    for path in ("/reports/", f"/reports/?province={info['province']}", "/reports/agencies/", "/meetings/resolutions/"):
        paths.append((path, nation))
    return paths


LUA = """
local targets = {TARGETS}
math.randomseed(7)
request = function()
  local t = targets[math.random(#targets)]
  return wrk.format("GET", t[1], {["Cookie"] = "sessionid=" .. t[2], ["Host"] = "127.0.0.1"})
end
done = function(summary, latency, requests)
  io.write(string.format('WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
"""


def lua_script(paths):
    targets = ", ".join(f"{{{json.dumps(path)}, {json.dumps(cookie)}}}" for path, cookie in paths)
    path = ROOT / "var" / "bench" / "mix.lua"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LUA.replace("{TARGETS}", "{" + targets + "}"), encoding="utf-8")
    return path


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def visit_each(paths):
    """Ask for every page of the mix once, one after another: a server that has been serving has its
    dashboards' figures in the shared cache, and the measurement is of that server, not of its first minute
    (computing the nation's figures afresh is measured by bench/pages.py, as the uncached dashboard)."""
    for path, cookie in dict.fromkeys(paths):
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()


def start_gunicorn(env, workers, root=ROOT):
    return subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
    )


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds_by_program():
    """CPU seconds (user and system) spent so far by the processes running now, summed by program: gunicorn (the
    application servers), postgres (every backend and helper of the database servers), and the others by name
    (wrk, haproxy, pgbouncer, redis-server). Read from /proc: the difference across a run says what each side of the
    machine spent on the requests of that run."""
    spent = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # the process ended meanwhile
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        program = "gunicorn" if b"gunicorn" in cmdline else "postgres" if name.startswith("postgres") else name
        # Its own time and that of its children that have ended (a database connection closed after
        # CONN_MAX_AGE: the backend's time passes to the postmaster's count of ended children).
        spent[program] = spent.get(program, 0) + sum(int(value) for value in fields[11:15]) / CLOCK_TICKS
    return spent


def measured_wrk(script, seconds, connections, url=f"http://127.0.0.1:{PORT}", programs=("gunicorn", "postgres")):
    """run_wrk, with the CPU milliseconds a request cost each of ``programs`` (what a machine of each kind must
    supply per request: the basis of how requests/s grow with servers, README)."""
    before = cpu_seconds_by_program()
    run = run_wrk(script, seconds, connections, url=url)
    after = cpu_seconds_by_program()
    run["cpu_ms_per_request"] = {
        program: round((after[program] - before.get(program, 0)) * 1000 / max(run["requests"], 1), 1)
        for program in programs
        if program in after
    }
    return run


def run_wrk(script, seconds, connections, threads=2, url=f"http://127.0.0.1:{PORT}"):
    process = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    line = next(line for line in process.stdout.splitlines() if line.startswith("WRK "))
    data = json.loads(line[4:])
    errors = {k: data.pop(k) for k in ("connect", "read", "write", "status", "timeout")}
    return {
        "requests": data["requests"],
        "seconds": round(data["duration_us"] / 1e6, 1),
        "requests_per_second": round(data["requests"] / (data["duration_us"] / 1e6), 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "max_ms": round(data["max_us"] / 1000, 1),
        "errors": errors,
        "error_count": sum(errors.values()),
    }


def prepare(database):
    cache = redis_url()
    env = production_env(database, cache)
    # A database generated by an earlier release is brought up to this one's schema first.
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    shell = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", SESSIONS], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
    )
    info = json.loads(next(line for line in shell.stdout.splitlines() if line.startswith("SESSIONS "))[9:])
    return env, info, cache


def baseline_checkout(commit):
    """A worktree of ``commit`` under var/bench/baseline (made afresh), using this checkout's virtualenv."""
    path = ROOT / "var" / "bench" / "baseline"
    subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, capture_output=True)
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=True)
    subprocess.run(["git", "worktree", "add", "--detach", str(path), commit], cwd=ROOT, check=True, capture_output=True)
    (path / ".venv").symlink_to(ROOT / ".venv")
    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=path, check=True, capture_output=True, text=True)
    return path, sha.stdout.strip()


def measure_server(env, info, levels, seconds, workers, root=ROOT):
    """The mix against gunicorn started from ``root``: one wrk run per level of connections."""
    script = lua_script(mix(info))
    server = start_gunicorn(env, workers, root)
    runs = []
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/accounts/login/")
        visit_each(mix(info))
        run_wrk(script, 5, levels[0])  # warm every worker and its database connection
        for connections in levels:
            runs.append({"connections": connections, **measured_wrk(script, seconds, connections)})
    finally:
        server.terminate()
        server.wait(timeout=30)
    return runs


def run(database, seconds, levels, workers, baseline=None):
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (apt package wrk)")
    env, info, cache = prepare(database)
    prewarm(env["DATABASE_URL"])
    result = {
        "database": database,
        "gunicorn_workers": workers,
        "cache": "redis" if cache else "database",
        "paths_in_mix": len(mix(info)),
    }
    if baseline:
        root, sha = baseline_checkout(baseline)
        before_env = production_env(database, redis_url(6) if cache else None)
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=root, env=before_env, check=True)
        before = measure_server(before_env, info, levels, seconds, workers, root)
        result["baseline"] = {"commit": sha, "runs": before}
    result["commit"] = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    result["runs"] = measure_server(env, info, levels, seconds, workers)
    if baseline:
        result["ratio_to_baseline"] = {
            str(now["connections"]): round(now["requests_per_second"] / then["requests_per_second"], 2)
            for now, then in zip(result["runs"], result["baseline"]["runs"], strict=True)
        }
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", default="tashil_bench_default", help="a database filled by bench/pages.py")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", default="4,16", help="concurrent connections, one run each")
    # One worker more than cores: PostgreSQL, Redis and wrk share these cores, and more workers than that only
    # contend for them (national data, 16 connections, 2 cores: 2 workers 68.0 requests/s, 3 68.4, 4 64.6, 5 60.5).
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--baseline", help="a commit measured first, in the same run, for the ratio to it")
    args = parser.parse_args()
    levels = [int(level) for level in args.connections.split(",")]
    result = run(args.reuse, args.seconds, levels, args.workers, args.baseline)
    path = write_result(f"load_{args.reuse.removeprefix('tashil_bench_')}", result)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"written to {path}")
