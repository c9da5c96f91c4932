"""The production topology, run for real on this machine (`make cluster`, scripts/cluster/): PostgreSQL primary and
streaming replica, PgBouncer in transaction pooling in front of each, Redis, two application servers (gunicorn,
production settings) behind HAProxy, two task workers, one MEDIA_ROOT.

Marked ``cluster`` and skipped unless TASHIL_CLUSTER=1 (`make cluster-test`, and `.ci/run` after the PostgreSQL
suite): they start the cluster when it is not running, and stop it at the end when they started it. They talk to
it as its users and operators do: HTTP through the balancer (or to one application server), the servers' own
counters (pg_stat_statements, the replica's replay position), `scripts/cluster/cluster.py` for the faults.
The tests run in the order written; the fail-over comes last (it leaves the cluster on the promoted replica).
"""

import json
import os
import re
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from bench.cluster import (
    DEMO_PASSWORD,
    MANAGER,
    SECRETARIAT,
    Browser,
    balancer,
    cluster_command,
    cluster_status,
    mix_info,
    server,
    shell,
    signed_in,
)

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(not os.environ.get("TASHIL_CLUSTER"), reason="the cluster's checks run with TASHIL_CLUSTER=1"),
]


def sql(port, statement, *params):
    """One statement as PostgreSQL's superuser on one server (the servers' own counters)."""
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="tashil", autocommit=True) as db:
        return db.execute(statement, params).fetchall()


@pytest.fixture(scope="module")
def cluster():
    state = cluster_status()
    started_here = not state["running"]
    if started_here:
        try:
            cluster_command("start", timeout=900)
        except BaseException:
            cluster_command("stop")
            raise
        state = cluster_status()
    assert all(state["processes"].values()), state["processes"]
    yield state
    if started_here:
        cluster_command("stop")


def first_obstacle(person):
    """An open obstacle, reached the way a person does: the list, then a row's link."""
    listing = person.get("/obstacles/?state=open")
    assert listing.status == 200
    return re.search(r'href="/obstacles/(\d+)/"', listing.text).group(1)


def comment(person, obstacle, text):
    page = person.get(f"/obstacles/{obstacle}/")
    assert 'data-testid="comment-form"' in page.text
    return person.post(f"/obstacles/{obstacle}/comment/", {"text": text}, page=page)


# The checks ------------------------------------------------------------------------------------------------------

SESSION_STATE = {
    "a session-level SET": r"^\s*(SET|RESET)\s+(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b)",
    "a session-level set_config": r"set_config\s*\([^)]*,\s*false\s*\)",
    "a session advisory lock": r"pg_(try_)?advisory_(un)?lock(_shared)?\s*\(",
    "a cursor held across transactions": r"WITH\s+HOLD",
    "a prepared statement in SQL": r"^\s*(PREPARE|DEALLOCATE|EXECUTE)\b",
    "a notification channel": r"^\s*(LISTEN|UNLISTEN)\b",
    "a temporary table": r"CREATE\s+TEMP(ORARY)?\s+TABLE",
}


def test_tashil_leaves_no_session_state_on_pgbouncer_connections(cluster):
    """Transaction pooling hands each transaction whichever server connection is free: nothing may outlive a
    transaction. Every statement the application's role has sent since the cluster started (migrations, demo data,
    pages, an export, the workers' tasks) is read back from both servers' pg_stat_statements."""
    person = signed_in(cluster, SECRETARIAT)
    export = person.get("/registry/units/?export=csv")
    assert export.status == 200 and len(export.body.splitlines()) > 2, "the export streams rows"
    person.get("/reports/")
    found = {}
    for node in ("primary", "replica"):
        rows = sql(
            cluster["ports"][node],
            "SELECT query, calls FROM pg_stat_statements WHERE userid = 'tashil'::regrole AND dbid = "
            "(SELECT oid FROM pg_database WHERE datname = 'tashil')",
        )
        assert rows, f"pg_stat_statements of the {node} holds the application's statements"
        for query, _calls in rows:
            for what, pattern in SESSION_STATE.items():
                if re.search(pattern, query, re.IGNORECASE | re.MULTILINE):
                    found.setdefault(what, []).append(f"{node}: {query[:200]}")
    assert not found, found
    # psycopg's own prepared statements are protocol messages, not SQL: ask a pooled server connection whether any
    # was left on it after the same query ran often enough (psycopg prepares after five runs unless told not to).
    checked = shell(
        """
import json
from django.db import connection
from tashil.units.models import IndustrialUnit
for _ in range(12):
    IndustrialUnit.objects.filter(pk=1).exists()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM pg_prepared_statements")
    prepared = cursor.fetchone()[0]
    cursor.execute("SHOW port")
    port = cursor.fetchone()[0]
print("PREPARED " + json.dumps({"prepared": prepared, "threshold": connection.connection.prepare_threshold,
                                "server_port": port, "url_port": connection.settings_dict["PORT"]}))
""",
        "PREPARED ",
    )
    assert str(checked["url_port"]) == str(cluster["ports"]["bouncer_primary"]), "the shell went through PgBouncer"
    assert checked == {**checked, "prepared": 0, "threshold": None}


def test_pages_are_read_from_the_replica_and_writes_reach_the_primary(cluster):
    person = signed_in(cluster, SECRETARIAT)
    obstacle = first_obstacle(person)
    primary, replica = cluster["ports"]["primary"], cluster["ports"]["replica"]
    for port in (primary, replica):
        sql(port, "SELECT pg_stat_statements_reset()")
    served = set()
    for _ in range(6):
        page = person.get(f"/obstacles/{obstacle}/")
        assert page.status == 200
        served.add(page.server)
    assert served == {"app1", "app2"}, "the balancer spread the pages over both servers"

    def calls(port, table, verb):
        rows = sql(
            port,
            "SELECT queryid, calls FROM pg_stat_statements WHERE userid = 'tashil'::regrole "
            "AND query ILIKE %s AND query ILIKE %s",
            f"{verb}%",
            f'%"{table}"%',
        )
        return dict(rows)

    # The statements that ran once per page view (or more) ran on the replica, and never on the primary.
    read_there = {query for query, count in calls(replica, "obstacles_obstacle", "SELECT").items() if count >= 6}
    assert read_there, "the replica answered the obstacle's page each time"
    assert not set(calls(primary, "obstacles_obstacle", "SELECT")) & read_there

    text = f"cluster write {uuid.uuid4()}"
    assert text in comment(person, obstacle, text).text
    inserted = calls(primary, "obstacles_obstacleevent", "INSERT")
    assert sum(inserted.values()) >= 1, "the comment was written on the primary"
    assert not calls(replica, "obstacles_obstacleevent", "INSERT")


def test_a_person_sees_what_they_saved_while_the_replica_is_held_back(cluster):
    writer, reader = signed_in(cluster, SECRETARIAT), signed_in(cluster, MANAGER)
    obstacle = first_obstacle(writer)
    primary, replica = cluster["ports"]["primary"], cluster["ports"]["replica"]
    text = f"written while the replica waits {uuid.uuid4()}"
    # Both have signed in (a write): the replica holds that before it stops, so the reader reads from it.
    target = sql(primary, "SELECT pg_current_wal_lsn()::text")[0][0]
    deadline = time.monotonic() + 30
    while not sql(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", target)[0][0]:
        assert time.monotonic() < deadline, "the replica replays"
        time.sleep(0.2)
    sql(replica, "SELECT pg_wal_replay_pause()")
    try:
        deadline = time.monotonic() + 30
        while sql(replica, "SELECT pg_get_wal_replay_pause_state()")[0][0] != "paused":
            assert time.monotonic() < deadline, "the replica's replay did not pause"
            time.sleep(0.2)
        saved = comment(writer, obstacle, text)
        assert saved.status == 200 and text in saved.text, "the page after saving shows the new comment"
        for _ in range(4):  # both servers, any number of times
            assert text in writer.get(f"/obstacles/{obstacle}/").text
        # Someone else reads from the replica, which really is behind: the check above was not vacuous.
        assert text not in reader.get(f"/obstacles/{obstacle}/").text
    finally:
        sql(replica, "SELECT pg_wal_replay_resume()")
    deadline = time.monotonic() + 30
    while text not in reader.get(f"/obstacles/{obstacle}/").text:
        assert time.monotonic() < deadline, "the replica caught up once its replay resumed"
        time.sleep(0.5)


def test_sessions_lockouts_and_rate_limits_count_across_both_servers(cluster):
    person = signed_in(cluster, SECRETARIAT)
    answered = {}
    for _ in range(4):
        home = person.get("/")
        assert home.status == 200 and "/accounts/login/" not in home.url, "signed in on whichever server answers"
        answered[home.server] = answered.get(home.server, 0) + 1
    assert set(answered) == {"app1", "app2"}

    # Five wrong passwords, spread over both servers, lock the name: the right one is refused after them.
    username = f"cluster.{uuid.uuid4().hex[:8]}"
    shell(
        f"""
from tashil.accounts.models import User
User.objects.create_user("{username}", password="{DEMO_PASSWORD}")
print("MADE []")
""",
        "MADE ",
    )
    guesser, servers = Browser(balancer(cluster)), set()
    form = guesser.get("/accounts/login/")  # one form, sent again and again: the tries alternate between servers
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        answer = guesser.post("/accounts/login/", {"username": username, "password": f"wrong-{attempt}"}, page=form)
        assert "/accounts/login/" in answer.url
        servers.add(answer.server)
    assert servers == {"app1", "app2"}
    locked = guesser.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD}, page=form)
    assert locked.status == 429 and "/accounts/login/" in locked.url, "the lock-out counted on both servers"

    # The public API's limit (TASHIL_PUBLIC_API_RATE, 60 a minute) counts in Redis for every server and worker.
    import redis

    redis.Redis(host="127.0.0.1", port=cluster["ports"]["redis"], db=1).flushdb()  # a count from an earlier run
    visitor, statuses, servers = Browser(balancer(cluster)), [], set()
    for _ in range(61):
        answer = visitor.get("/api/public/units/")
        statuses.append(answer.status)
        servers.add(answer.server)
    assert statuses[:60] == [200] * 60 and statuses[60] == 429, statuses
    assert servers == {"app1", "app2"}


def test_files_are_shared_by_every_server_and_worker(cluster):
    person = signed_in(cluster, SECRETARIAT)
    obstacle = first_obstacle(person)
    content = b"%PDF-1.4\n% cluster upload " + uuid.uuid4().hex.encode() + b"\n%%EOF\n"
    page = person.get(f"/obstacles/{obstacle}/")
    filename = f"cluster-{uuid.uuid4().hex[:8]}.pdf"
    uploaded = person.post_file(
        f"/obstacles/{obstacle}/comment/", {"text": "پیوست آزمون"}, "file", filename, content, page, "application/pdf"
    )
    assert uploaded.status == 200
    link = re.search(rf'href="(/obstacles/attachments/\d+/)">[^<]*<i [^>]*></i> {re.escape(filename)}', uploaded.text)
    assert link, "the page links the file it has just stored"
    link = link.group(1)
    for app in ("app1", "app2"):
        download = person.get(link, base=server(cluster, app))
        assert download.status == 200 and download.body == content, f"{app} serves the file another server stored"

    # The approved minutes of the demo are rendered and stored by the task workers; every server serves them.
    deadline = time.monotonic() + 180
    while True:
        stored = shell(
            """
import json
from django_tasks_db.models import DBTaskResult
from tashil.meetings.models import Meeting
tasks = DBTaskResult.objects.filter(task_path="tashil.meetings.tasks.store_minutes")
meeting = Meeting.objects.exclude(minutes_pdf="").order_by("pk").first()
print("STORED " + json.dumps({
    "waiting": tasks.filter(status__in=("READY", "RUNNING")).count(),
    "workers": sorted({w for t in tasks for w in t.worker_ids}),
    "meeting": meeting and meeting.pk, "file": meeting and meeting.minutes_pdf.name,
}))
""",
            "STORED ",
        )
        if stored["meeting"] or time.monotonic() > deadline:
            break
        time.sleep(3)
    assert stored["meeting"], "a worker stored the approved minutes"
    on_disk = (Path(cluster["dir"]) / "media" / stored["file"]).read_bytes()
    assert on_disk.startswith(b"%PDF")
    for app in ("app1", "app2"):
        download = person.get(f"/meetings/{stored['meeting']}/minutes.pdf", base=server(cluster, app))
        assert download.status == 200 and download.body == on_disk, f"{app} serves the minutes a worker stored"

    # A spreadsheet uploaded through a server is read by a worker: the import page's own template sheet.
    form = person.get("/registry/units/import/")
    template = person.get(re.search(r'href="(/registry/units/import/template/)"', form.text).group(1))
    assert template.status == 200 and template.body.startswith(b"PK"), "the template is an XLSX"
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    queued = person.post_file("/registry/units/import/", {}, "file", "units.xlsx", template.body, form, sheet)
    job = re.search(r"/registry/imports/(\d+)/", queued.url)
    assert queued.status == 200 and job, queued.url
    deadline = time.monotonic() + 120
    while True:
        checked = shell(
            f"""
import json
from django_tasks_db.models import DBTaskResult
from tashil.units.models import ImportJob
job = ImportJob.objects.get(pk={job.group(1)})
tasks = DBTaskResult.objects.filter(task_path="tashil.units.tasks.check_import")
workers = sorted({{w for t in tasks if t.args_kwargs["args"] == [job.pk] for w in t.worker_ids}})
print("CHECKED " + json.dumps({{"status": job.status, "report": job.preview_result, "workers": workers}}))
""",
            "CHECKED ",
        )
        if checked["status"] != "queued" or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert checked["status"] == "previewed" and checked["workers"], checked
    assert not checked["report"].get("error_rows"), "the worker read the sheet the server stored, row by row"


def test_the_load_mix_lives_through_a_killed_application_server_and_task_worker(cluster):
    """bench/faults.py's load (staff pages, one request in five a comment through the API) through the balancer;
    application server 1 is killed (SIGKILL, its master and workers) and started again, task worker 1 is killed and
    left dead: the other worker takes over its e-mails."""
    from bench.faults import MAILS, MAILS_DONE, TOKEN, Load, report
    from bench.load import mix

    seconds = 45
    info = mix_info(cluster)
    auth = shell(TOKEN.replace("bench.county", SECRETARIAT), "TOKEN ")
    mails = 60
    mail_ids = shell(
        MAILS.replace("__COUNT__", str(mails)).replace("__SPACING__", str(seconds * 0.8 / mails)), "MAILS "
    )
    load = Load(mix(info), auth["token"], auth["obstacles"], threads=4, base_url=balancer(cluster))
    marks = {}

    def kill_app(load):
        marks["app_kill_began"] = load.now()  # the command takes a moment: in flight means during it too
        cluster_command("kill-app", "1", capture=True)
        marks["app_killed"] = load.now()

    def restart_app(load):
        cluster_command("start-app", "1", capture=True)
        marks["app_restarted"] = load.now()

    def kill_worker(load):
        marks["worker_killed"] = load.now()
        cluster_command("kill-worker", "1", capture=True)

    try:
        load.run(seconds, [(seconds * 0.3, kill_app), (seconds * 0.4, kill_worker), (seconds * 0.6, restart_app)])
    finally:
        if "app_restarted" not in marks:  # the run broke off: leave the cluster whole for the next check
            cluster_command("start-app", "1", capture=True)
    deadline = time.monotonic() + 120
    while True:
        done = shell(MAILS_DONE.replace("__IDS__", json.dumps(mail_ids)), "DONE ")
        if not done["unfinished"] or time.monotonic() > deadline:
            break
        time.sleep(2)
    cluster_command("start-worker", "1", capture=True)

    markers = [r["marker"] for r in load.records if r["kind"] == "write" and r["outcome"] == 201]
    markers_file = Path(cluster["dir"]) / "markers.json"
    markers_file.write_text(json.dumps(markers))
    found = shell(
        f"""
import json
from tashil.obstacles.models import ObstacleEvent
markers = json.load(open("{markers_file}"))
print("FOUND " + json.dumps(sorted(set(ObstacleEvent.objects.filter(text__in=markers).values_list("text", flat=True)))))
""",
        "FOUND ",
    )
    seen = report(load, found, [("in_flight_on_killed_server", marks["app_kill_began"], marks["app_killed"])])
    print("LOAD " + json.dumps({**seen, "marks": marks}))
    assert seen["requests"] > 100 and seen["writes_acknowledged"] > 10, seen
    balancer_said = [
        line
        for line in (Path(cluster["dir"]) / "log" / "haproxy.log").read_text(errors="replace").splitlines()
        if re.search(r" 5\d\d \d+ ", line)
    ]
    assert seen["failed_by_cause"]["elsewhere"] == 0, (seen, balancer_said[-20:])
    assert seen["writes_lost"] == 0, seen
    after = {r["server"] for r in load.records if r.get("server") and r["began"] > marks["app_restarted"] + 3}
    assert after == {"app1", "app2"}, "the restarted server is back in the balancer"

    sent = {}
    for path in (Path(cluster["dir"]) / "mail").glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            match = re.match(r"Message-ID: <notification-(\d+)@", line)
            if match and int(match.group(1)) in set(mail_ids):
                sent[int(match.group(1))] = sent.get(int(match.group(1)), 0) + 1
    assert done == {**done, "unfinished": 0, "failed": 0, "marked_sent": mails}, done
    assert sorted(sent) == sorted(mail_ids), "every e-mail left"
    assert set(sent.values()) == {1}, "none left twice"


def test_the_replica_takes_over_when_the_primary_is_gone(cluster):
    """The fail-over runbook (docs/deploy.md), scripted: writes go on through the balancer while the primary is
    killed, the replica promoted, DATABASE_URL pointed at it and the servers restarted. Every write acknowledged
    before, during or after is on the new primary; a person signed in before is still signed in."""
    person = signed_in(cluster, SECRETARIAT)
    auth = shell(TOKEN_FOR_WRITES, "TOKEN ")
    acknowledged, stop = [], threading.Event()

    def write():
        while not stop.is_set():
            text = f"fail-over write {uuid.uuid4()}"
            request = urllib.request.Request(
                f"{balancer(cluster)}/api/obstacles/obstacles/{auth['obstacles'][0]}/comment/",
                data=json.dumps({"text": text}).encode(),
                headers={"Authorization": f"Token {auth['token']}", "Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    if response.status == 201:
                        acknowledged.append(text)
            except OSError:
                time.sleep(0.2)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    time.sleep(3)
    before = len(acknowledged)
    out = cluster_command("failover", capture=True).stdout
    timing = json.loads(next(line for line in out.splitlines() if line.startswith("FAILOVER "))[9:])
    time.sleep(3)
    stop.set()
    writer.join(60)
    print("FAILOVER " + json.dumps(timing))
    assert before > 0 and len(acknowledged) > before, "writes were acknowledged before and after the fail-over"
    state = cluster_status()
    assert state["primary"] == "replica" and state["replica_port"] is None
    assert sql(cluster["ports"]["replica"], "SELECT pg_is_in_recovery()")[0][0] is False
    markers_file = Path(cluster["dir"]) / "failover-markers.json"
    markers_file.write_text(json.dumps(acknowledged))
    found = shell(
        f"""
import json
from django.db import connection
from tashil.obstacles.models import ObstacleEvent
markers = json.load(open("{markers_file}"))
print("FOUND " + json.dumps({{"port": connection.settings_dict["PORT"],
    "found": ObstacleEvent.objects.filter(text__in=markers).count()}}))
""",
        "FOUND ",
    )
    assert str(found["port"]) == str(cluster["ports"]["bouncer_replica"]), "the shell reads the new primary"
    assert found["found"] == len(acknowledged), "no acknowledged write was lost"
    home = person.get("/")
    assert home.status == 200 and "/accounts/login/" not in home.url, "still signed in after the fail-over"


TOKEN_FOR_WRITES = """
import json
from tashil.accounts.models import ApiToken, User
from tashil.obstacles.models import Obstacle
user = User.objects.get(username="dabir.pakdasht")
_, key = ApiToken.issue(user)
obstacles = list(Obstacle.objects.for_user(user).order_by("pk").values_list("pk", flat=True)[:5])
print("TOKEN " + json.dumps({"token": key, "obstacles": obstacles}))
"""
