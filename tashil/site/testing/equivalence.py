"""What an event leaves behind for people to meet, read the same way by every app's equivalence tests
(``tashil.core.testing.equivalence`` runs each way and compares; this names what to read).

``WATCHED``: the rows an event adds that people read — the change log (every object's history: a meeting's,
a resolution's, a clinic case's), the notifications (the bell, its e-mails and SMS), an obstacle's timeline and a
unit's status history. ``dashboard_of(client)``: the county dashboard its person opens, read through the
figures' cache as in production; pass it as ``shown`` so each way must refresh the county's figures itself:

    outcome = same_both_ways(WATCHED, page_way, api_way, state, shown=dashboard_of(client_as("secretariat")))
    assert moved(outcome)["obstacles"]["open"] == -1

The provenance differs by design and is left out: a change-log entry's source (web, API, import).
"""

from django.conf import settings
from django.urls import reverse

from tashil.core.models import ChangeLogEntry
from tashil.core.testing import pages
from tashil.notifications.models import Notification
from tashil.obstacles.models import ObstacleEvent
from tashil.units.models import UnitStatusChange

CHANGE_LOG = (ChangeLogEntry, ("content_type__model", "object_repr", "action", "message", "changes", "user_id"))
NOTIFICATIONS = (Notification, ("recipient_id", "kind", "title", "body", "url"))
TIMELINE = (ObstacleEvent, ("obstacle_id", "kind", "text", "author_id", "internal", "referral__agency_id", "data"))
UNIT_HISTORY = (UnitStatusChange, ("unit_id", "from_status", "to_status", "date", "reason", "user_id", "source"))
WATCHED = (CHANGE_LOG, NOTIFICATIONS, TIMELINE, UNIT_HISTORY)

# The dashboard's parts drawn from the area's cached figures (reports/includes/dashboard_figures.html): each
# figure, the clinic's and revivals' cards, the agencies' scorecard, the next meetings and what is overdue.
FIGURE_SECTIONS = (
    "units-section",
    "obstacles-section",
    "impact-section",
    "resolutions-section",
    "agencies-section",
    "upcoming-meetings",
    "overdue-items",
)
DASHBOARD = "reports/dashboard.html"
# The figures themselves, as the page read them from the cache (to say by how much an event moved them).
FIGURES = ("units", "reactivated", "obstacles", "resolutions", "clinic", "impact", "scorecard")


def dashboard(client):
    """The county dashboard as ``client``'s person opens it: the text of each figure section and the figures the
    page read to draw them (a unit status's count is under ``units[status]``)."""
    assert settings.TASHIL_REPORT_CACHE, "read the dashboard through its cache, as in production: use figures_cached"
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200, response.status_code
    shown = pages.texts(response)
    missing = [section for section in FIGURE_SECTIONS if section not in shown]
    assert not missing, f"the dashboard shows no {missing}"
    # The page's own context (the figure sections rendered within the request have theirs, of the same names).
    [context] = [c for t, c in zip(response.templates, response.context, strict=True) if t.name == DASHBOARD]
    figures = {name: context[name] for name in FIGURES}
    figures["units"] = {status["value"]: status["total"] for status in figures["units"]["statuses"]}
    return {"shown": {section: shown[section] for section in FIGURE_SECTIONS}, **figures}


def dashboard_of(client):
    """``shown`` for ``same_both_ways`` / ``outcome_of``: the dashboard ``client`` opens, before and after."""
    return {"dashboard": lambda: dashboard(client)}


def moved(outcome, part="dashboard"):
    """By how much the way moved each count of ``part`` (after less before), where it moved: ``{"obstacles":
    {"open": -1}}``, a row of a table by its id (``{"scorecard": {agency_id: {"received": 1}}}``); a figure
    that is not a count (a share, a text) is left out."""

    def by_id(rows):
        return (
            {row["id"]: row for row in rows}
            if isinstance(rows, list) and all(isinstance(r, dict) and "id" in r for r in rows)
            else rows
        )

    def difference(before, after):
        before, after = by_id(before), by_id(after)
        if isinstance(before, dict) and isinstance(after, dict):
            # A row new to the table moved from nothing.
            inner = {
                key: difference(before.get(key, {} if isinstance(value, dict) else 0), value)
                for key, value in after.items()
            }
            return {key: value for key, value in inner.items() if value and key != "id"}
        if isinstance(before, int) and isinstance(after, int) and not isinstance(after, bool):
            return after - before
        return None

    shown = outcome[part]
    return {
        name: change
        for name, value in shown["after"].items()
        if name != "shown" and (change := difference(shown["before"][name], value))
    }
