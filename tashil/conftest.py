"""Fixtures for every app's tests: the two-county world, clients signed in as a role, and a real browser."""

import os

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tashil.core.testing.browser import PageProblems
from tashil.site.testing.world import build_world

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from such a thread
# unless told that this is fine, which it is for tests that drive a separate live server thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# No time limit on a generated example: Hypothesis's default (200 ms) is a timed assertion, and one example of the
# working-day property took 292 ms once on a machine busy with the other suite (0.5 ms when run again).
hypothesis_settings.register_profile("tashil", deadline=None)
hypothesis_settings.load_profile("tashil")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_configure(config):
    import tashil.site.testing.builders  # noqa: F401  (registers every app's world builder)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: a rolled-back test leaves no work calendar, closures or figures
    behind for the next (SQLite reuses the ids of rolled-back rows, so a key could name another test's place)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_as(world):
    """``client_as("secretariat")``: a test client signed in as that role of the world (or anonymous)."""

    def make(role):
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return make


@pytest.fixture
def api_as(world):
    """``api_as("secretariat")``: a REST framework client authenticated as that role of the world."""
    from rest_framework.test import APIClient

    def make(role):
        client = APIClient()
        client.force_authenticate(world.users[role])
        return client

    return make


@pytest.fixture
def figures_cached(settings):
    """The county figures cached, as in production (``TASHIL_REPORT_CACHE``), from an empty cache."""
    from django.core.cache import cache

    settings.TASHIL_REPORT_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server; the test fails on any console error or failed request it met."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR", base_url=live_server.url)
    context.set_default_timeout(15000)
    page = context.new_page()
    problems = PageProblems(page, live_server.url)
    yield page
    # Let the requests the page started finish first (the dashboard fetches its map's points after load): the
    # live server would otherwise still be answering one while the test database is truncated (a deadlock on
    # PostgreSQL, "database access not allowed" after teardown).
    from playwright.sync_api import TimeoutError as StillBusy

    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except StillBusy:  # a page still busy after 5 s is closed anyway
        pass
    context.close()
    if problems.found:
        pytest.fail("the page showed errors a person would meet:\n" + "\n".join(problems.found), pytrace=False)


@pytest.fixture
def login(page):
    """Sign in through the real login form as a user (username, the demo password)."""
    from tashil.core.demo import DEMO_PASSWORD

    def do(username, password=DEMO_PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("[data-testid=login-submit]")
        page.wait_for_load_state("domcontentloaded")
        return page

    return do


def pytest_terminal_summary(terminalreporter):
    """Print how many pages the crawler walked for each role (recorded by the tests, also from xdist workers)."""
    walked = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "crawled"
    ]
    if walked:
        terminalreporter.write_sep("-", "pages crawled per role")
        for line in sorted(walked):
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def sms_outbox():
    """The text messages sent during the test (``LocmemBackend``), emptied before each test."""
    from tashil.notifications import sms

    sms.outbox.clear()
    return sms.outbox
