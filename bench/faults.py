"""`make bench-faults`: the load mix of bench/load.py, with writes, while PostgreSQL is restarted and a
gunicorn worker is killed. Reports what the people using Tashil would have seen.

    python bench/faults.py                       # the small generated database (made if missing), 60 s
    python bench/faults.py --reuse tashil_bench_default --seconds 90

The run:
  1. gunicorn with the production settings (as bench/load.py) on a generated database;
  2. client threads send the staff mix for --seconds; one request in five is a write (a comment on an
     obstacle through the API, each with its own marker text);
  3. at a quarter of the run PostgreSQL is restarted (`pg_ctlcluster <version> main restart -m fast`, or
     the command in TASHIL_PG_RESTART); at half of it one gunicorn worker is killed with SIGKILL;
  4. afterwards every write the server acknowledged (201) is looked for in the database.

Beside it runs the task worker (`manage.py task_worker`) with notification e-mails due one after another
all through the run (written to files); it lives through the database restart, is killed with SIGKILL at
60% of the run and started again (as systemd would), and at the end every e-mail must have left exactly once.

It reports every failed request by cause: while the database was down (from the restart until it answers
again), in flight on the killed worker, or anywhere else (which should be none), how long the service took to
answer again, and how many acknowledged writes were lost (which must be none).

It restarts the machine's PostgreSQL: run it on a machine where nothing else uses that server at the time.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, manage, write_result
from bench.load import PORT, mix, prepare, start_gunicorn, wait_until_up

BASE = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")

TOKEN = """
import json
from tashil.accounts.models import ApiToken, User
from tashil.obstacles.models import Obstacle
user = User.objects.get(username="bench.county")
_, key = ApiToken.issue(user)
obstacles = list(Obstacle.objects.for_user(user).order_by("pk").values_list("pk", flat=True)[:20])
print("TOKEN " + json.dumps({"token": key, "obstacles": obstacles}))
"""

FOUND = """
import json
from tashil.obstacles.models import ObstacleEvent
markers = json.load(open("{path}"))
found = set(ObstacleEvent.objects.filter(text__in=markers).values_list("text", flat=True))
print("FOUND " + json.dumps(sorted(found)))
"""


MAILS = """
import datetime, json
from django.utils import timezone
from tashil.accounts.models import User
from tashil.notifications.models import Notification
from tashil.notifications.tasks import send_notification_email
user, _ = User.objects.get_or_create(username="bench.mail", defaults={"email": "bench.mail@example.ir"})
start = timezone.now()
ids = []
for n in range(__COUNT__):
    note = Notification.objects.create(recipient=user, kind="info", title=f"bench-fault mail {n}")
    send_notification_email.using(run_after=start + datetime.timedelta(seconds=n * __SPACING__)).enqueue(note.pk)
    ids.append(note.pk)
print("MAILS " + json.dumps(ids))
"""

MAILS_DONE = """
import json
from django_tasks_db.models import DBTaskResult
from tashil.notifications.models import Notification
ids = __IDS__
tasks = DBTaskResult.objects.filter(task_path="tashil.notifications.tasks.send_notification_email")
tasks = [t for t in tasks if t.args_kwargs["args"] and t.args_kwargs["args"][0] in set(ids)]
print("DONE " + json.dumps({
    "unfinished": sum(t.status in ("READY", "RUNNING") for t in tasks),
    "failed": sum(t.status == "FAILED" for t in tasks),
    "recovered": sum(len(t.worker_ids) > 1 for t in tasks),
    "marked_sent": Notification.objects.filter(pk__in=ids, emailed_at__isnull=False).count(),
}))
"""


def shell_json(env, code, prefix):
    shell = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
    )
    return json.loads(next(line for line in shell.stdout.splitlines() if line.startswith(prefix))[len(prefix) :])


def mail_env(env, mail_dir):
    return {
        **env,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "TASHIL_WORKER_HEARTBEAT_SECONDS": "1",
        "TASHIL_WORKER_STALE_SECONDS": "5",
    }


def start_task_worker(env, log):
    return subprocess.Popen(
        [PYTHON, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def count_mails(mail_dir):
    """E-mails written, and how many Message-IDs appear more than once (an e-mail sent twice)."""
    ids = []
    for path in mail_dir.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("Message-ID: <notification-"):
                ids.append(line)
    return len(ids), len(ids) - len(set(ids))


def database_exists(name):
    listed = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", f"select 1 from pg_database where datname = '{name}'"],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return listed.stdout.strip() == "1"


def ensure_database(name):
    """The generated database to run on; the small size is generated when it is not there yet."""
    if database_exists(name):
        return
    if name != "tashil_bench_small":
        raise SystemExit(f"database {name} does not exist: run `python bench/pages.py --size ...` first")
    from bench.common import database_env
    from bench.pages import SIZES

    print(f"generating {name} ({SIZES['small']})…", flush=True)
    env = database_env("postgres", name)
    manage(env, "migrate", "--noinput")
    manage(env, "generate_national", *[f"--{key}={value}" for key, value in SIZES["small"].items()], "--seed=1")


def restart_command():
    if os.environ.get("TASHIL_PG_RESTART"):
        return ["sh", "-c", os.environ["TASHIL_PG_RESTART"]]
    if shutil.which("pg_lsclusters"):
        version = subprocess.run(["pg_lsclusters", "-h"], stdout=subprocess.PIPE, text=True, check=True)
        return ["pg_ctlcluster", version.stdout.split()[0], "main", "restart", "-m", "fast"]
    raise SystemExit("cannot restart PostgreSQL here: set TASHIL_PG_RESTART to the command that does")


def database_answers():
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0


class Load:
    """Client threads sending the mix; every request is recorded with its start, end and outcome."""

    def __init__(self, paths, token, obstacles, threads, base_url=f"http://127.0.0.1:{PORT}"):
        self.paths, self.token, self.obstacles, self.threads = paths, token, obstacles, threads
        self.base_url = base_url
        self.records, self.lock, self.stop = [], threading.Lock(), threading.Event()
        self.started = time.monotonic()

    def now(self):
        return time.monotonic() - self.started

    def one(self, rng):
        if rng.random() < 0.2:
            marker = f"bench-fault {uuid.uuid4()}"
            pk = rng.choice(self.obstacles)
            request = urllib.request.Request(
                f"{self.base_url}/api/obstacles/obstacles/{pk}/comment/",
                data=json.dumps({"text": marker}).encode(),
                headers={"Authorization": f"Token {self.token}", "Content-Type": "application/json"},
                method="POST",
            )
            kind, path = "write", f"/api/obstacles/obstacles/{pk}/comment/"
        else:
            path, cookie = rng.choice(self.paths)
            request = urllib.request.Request(f"{self.base_url}{path}", headers={"Cookie": f"sessionid={cookie}"})
            marker, kind = None, "read"
        began, server = self.now(), None
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                outcome, server = response.status, response.headers.get("X-Tashil-Server")
        except urllib.error.HTTPError as error:
            outcome = error.code
        except (OSError, urllib.error.URLError) as error:
            outcome = type(getattr(error, "reason", error)).__name__
        record = {
            "kind": kind,
            "path": path,
            "began": began,
            "ended": self.now(),
            "outcome": outcome,
            "marker": marker,
        }
        if server:
            record["server"] = server  # which application server answered, behind the cluster's balancer
        with self.lock:
            self.records.append(record)

    def worker(self, seed):
        rng = random.Random(seed)
        while not self.stop.is_set():
            self.one(rng)

    def run(self, seconds, faults):
        workers = [threading.Thread(target=self.worker, args=(n,), daemon=True) for n in range(self.threads)]
        for thread in workers:
            thread.start()
        for at, fault in faults:
            time.sleep(max(0.0, at - self.now()))
            fault(self)
        time.sleep(max(0.0, seconds - self.now()))
        self.stop.set()
        for thread in workers:
            thread.join(60)


def ok(outcome):
    return isinstance(outcome, int) and outcome < 400


def report(load, found, windows):
    """What the people using Tashil saw. ``windows``: (cause, start, end) of each fault, in seconds of the run; a
    failed request is put down to the first fault it overlapped (its end plus half a second, for a connection
    that broke as the fault began), or to "elsewhere", which should hold none."""
    records = load.records
    failed = [r for r in records if not ok(r["outcome"])]

    def cause(record):
        for name, start, end in windows:
            if record["began"] <= end and record["ended"] + 0.5 >= start:
                return name
        return "elsewhere"

    by_cause = {name: 0 for name, _start, _end in windows} | {"elsewhere": 0}
    outcomes = {}
    for record in failed:
        by_cause[cause(record)] += 1
        outcomes[str(record["outcome"])] = outcomes.get(str(record["outcome"]), 0) + 1
    answered_again = {}
    for name, _start, end in windows:
        after = [r["ended"] for r in records if ok(r["outcome"]) and r["began"] >= end]
        answered_again[name] = round(min(after) - end, 2) if after else None
    acknowledged = [r["marker"] for r in records if r["kind"] == "write" and r["outcome"] == 201]
    lost = sorted(set(acknowledged) - set(found))
    latencies = sorted(r["ended"] - r["began"] for r in records if ok(r["outcome"]))
    return {
        "requests": len(records),
        # Each failed request put down to no fault, to be looked for in the servers' logs.
        "unexplained": [
            {key: round(value, 3) if isinstance(value, float) else value for key, value in record.items()}
            for record in failed
            if cause(record) == "elsewhere"
        ],
        "succeeded": len(records) - len(failed),
        "failed": len(failed),
        "failed_by_cause": by_cause,
        "failed_by_outcome": outcomes,
        "answered_again_seconds_after": answered_again,
        "writes_acknowledged": len(acknowledged),
        "writes_lost": len(lost),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1) if latencies else None,
    }


def worker_pids(master):
    children = subprocess.run(["pgrep", "-P", str(master)], stdout=subprocess.PIPE, text=True)
    return [int(pid) for pid in children.stdout.split()]


def run(database, seconds, threads, workers, mails):
    ensure_database(database)
    env, info, cache = prepare(database)
    auth = shell_json(env, TOKEN, "TOKEN ")
    restart = restart_command()
    mail_dir = ROOT / "var" / "bench" / "fault-mail"
    shutil.rmtree(mail_dir, ignore_errors=True)
    mail_dir.mkdir(parents=True)
    worker_env = mail_env(env, mail_dir)
    mail_ids = shell_json(
        worker_env, MAILS.replace("__COUNT__", str(mails)).replace("__SPACING__", str(seconds * 0.9 / mails)), "MAILS "
    )
    worker_log = (ROOT / "var" / "bench" / "fault-worker.log").open("w")
    task_worker = start_task_worker(worker_env, worker_log)
    server = start_gunicorn(env, workers)
    marks = {}
    task_worker_state = {}
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/accounts/login/")
        load = Load(mix(info), auth["token"], auth["obstacles"], threads)

        def restart_database(load):
            marks["db_restart_began"] = load.now()
            subprocess.run(restart, check=True, stdout=subprocess.DEVNULL)
            marks["db_restart_returned"] = load.now()
            while not database_answers():
                time.sleep(0.1)
            marks["db_answers_again"] = load.now()

        def kill_worker(load):
            victim = worker_pids(server.pid)[0]
            os.kill(victim, 9)
            marks["worker_killed"] = load.now()
            marks["worker_pid"] = victim

        def kill_task_worker(load):
            nonlocal task_worker
            task_worker_state["alive_after_database_restart"] = task_worker.poll() is None
            task_worker.send_signal(9)
            task_worker.wait(30)
            marks["task_worker_killed"] = load.now()
            task_worker = start_task_worker(worker_env, worker_log)

        load.run(
            seconds,
            [(seconds * 0.25, restart_database), (seconds * 0.5, kill_worker), (seconds * 0.6, kill_task_worker)],
        )
        alive = len(worker_pids(server.pid))
        deadline = time.monotonic() + 120
        while True:
            done = shell_json(worker_env, MAILS_DONE.replace("__IDS__", json.dumps(mail_ids)), "DONE ")
            if not done["unfinished"] or time.monotonic() > deadline:
                break
            time.sleep(2)
    finally:
        server.terminate()
        server.wait(timeout=30)
        task_worker.terminate()
        task_worker.wait(timeout=30)
        worker_log.close()
    sent, twice = count_mails(mail_dir)
    markers = [r["marker"] for r in load.records if r["kind"] == "write" and r["outcome"] == 201]
    path = ROOT / "var" / "bench" / "fault-markers.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(markers))
    shell = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", FOUND.replace("{path}", str(path))],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    found = json.loads(next(line for line in shell.stdout.splitlines() if line.startswith("FOUND "))[6:])
    marks.pop("worker_pid", None)
    windows = [
        ("database_down", marks["db_restart_began"], marks["db_answers_again"]),
        ("in_flight_on_killed_worker", marks["worker_killed"], marks["worker_killed"]),
    ]
    seen = report(load, found, windows)
    again = seen.pop("answered_again_seconds_after")
    return {
        "database": database,
        "seconds": seconds,
        "client_threads": threads,
        "gunicorn_workers": workers,
        "gunicorn_workers_alive_at_the_end": alive,
        "cache": "redis" if cache else "database",
        **seen,
        "database_down_seconds": round(marks["db_answers_again"] - marks["db_restart_began"], 1),
        "answered_again_seconds_after_database": again["database_down"],
        "answered_again_seconds_after_kill": again["in_flight_on_killed_worker"],
        "marks_seconds": {key: round(value, 2) for key, value in marks.items()},
        "emails": {
            "queued": len(mail_ids),
            "sent": sent,
            "sent_twice": twice,
            "marked_sent": done["marked_sent"],
            "tasks_unfinished": done["unfinished"],
            "tasks_failed": done["failed"],
            "tasks_run_again_after_their_worker_died": done["recovered"],
            "task_worker_alive_after_database_restart": task_worker_state.get("alive_after_database_restart"),
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", default="tashil_bench_small", help="a database generated by bench/pages.py")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=8, help="client threads sending requests")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--mails", type=int, default=200, help="notification e-mails due during the run")
    args = parser.parse_args()
    result = run(args.reuse, args.seconds, args.threads, args.workers, args.mails)
    path = write_result("faults", result)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"written to {path}")
