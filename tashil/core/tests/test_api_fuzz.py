"""The API fuzzed from its own OpenAPI schema (schemathesis): every operation and method, as a secretariat, an
agency officer and a unit representative; whatever a caller sends, no server error, every refusal (4xx) says
why in a readable message, and what an operation answers as success matches its schema.

Bounded so that it runs in `make test` on SQLite and PostgreSQL in a few minutes: a handful of cases per
operation, each in a transaction rolled back afterwards, so every case meets the same world (a DELETE that
succeeds does not leave the next case a 404)."""

import json
import re
import time
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance

from tashil.accounts.models import ApiToken

raw = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(raw, default=str)))
schema.app = get_wsgi_application()
schema.location = "/api/schema/"

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

# Cases per operation and generation mode (schema-valid and schema-invalid data).
EXAMPLES = 8
ROLES = ("secretariat", "agency_officer", "unit_rep")
JSON = "application/json"
PERSIAN = re.compile("[\u0600-\u06ff]")


def message_of(body):
    """The human text of an error body: DRF's detail, or the first field's first message."""
    if isinstance(body, dict):
        if body.get("detail"):
            return str(body["detail"])
        for value in body.values():
            text = message_of(value)
            if text:
                return text
    if isinstance(body, list) and body:
        return message_of(body[0])
    if isinstance(body, str):
        return body
    return ""


@contextmanager
def same_connection():
    """As Django's own test client does, requests do not close the test's connection (entered after the
    test client's last request: it connects Django's handler again when it has answered)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def model_of(path):
    """The model behind an operation's path (its viewset's queryset), or None for a view without one."""
    view = resolve(path.replace("{id}", "1")).func
    queryset = getattr(getattr(view, "cls", None), "queryset", None)
    return queryset.model if queryset is not None else None


def existing_ids(path):
    """Ids of rows of the operation's model, in and out of the caller's scope: a random id is only ever a 404."""
    model = model_of(path)
    return list(model.objects.order_by("pk").values_list("pk", flat=True)[:10]) if model else []


def valid_bodies(headers):
    """What each collection answers the caller, by path: an object's own representation is a valid body for
    a create or an update, so a fuzzed field in it meets the model's validation rather than a missing field."""
    bodies = {}
    api = Client(HTTP_AUTHORIZATION=headers["Authorization"])
    for path, operations in raw["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        response = api.get(path)
        data = response.json() if response.status_code == 200 else None
        rows = data.get("results") if isinstance(data, dict) else data
        if rows and isinstance(rows, list) and isinstance(rows[0], dict):
            bodies[path] = {key: value for key, value in rows[0].items() if key not in ("id", "url")}
    return bodies


def fuzz_operation(operation, headers, bodies, calls):
    """A few generated calls of one operation; raises on the first server error or unexplained refusal."""
    modes = [operation.as_strategy(generation_mode=GenerationMode.POSITIVE)]
    if operation.method.upper() != "GET" or operation.path_parameters or operation.query:
        modes.append(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    ids = existing_ids(operation.path) if "{id}" in operation.path else []
    collection = operation.path.split("{id}")[0]
    # A create or an update starts from an object's representation; an action (/close/, /refer/) has its own body.
    is_action = operation.path.count("/") > collection.count("/") + 1
    base = None if is_action else bodies.get(collection)

    @settings(
        max_examples=EXAMPLES * len(modes),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],  # a failure is reported as found, with its curl line: no shrinking
    )
    @given(case=st.one_of(modes), data=st.data())
    def call(case, data):
        if ids and data.draw(st.booleans()):
            case.path_parameters = {**(case.path_parameters or {}), "id": data.draw(st.sampled_from(ids))}
        if base and case.media_type == JSON and isinstance(case.body, dict) and data.draw(st.booleans()):
            case.body = {**base, **case.body}
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        calls.append(response.status_code)
        case.validate_response(response, checks=[not_a_server_error, content_type_conformance])
        if 400 <= response.status_code < 500:
            # A path the URL patterns do not match (an id that is not a number) is Django's Persian 404 page.
            json_body = response.headers.get("content-type", [""])[0].startswith(JSON)
            message = message_of(response.json()) if json_body else response.text
            assert PERSIAN.search(message), f"{response.status_code} without a Persian message: {message!r}"

    call()


@pytest.mark.parametrize("role", ROLES)
def test_no_server_error_and_every_refusal_explained(world, role):
    """Every operation of the schema, every method, as this role, against one world (a world per operation
    would take minutes)."""
    headers = {"Authorization": f"Token {ApiToken.issue(world.users[role])[1]}"}
    bodies = valid_bodies(headers)
    failures, calls, operations = [], [], 0
    started = time.monotonic()
    with same_connection():
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            try:
                fuzz_operation(operation, headers, bodies, calls)
            except (Exception, FailureGroup) as error:  # collect every operation's failure, not just the first
                failures.append(f"{operation.method.upper()} {operation.path}: {describe(error)}")
    print(f"{role}: {operations} operations, {len(calls)} calls, {time.monotonic() - started:.0f} s")
    assert not failures, f"{len(failures)} operations failed:\n" + "\n".join(failures)
    assert operations == len(schema_operations()), "every operation was called"
    assert len(calls) >= 2 * operations
    assert any(code < 300 for code in calls) and any(400 <= code < 500 for code in calls), "accepted and refused"


def describe(error):
    """One failure in a few lines: each distinct problem schemathesis found, or the assertion's text."""
    problems = getattr(error, "exceptions", None) or [error]
    return " | ".join(str(problem).strip().replace("\n", " ")[:400] for problem in problems)


def schema_operations():
    methods = ("get", "post", "put", "patch", "delete")
    return [(path, method) for path, item in raw["paths"].items() for method in item if method in methods]
