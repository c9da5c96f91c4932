"""One event, two ways in (the page, the API, a task…): each run from the same starting state, and what
each left behind compared.

``outcome_of(way, watched, state)`` runs ``way()`` inside a savepoint, runs what it left to do on commit
(notifications, e-mails), and returns ``state()`` with the rows of each watched model it added; then it
rolls all of it back, so the next way starts where this one did. Times (fields ending in ``_at``) are
masked in change-log entries: two runs a moment apart are the same event.

``shown`` adds what pages show from the shared cache (a dashboard's figures, kept there until an event tells
them to change): each way starts from an empty cache, reads them once before (so they are computed from the
starting state and kept, as on the day's first visit) and again after. A way that changed what they count
without refreshing them shows the figures from before, as a person would see them, and differs from the other.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.test import TestCase

from . import pages

MASKED = "…"


def mask_times(changes):
    return [
        {**change, "old": MASKED, "new": MASKED} if change.get("field", "").endswith("_at") else change
        for change in changes or ()
    ]


def outcome_of(way, watched, state, shown=None):
    """``watched``: (model, fields) pairs; a field named ``changes`` has its times masked. ``shown``: ``{name:
    read}``, each ``read()`` what a page shows; the outcome holds its ``before`` and ``after``."""
    shown = shown or {}
    marks = {model: model._default_manager.aggregate(top=Max("pk"))["top"] or 0 for model, _ in watched}
    savepoint = transaction.savepoint()
    try:
        if shown:
            cache.clear()
        before = {name: read() for name, read in shown.items()}
        with TestCase.captureOnCommitCallbacks(execute=True):
            way()
        result = {"state": state()}
        for name, read in shown.items():
            result[name] = {"before": before[name], "after": read()}
        for model, fields in watched:
            rows = model._default_manager.filter(pk__gt=marks[model]).order_by("pk").values(*fields)
            result[model._meta.label] = [
                {**row, "changes": mask_times(row["changes"])} if "changes" in row else row for row in rows
            ]
    finally:
        transaction.savepoint_rollback(savepoint)
        if shown:
            cache.clear()  # nothing kept of the rolled-back rows
    return result


def by_page(client, start, link=None, expect=302, testid=None, action=None, **typed):
    """The way a person takes: open ``start``, follow its button to the action (``link``: part of the address of
    a link to the action's own page; else the form on ``start`` with ``testid`` or posting to ``action``), and
    post what they type there."""

    def way():
        page = client.get(start)
        if link:
            page = client.get(pages.link(page, href_contains=link))
        response = pages.form(page, testid=testid, action=action).submit(client, **typed)
        assert response.status_code == expect, response.content.decode()[:2000]

    return way


def by_api(client, url, body=None, expect=200):
    def way():
        response = client.post(url, body or {}, format="json")
        assert response.status_code == expect, response.content

    return way


def differing(one, other, path=""):
    """Where two outcomes part: the path of each part that differs, down to the first that is not a mapping
    (``dashboard.after.obstacles.open``)."""
    if not (isinstance(one, dict) and isinstance(other, dict)):
        return [] if one == other else [path]
    keys = [*one, *(key for key in other if key not in one)]
    return [found for key in keys for found in differing(one.get(key), other.get(key), f"{path}.{key}".strip("."))]


def same_both_ways(watched, page_way, api_way, state, shown=None):
    """The outcome of the page's way, after checking the API's way left exactly the same."""
    by_the_page = outcome_of(page_way, watched, state, shown)
    through_the_api = outcome_of(api_way, watched, state, shown)
    differ = differing(by_the_page, through_the_api)
    assert not differ, "the API's way differs from the page's at " + ", ".join(differ)
    return by_the_page
