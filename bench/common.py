"""Shared by the benchmarks: a fresh database per run, subprocess timing and peak memory, result files."""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable


def database_env(kind, name):
    """Environment for a fresh database: a SQLite file under var/bench, or a PostgreSQL database. BENCH_DB_SUFFIX
    (e.g. a branch name) keeps benchmarks run side by side on one server out of each other's databases."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.local", DJANGO_DEBUG="false")
    name += os.environ.get("BENCH_DB_SUFFIX", "")
    if kind == "sqlite":
        path = ROOT / "var" / "bench" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        env["DATABASE_URL"] = f"{base}/{name}"
    return env


def redis_url(database=5):
    """The local Redis, when one answers: the production-like shared cache (``database``: its number)."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return f"redis://127.0.0.1:6379/{database}"
    except OSError:
        return None


def manage(env, *args, check=True, quiet=True):
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        check=check,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        text=True,
    )


def measured(command, env):
    """Run a command; return (seconds, peak resident memory in MB of that process, completed process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    process = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:
        peak = before  # ru_maxrss is the largest child so far; a smaller child cannot be told apart
    return seconds, peak / 1024, process


def write_result(name, data):
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "recorded": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": machine(), **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return path


PREWARM = """
SELECT coalesce(sum(pg_prewarm(c.oid::regclass, 'read')), 0)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 'm', 't')
"""


def prewarm(database_url):
    """Read a PostgreSQL database into the operating system's cache; returns the MB read.

    A database just generated, or read after other work, lies partly on disk, and the first minutes of a
    benchmark would time the disk rather than Tashil. A server that has been serving holds its working set
    in memory; so do the measurements. pg_prewarm comes with PostgreSQL (its contrib modules)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        blocks = connection.execute(PREWARM).fetchone()[0]
    return round(int(blocks) * 8192 / 2**20)


def machine():
    import platform

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
