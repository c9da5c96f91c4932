#!/usr/bin/env python3
"""`make cluster`: Tashil's production topology on this one machine, from Debian's packages.

    PostgreSQL primary ──streaming (synchronous)──▶ PostgreSQL replica      (initdb, pg_basebackup)
        ▲ PgBouncer (transaction pooling)               ▲ PgBouncer (transaction pooling)
        └──────────── two application servers (gunicorn, production settings) ◀── HAProxy
                      two task workers (manage.py task_worker)
                      Redis (cache), one MEDIA_ROOT shared by all of them

    scripts/cluster/cluster.py start            # everything, then the balancer's address (make cluster)
    scripts/cluster/cluster.py stop             # everything this cluster started (make cluster-stop)
    scripts/cluster/cluster.py status           # what runs, as JSON
    scripts/cluster/cluster.py kill-app 1       # SIGKILL one application server (its master and workers)
    scripts/cluster/cluster.py start-app 1      # start it again, as systemd's Restart=always would
    scripts/cluster/cluster.py kill-worker 1 / start-worker 1
    scripts/cluster/cluster.py manage shell     # manage.py as the servers run it (their environment)
    scripts/cluster/cluster.py restart-balancer # HAProxy again, after an edit of scripts/cluster/haproxy.cfg
    scripts/cluster/cluster.py failover         # the runbook of docs/deploy.md: primary stopped, replica promoted,
                                                # DATABASE_URL pointed at it, servers and workers restarted

Everything lives under var/cluster/ (TASHIL_CLUSTER_DIR): the databases' files, logs, pid files, the shared
MEDIA_ROOT, the e-mails the workers send (files), and `env`, the environment of the application servers and
workers (production settings, secrets made at start). Ports start at TASHIL_CLUSTER_PORT (57000): the
balancer answers on that port + 30. The machine's own PostgreSQL, Redis and ports are never touched.
PostgreSQL and PgBouncer refuse to run as root: when started by root they run as the `postgres` user.
"""

import hashlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
DIR = Path(os.environ.get("TASHIL_CLUSTER_DIR", ROOT / "var" / "cluster")).resolve()
BASE = int(os.environ.get("TASHIL_CLUSTER_PORT", "57000"))
PG_BIN = Path(os.environ.get("TASHIL_PG_BIN", "/usr/lib/postgresql/15/bin"))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
APP_WORKERS = int(os.environ.get("TASHIL_CLUSTER_APP_WORKERS", "2"))

PORTS = {
    "primary": BASE + 1,
    "replica": BASE + 2,
    "bouncer_primary": BASE + 11,
    "bouncer_replica": BASE + 12,
    "redis": BASE + 20,
    "balancer": BASE + 30,
    "app1": BASE + 31,
    "app2": BASE + 32,
}
APPS = ("app1", "app2")
WORKERS = ("worker1", "worker2")
REPLICA_NAME = "tashil_replica"
STATE = DIR / "state.json"


# Small helpers -------------------------------------------------------------------------------------------------


def say(message):
    print(f"[cluster {time.strftime('%H:%M:%S')}] {message}", flush=True)


def as_postgres():
    """The prefix that runs a command as the postgres user when we are root (PostgreSQL refuses root)."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def give_to_postgres(path):
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(path, user.pw_uid, user.pw_gid)


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def render(template, target, **values):
    text = string.Template((HERE / template).read_text()).substitute(**values)
    target.write_text(text)
    return target


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for(what, check, seconds=60, pause=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(pause)
    raise SystemExit(f"{what} did not come up within {seconds} s (logs in {DIR / 'log'})")


def load_state():
    return json.loads(STATE.read_text()) if STATE.exists() else None


def save_state(state):
    STATE.write_text(json.dumps(state, indent=2))


def alive(pid):
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


def pid_from(path):
    try:
        return int(Path(path).read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None


def psql(port, sql, database="tashil"):
    """One statement as the superuser; its output (unaligned, tuples only)."""
    out = run(
        [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-Atqc", sql],
        stdout=subprocess.PIPE,
        text=True,
    )
    return out.stdout.strip()


# The environment of the application servers and workers -------------------------------------------------------


def app_env(state):
    """Production settings; the secrets (the key, the database role's password) were made at start."""
    password = state["password"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_"))}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=state["secret_key"],
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://tashil:{password}@127.0.0.1:{state['database_port']}/tashil",
        DATABASE_TRANSACTION_POOLING="true",
        CACHE_URL=f"redis://127.0.0.1:{PORTS['redis']}/1",
        MEDIA_ROOT=str(DIR / "media"),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(DIR / "mail"),
        SMS_FILE_PATH=str(DIR / "sms.log"),
        TASHIL_TRUSTED_PROXIES="1",
        FORWARDED_ALLOW_IPS="127.0.0.1",
        TASHIL_SITE_URL=f"http://127.0.0.1:{PORTS['balancer']}",
        # Plain HTTP behind a balancer on 127.0.0.1 (no TLS here); `check --deploy` ran with both on.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        # A worker that dies is noticed in seconds here, so the cluster's checks need not wait a minute.
        TASHIL_WORKER_HEARTBEAT_SECONDS="2",
        TASHIL_WORKER_STALE_SECONDS="10",
        LOG_LEVEL="WARNING",
    )
    if state.get("replica_port"):
        env["DATABASE_REPLICA_URL"] = f"postgres://tashil:{password}@127.0.0.1:{state['replica_port']}/tashil"
    return env


def write_env_file(state):
    """var/cluster/env: the same environment for a shell (`set -a; . var/cluster/env`), readable by its owner only."""
    env = app_env(state)
    keys = sorted(k for k in env if k not in os.environ or os.environ[k] != env[k])
    path = DIR / "env"
    path.write_text("".join(f"{key}='{env[key]}'\n" for key in keys))
    path.chmod(0o600)


def manage(state, *args, direct=False, settings=None, **kwargs):
    """manage.py with the cluster's environment (and ``settings`` over it); ``direct`` talks to the primary itself,
    not through PgBouncer (migrations and bulk loading at start)."""
    env = {**app_env(state), **(settings or {})}
    if direct:
        env["DATABASE_URL"] = f"postgres://tashil:{state['password']}@127.0.0.1:{PORTS['primary']}/tashil"
        env.pop("DATABASE_REPLICA_URL", None)
        # The first load, before anything is acknowledged to anyone: commits need not wait for the disk.
        env["PGOPTIONS"] = "-c synchronous_commit=off"
    return run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, **kwargs)


# PostgreSQL --------------------------------------------------------------------------------------------------


def pg_ctl(data, *args):
    run([*as_postgres(), str(PG_BIN / "pg_ctl"), "-D", str(data), *args], stdout=subprocess.DEVNULL)


def configure_postgres(data, port):
    render("postgresql.conf", data / "tashil.conf", port=port, run=DIR / "run")
    shutil.copy(HERE / "pg_hba.conf", data / "pg_hba.conf")
    with (data / "postgresql.conf").open("a") as conf:
        conf.write("\ninclude 'tashil.conf'\n")
    for path in (data / "tashil.conf", data / "pg_hba.conf"):
        give_to_postgres(path)


def start_postgres(name):
    data = DIR / "pg" / name
    pg_ctl(data, "-l", str(DIR / "log" / f"postgresql-{name}.log"), "-w", "-t", "60", "start")


def init_primary(state):
    data = DIR / "pg" / "primary"
    say(f"PostgreSQL primary: initdb, port {PORTS['primary']}")
    run(
        [*as_postgres(), str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"],
        stdout=subprocess.DEVNULL,
    )
    configure_postgres(data, PORTS["primary"])
    start_postgres("primary")
    psql(PORTS["primary"], f"CREATE ROLE tashil LOGIN PASSWORD '{state['password']}'", database="postgres")
    psql(PORTS["primary"], "CREATE DATABASE tashil OWNER tashil", database="postgres")
    psql(PORTS["primary"], "CREATE EXTENSION pg_stat_statements")


def init_replica():
    data = DIR / "pg" / "replica"
    say(f"PostgreSQL replica: pg_basebackup from the primary, port {PORTS['replica']}")
    conninfo = f"host=127.0.0.1 port={PORTS['primary']} user=postgres application_name={REPLICA_NAME}"
    run(
        # -c fast: the primary checkpoints at once, rather than spreading it over minutes.
        [
            *as_postgres(),
            str(PG_BIN / "pg_basebackup"),
            "-D",
            str(data),
            "-d",
            conninfo,
            "-X",
            "stream",
            "-R",
            "-c",
            "fast",
        ],
        stdout=subprocess.DEVNULL,
    )
    render("postgresql.conf", data / "tashil.conf", port=PORTS["replica"], run=DIR / "run")
    with (data / "postgresql.auto.conf").open("a") as conf:
        conf.write(f"primary_conninfo = '{conninfo}'\n")
    give_to_postgres(data / "tashil.conf")
    start_postgres("replica")
    wait_for(
        "streaming replication",
        lambda: (
            psql(
                PORTS["primary"],
                f"SELECT count(*) FROM pg_stat_replication WHERE application_name = "
                f"'{REPLICA_NAME}' AND state = 'streaming'",
            )
            == "1"
        ),
    )
    # From now on a commit is acknowledged once the replica has it on disk too: a fail-over loses nothing
    # acknowledged. (The replica's own settings were copied before this: promoted, it waits for no one.)
    psql(PORTS["primary"], f"ALTER SYSTEM SET synchronous_standby_names = '{REPLICA_NAME}'")
    psql(PORTS["primary"], "SELECT pg_reload_conf()")


# PgBouncer, Redis, HAProxy ----------------------------------------------------------------------------------


def start_bouncer(name, server_port):
    port = PORTS[f"bouncer_{name}"]
    ini = render(
        "pgbouncer.ini",
        DIR / "etc" / f"pgbouncer-{name}.ini",
        server_port=server_port,
        port=port,
        auth_file=DIR / "etc" / "userlist.txt",
        pidfile=DIR / "run" / f"pgbouncer-{name}.pid",
        logfile=DIR / "log" / f"pgbouncer-{name}.log",
    )
    give_to_postgres(ini)
    run([*as_postgres(), "pgbouncer", "-d", "-q", str(ini)])
    wait_for(f"PgBouncer {name}", lambda: port_open(port))


def start_redis():
    conf = render(
        "redis.conf",
        DIR / "etc" / "redis.conf",
        port=PORTS["redis"],
        pidfile=DIR / "run" / "redis.pid",
        logfile=DIR / "log" / "redis.log",
        dir=DIR / "run",
    )
    run(["redis-server", str(conf)])
    wait_for("Redis", lambda: port_open(PORTS["redis"]))


def start_balancer():
    servers = "\n".join(f"    server {app} 127.0.0.1:{PORTS[app]} check" for app in APPS)
    cfg = render(
        "haproxy.cfg",
        DIR / "etc" / "haproxy.cfg",
        port=PORTS["balancer"],
        servers=servers,
    )
    run(["haproxy", "-c", "-q", "-f", str(cfg)])
    log = (DIR / "log" / "haproxy.log").open("a")
    process = subprocess.Popen(["haproxy", "-db", "-f", str(cfg)], stdout=log, stderr=log, start_new_session=True)
    (DIR / "run" / "haproxy.pid").write_text(str(process.pid))
    wait_for("HAProxy", lambda: port_open(PORTS["balancer"]))


# Application servers and task workers -----------------------------------------------------------------------


def collect_static(state):
    """collectstatic (hashed and compressed for whitenoise) in the background while the databases are made; not at
    all when var/static was collected from the same static files and packages (compressing them takes minutes)."""
    sources = ROOT / "tashil" / "static"
    stamp = hashlib.sha1((ROOT / "pyproject.toml").read_bytes())
    for path in sorted(sources.rglob("*")):
        if path.is_file():
            info = path.stat()
            stamp.update(f"{path.relative_to(sources)} {info.st_size} {info.st_mtime_ns}\n".encode())
    stamp_file = ROOT / "var" / "cluster-static.stamp"  # not in STATIC_ROOT: whitenoise would serve it
    if stamp_file.exists() and stamp_file.read_text() == stamp.hexdigest():
        say("static files: already collected")
        return None
    say("static files: collectstatic in the background")
    log = (DIR / "log" / "collectstatic.log").open("a")
    process = subprocess.Popen(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=app_env(state),
        stdout=log,
        stderr=log,
    )
    return process, stamp_file, stamp.hexdigest()


def start_app(state, app):
    launch_app(state, app)
    wait_for_app(app)


def wait_for_app(app):
    wait_for(f"application server {app}", lambda: answers(f"http://127.0.0.1:{PORTS[app]}/robots.txt"))


def launch_app(state, app):
    log = (DIR / "log" / f"{app}.log").open("a")
    process = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "--workers",
            str(APP_WORKERS),
            "--bind",
            f"127.0.0.1:{PORTS[app]}",
            "--timeout",
            "60",
            "--forwarded-allow-ips",
            "127.0.0.1",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=app_env(state),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    (DIR / "run" / f"{app}.pid").write_text(str(process.pid))


def start_worker(state, worker):
    log = (DIR / "log" / f"{worker}.log").open("a")
    process = subprocess.Popen(
        [PYTHON, "manage.py", "task_worker", "--no-startup-delay", "--no-reload", "--interval", "0.5"],
        cwd=ROOT,
        env=app_env(state),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    (DIR / "run" / f"{worker}.pid").write_text(str(process.pid))


def kill_group(name, sig=signal.SIGKILL):
    """Signal a process started in its own session (gunicorn's master and its workers; a task worker)."""
    pid = pid_from(DIR / "run" / f"{name}.pid")
    if pid is None or not alive(pid):
        return None
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        return None
    return pid


def kill_app(app):
    """SIGKILL an application server, and return once its port refuses connections: a process killed is gone only
    when the kernel has closed its files, and until then its listening socket still takes connections that nobody
    will answer (the balancer's 502 for a POST sent there). The time between is part of the fault."""
    pid = kill_group(app)
    wait_for(f"{app} to end", lambda: not port_open(PORTS[app]), seconds=30, pause=0.05)
    return pid


def stop_group(*names, seconds=20):
    """SIGTERM to each (at once), SIGKILL to what is left after ``seconds``."""
    pids = {name: kill_group(name, signal.SIGTERM) for name in names}
    deadline = time.monotonic() + seconds
    while any(pid and alive(pid) for pid in pids.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    for name, pid in pids.items():
        if pid and alive(pid):
            kill_group(name, signal.SIGKILL)


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


# Commands ---------------------------------------------------------------------------------------------------


def start():
    if load_state():
        raise SystemExit(f"a cluster is already set up in {DIR}: `make cluster-stop` first")
    busy = [f"{name} {port}" for name, port in PORTS.items() if port_open(port)]
    if busy:
        raise SystemExit(f"ports in use: {', '.join(busy)} (set TASHIL_CLUSTER_PORT to another base)")
    started = time.monotonic()
    shutil.rmtree(DIR, ignore_errors=True)
    for sub in ("pg", "run", "log", "etc", "media", "mail"):
        (DIR / sub).mkdir(parents=True, exist_ok=True)
    for sub in ("pg", "run", "log"):
        give_to_postgres(DIR / sub)
    DIR.chmod(0o755)
    state = {
        "ports": PORTS,
        "password": secrets.token_urlsafe(24),
        "secret_key": secrets.token_urlsafe(50),
        "database_port": PORTS["bouncer_primary"],
        "replica_port": PORTS["bouncer_replica"],
        "primary": "primary",
        "dir": str(DIR),
    }
    save_state(state)
    STATE.chmod(0o600)
    (DIR / "etc" / "userlist.txt").write_text(f'"tashil" "{state["password"]}"\n')
    give_to_postgres(DIR / "etc" / "userlist.txt")
    (DIR / "etc" / "userlist.txt").chmod(0o600)
    collecting = collect_static(state)
    init_primary(state)
    start_redis()
    say("migrate (production settings)")
    manage(state, "migrate", "--noinput", "-v0", direct=True)
    say("reference data")
    manage(state, "load_reference", direct=True, stdout=subprocess.DEVNULL)
    say("demo data")
    manage(state, "load_demo", direct=True, stdout=subprocess.DEVNULL)
    say("the deployment check")
    manage(
        state,
        *("check", "--deploy", "--fail-level", "WARNING"),
        direct=True,
        settings={"DJANGO_SECURE_SSL_REDIRECT": "true", "DJANGO_SECURE_COOKIES": "true"},
        stdout=subprocess.DEVNULL,
    )
    init_replica()
    start_bouncer("primary", PORTS["primary"])
    start_bouncer("replica", PORTS["replica"])
    if collecting is not None:
        process, stamp_file, digest = collecting
        if process.wait() != 0:
            raise SystemExit(f"collectstatic failed (log: {DIR / 'log' / 'collectstatic.log'})")
        stamp_file.write_text(digest)
    say(f"two application servers (ports {PORTS['app1']}, {PORTS['app2']}) and two task workers")
    for app in APPS:
        launch_app(state, app)
    for worker in WORKERS:
        start_worker(state, worker)
    for app in APPS:
        wait_for_app(app)
    start_balancer()
    write_env_file(state)
    url = f"http://127.0.0.1:{PORTS['balancer']}"
    wait_for("the balancer", lambda: answers(f"{url}/accounts/login/"))
    say(f"up in {time.monotonic() - started:.0f} s: {url}/ (demo logins: `manage.py load_demo` prints them)")
    say(f"environment of the servers: {DIR / 'env'}; stop with `make cluster-stop`")


def stop():
    state = load_state()
    stop_group(*APPS, *WORKERS, "haproxy")
    for name in ("primary", "replica"):
        pid = pid_from(DIR / "run" / f"pgbouncer-{name}.pid")
        if pid and alive(pid):
            os.kill(pid, signal.SIGTERM)
    pid = pid_from(DIR / "run" / "redis.pid")
    if pid and alive(pid):
        os.kill(pid, signal.SIGTERM)
    for name in ("replica", "primary"):
        data = DIR / "pg" / name
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*as_postgres(), str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
    if state is not None:
        STATE.unlink()
    deadline = time.monotonic() + 20
    while any(port_open(port) for port in PORTS.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [f"{name} {port}" for name, port in PORTS.items() if port_open(port)]
    if left:
        raise SystemExit(f"still listening: {', '.join(left)}")
    say("stopped (files kept in var/cluster/ until the next `make cluster`)")


def status():
    state = load_state()
    if state is None:
        print(json.dumps({"running": False}))
        return
    processes = {}
    for name in (*APPS, *WORKERS, "haproxy", "redis", "pgbouncer-primary", "pgbouncer-replica"):
        pid = pid_from(DIR / "run" / f"{name}.pid")
        processes[name] = bool(pid and alive(pid))
    for name in ("primary", "replica"):
        processes[f"postgresql-{name}"] = (DIR / "pg" / name / "postmaster.pid").exists()
    public = {key: value for key, value in state.items() if key not in ("password", "secret_key")}
    print(json.dumps({"running": True, **public, "processes": processes}, indent=2))


def failover():
    """The runbook of docs/deploy.md, timed: the primary stops (here: killed, as a crashed machine), the replica
    is promoted, DATABASE_URL points at it (through its PgBouncer), the servers and workers restart on it."""
    state = load_state()
    if state["primary"] != "primary":
        raise SystemExit("already failed over: the replica is the primary")
    marks = {}
    began = time.monotonic()
    say("1. the primary stops (immediate: as if its machine were gone)")
    pg_ctl(DIR / "pg" / "primary", "-m", "immediate", "-w", "stop")
    marks["primary_stopped"] = time.monotonic() - began
    say("2. the replica is promoted")
    pg_ctl(DIR / "pg" / "replica", "-w", "-t", "60", "promote")
    wait_for("the promotion", lambda: psql(PORTS["replica"], "SELECT pg_is_in_recovery()") == "f")
    marks["replica_promoted"] = time.monotonic() - began
    say("3. DATABASE_URL points at the new primary (its PgBouncer); no replica left to read from")
    state.update(database_port=PORTS["bouncer_replica"], replica_port=None, primary="replica")
    save_state(state)
    write_env_file(state)
    marks["database_url_changed"] = time.monotonic() - began
    say("4. the application servers and the task workers restart with it")
    stop_group(*APPS, *WORKERS, seconds=5)
    for app in APPS:
        launch_app(state, app)
    for worker in WORKERS:
        start_worker(state, worker)
    for app in APPS:
        wait_for_app(app)
    marks["restarted"] = time.monotonic() - began
    # A page that reads the database (the public directory), not only the sign-in form.
    url = f"http://127.0.0.1:{PORTS['balancer']}/directory/"
    wait_for("the application on the new primary", lambda: answers(url), seconds=120, pause=0.1)
    marks["serving_again"] = time.monotonic() - began
    result = {key: round(value, 2) for key, value in marks.items()}
    result["serving_seconds_after_database_url"] = round(marks["serving_again"] - marks["database_url_changed"], 2)
    print("FAILOVER " + json.dumps(result), flush=True)


def main(argv):
    commands = {
        "start": lambda: start(),
        "stop": lambda: stop(),
        "status": lambda: status(),
        "failover": lambda: failover(),
        "kill-app": lambda n: print(kill_app(f"app{n}")),
        "start-app": lambda n: start_app(load_state(), f"app{n}"),
        "kill-worker": lambda n: print(kill_group(f"worker{n}")),
        "start-worker": lambda n: start_worker(load_state(), f"worker{n}"),
        "restart-balancer": lambda: (stop_group("haproxy"), start_balancer()),
        "manage": lambda *args: os.execve(PYTHON, [PYTHON, "manage.py", *args], app_env(load_state())),
    }
    if not argv or argv[0] not in commands:
        raise SystemExit(__doc__)
    if argv[0] == "manage":
        os.chdir(ROOT)
    commands[argv[0]](*argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
