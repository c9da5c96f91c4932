"""No list leaks a row out of its reader's scope, and no count says more than the rows shown.

For every list page, its export and every list endpoint of the API, as every signed-in role of the world:
the rows listed are all rows the scope helper lets that user see, and the totals the page and the API
state (paginator count, ``count``) are the number of rows actually listed. Objects by ID are covered by the
permission matrix (another scope's object answers 404 in pages, PDFs, attachments and the API).
"""

import csv
import io

import pytest
from django.urls import resolve, reverse

from tashil.core import scope
from tashil.core.testing.matrix import SIGNED_IN
from tashil.core.views.generic import ObjectListView

from .test_permission_matrix import ROUTES


def list_routes():
    found = []
    for route in ROUTES:
        if route.method != "get" or route.obj or route.kwargs:
            continue
        func = resolve(reverse(route.name)).func
        cls = getattr(func, "view_class", None) or getattr(func, "cls", None)
        if cls is None:
            continue
        if isinstance(cls, type) and issubclass(cls, ObjectListView):
            found.append(pytest.param(route, "page", id=route.name))
        elif route.name.startswith("api:") and route.name.endswith("-list") and "public-" not in route.name:
            found.append(pytest.param(route, "api", id=route.name))
    return found


LIST_ROUTES = list_routes()
# Lists the world leaves empty for every role (their rows are made by time passing), checked all the same.
EMPTY_IN_THE_WORLD = {"clinic:cliniccase_no_update"}


def in_scope(model, user):
    return set(scope.restrict(model._default_manager.all(), user, "view").values_list("pk", flat=True))


def check_page(client, url, user):
    # The export first: exporting is itself logged, and the access log must then list that export on both.
    export = client.get(url, {"export": "csv"})
    response = client.get(url, {"per_page": 100})
    if response.status_code != 200:
        return None
    table = response.context["table"]
    queryset = table.data.data
    listed = set(queryset.values_list("pk", flat=True))
    outside = listed - in_scope(queryset.model, user)
    assert not outside, f"{queryset.model.__name__} rows out of scope: {sorted(outside)}"
    assert table.paginator.count == len(listed), "the stated total is the rows listed"
    if response.context.get("can_export"):
        assert export.status_code == 200
        rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
        assert len(rows) - 1 == len(listed), "the export holds the same rows as the page"
    return len(listed)


def check_api(client, url, user, model):
    listed, page_url, stated = [], url + "?page_size=500", None
    while page_url:
        response = client.get(page_url)
        if response.status_code != 200:
            return None
        body = response.json()
        stated = body["count"]
        listed.extend(row["id"] for row in body["results"])
        page_url = body["next"]
    outside = set(listed) - in_scope(model, user)
    assert not outside, f"{model.__name__} rows out of scope: {sorted(outside)}"
    assert stated == len(listed) == len(set(listed)), "count is the rows listed, each once"
    return len(listed)


def probe(kind, world, client_as):
    """Every list of this kind as every role, on one world; the failures of all of them together."""
    clients = {role: client_as(role) for role in SIGNED_IN if role in world.users}
    failures, probed = [], 0
    for route, route_kind in (param.values for param in LIST_ROUTES):
        if route_kind != kind:
            continue
        probed += 1
        url = reverse(route.name) + route.query
        seen = {}
        try:
            for role, client in clients.items():
                user = world.users[role]
                if kind == "page":
                    seen[role] = check_page(client, url, user)
                else:
                    model = resolve(reverse(route.name)).func.cls.queryset.model
                    seen[role] = check_api(client, url, user, model)
        except AssertionError as error:
            failures.append(f"{route.name} as {role}: {error}")
            continue
        if not any(seen.values()) and route.name not in EMPTY_IN_THE_WORLD:
            failures.append(f"{route.name}: no role saw a row, so the check proved nothing: {seen}")
    assert not failures, "\n".join(failures)
    return probed


def test_list_pages_and_their_exports_hold_only_rows_in_scope(world, client_as):
    assert probe("page", world, client_as) > 25


def test_api_lists_hold_only_rows_in_scope_and_count_no_more(world, client_as):
    assert probe("api", world, client_as) > 25
