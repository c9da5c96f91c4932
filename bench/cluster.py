"""`make bench-cluster`: the staff load mix of bench/load.py through the cluster's balancer (`make cluster`), with
two application servers and then with one, and the fail-over of the runbook timed.

    python bench/cluster.py                          # starts the cluster if it is not running (and stops it after)
    python bench/cluster.py --seconds 30 --connections 16 --failover

The cluster runs everything on this machine (both PostgreSQL servers, PgBouncer, Redis, HAProxy, two gunicorn
servers of TASHIL_CLUSTER_APP_WORKERS workers, two task workers) on its demo data: the figures say how the parts
behave together, not what a nation's machines would do (bench/load.py measures one server at national size).

Also the HTTP side of tashil/core/tests/test_cluster.py: a person's browser (cookies, forms, CSRF) and the
cluster's command line.
"""

import argparse
import http.cookiejar
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, write_result
from bench.load import lua_script, measured_wrk, mix, run_wrk

CLUSTER = ROOT / "scripts" / "cluster" / "cluster.py"
DEMO_PASSWORD = "Tashil-1405"  # tashil.core.demo.DEMO_PASSWORD (not imported: no Django here)
SECRETARIAT, MANAGER, OFFICER, NATION = "dabir.pakdasht", "modir.pakdasht", "maliat.pakdasht", "modir.keshvar"


# The cluster's command line -----------------------------------------------------------------------------------


def cluster_command(*args, capture=False, timeout=600):
    return subprocess.run(
        [sys.executable, str(CLUSTER), *args],
        cwd=ROOT,
        check=True,
        timeout=timeout,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )


def cluster_status():
    return json.loads(cluster_command("status", capture=True).stdout)


def shell(code, prefix):
    """Run ``code`` in `manage.py shell` with the servers' environment; the JSON it printed after ``prefix``."""
    out = cluster_command("manage", "shell", "-c", code, capture=True, timeout=300).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith(prefix))[len(prefix) :])


def balancer(state):
    return f"http://127.0.0.1:{state['ports']['balancer']}"


def server(state, app):
    return f"http://127.0.0.1:{state['ports'][app]}"


# A person's browser -------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: bytes
    headers: object
    url: str

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def server(self):
        """The application server that answered (the balancer's X-Tashil-Server header)."""
        return self.headers.get("X-Tashil-Server")

    def csrf(self):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text).group(1)


class Browser:
    """One person's browser: its own cookies, following redirects, talking to the balancer by default."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path, data=None, headers=None, base=None):
        request = urllib.request.Request((base or self.base) + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=120) as response:
                return Answer(response.status, response.read(), response.headers, response.geturl())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read(), error.headers, error.geturl())

    def get(self, path, base=None):
        return self.open(path, base=base)

    def post(self, path, fields, page=None, base=None):
        """Send a form the way the page does: its CSRF token, the fields urlencoded."""
        page = page or self.get(path, base=base)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": page.csrf(), **fields}).encode()
        return self.open(path, data=data, base=base)

    def post_file(self, path, fields, name, filename, content, page, content_type="application/octet-stream"):
        """A multipart form with one file, as the page's file input sends it."""
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in {"csrfmiddlewaretoken": page.csrf(), **fields}.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.open(path, data=b"".join(parts), headers=headers)

    def sign_in(self, username, password=DEMO_PASSWORD):
        return self.post("/accounts/login/", {"username": username, "password": password})

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


def signed_in(state, username):
    person = Browser(balancer(state))
    answer = person.sign_in(username)
    if answer.status != 200 or "/accounts/login/" in answer.url:
        raise AssertionError(f"{username} could not sign in: {answer.status} {answer.text[:300]}")
    return person


UNITS = """
import json
from tashil.accounts.models import User
from tashil.units.models import IndustrialUnit
m = User.objects.get(username="dabir.pakdasht").memberships.get()
units = [(pk, name) for pk, name in IndustrialUnit.objects.filter(county_id=m.county_id).values_list("pk", "name")
         if len(name.split()) > 1][:20]
print("INFO " + json.dumps({"units": units, "province": m.county.province_id}, ensure_ascii=False))
"""


def mix_info(state):
    """bench/load.py's mix on the demo: the county's secretariat, an agency officer, a national manager."""
    info = shell(UNITS, "INFO ")
    for role, username in (("county", SECRETARIAT), ("officer", OFFICER), ("nation", NATION)):
        info[f"bench.{role}"] = signed_in(state, username).cookie("sessionid")
    return info


# The benchmark ------------------------------------------------------------------------------------------------


def run(seconds, connections, failover):
    state = cluster_status()
    started_here = not state["running"]
    if started_here:
        cluster_command("start", timeout=900)
        state = cluster_status()
    try:
        script = lua_script(mix(mix_info(state)))
        url = balancer(state)
        run_wrk(script, 5, connections, url=url)  # every server's workers and connections warm
        programs = ("gunicorn", "postgres", "pgbouncer", "haproxy", "redis-server")
        runs = [{"application_servers": 2, **measured_wrk(script, seconds, connections, url, programs)}]
        cluster_command("kill-app", "2", capture=True)
        time.sleep(3)  # the balancer's health check (every second, two failures) takes it out
        runs.append({"application_servers": 1, **measured_wrk(script, seconds, connections, url, programs)})
        cluster_command("start-app", "2", capture=True)
        result = {"connections": connections, "runs": runs}
        if failover:
            out = cluster_command("failover", capture=True).stdout
            result["failover"] = json.loads(next(x for x in out.splitlines() if x.startswith("FAILOVER "))[9:])
        return result
    finally:
        if started_here:
            cluster_command("stop")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--failover", action="store_true", help="end with the fail-over runbook, timed")
    args = parser.parse_args()
    result = run(args.seconds, args.connections, args.failover)
    path = write_result("cluster", result)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"written to {path}")
