"""One event, two ways in (the page, the API, a task…): each run from the same starting state, and what
each left behind compared.

``outcome_of(way, watched, state)`` runs ``way()`` inside a savepoint, runs what it left to do on commit
(notifications, e-mails), and returns ``state()`` with the rows of each watched model it added; then it
rolls all of it back, so the next way starts where this one did. Times (fields ending in ``_at``) are
masked in change-log entries: two runs a moment apart are the same event.
"""

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


def outcome_of(way, watched, state):
    """``watched``: (model, fields) pairs; a field named ``changes`` has its times masked."""
    marks = {model: model._default_manager.aggregate(top=Max("pk"))["top"] or 0 for model, _ in watched}
    savepoint = transaction.savepoint()
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            way()
        result = {"state": state()}
        for model, fields in watched:
            rows = model._default_manager.filter(pk__gt=marks[model]).order_by("pk").values(*fields)
            result[model._meta.label] = [
                {**row, "changes": mask_times(row["changes"])} if "changes" in row else row for row in rows
            ]
    finally:
        transaction.savepoint_rollback(savepoint)
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


def same_both_ways(watched, page_way, api_way, state):
    """The outcome of the page's way, after checking the API's way left exactly the same."""
    by_the_page = outcome_of(page_way, watched, state)
    through_the_api = outcome_of(api_way, watched, state)
    assert by_the_page == through_the_api
    return by_the_page
