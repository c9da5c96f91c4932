"""The API fuzzed from its own OpenAPI schema (schemathesis): whatever a caller sends, no server error, and
every refusal (4xx) says why in a readable message."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tashil.accounts.models import ApiToken

raw = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(raw, default=str)))
schema.app = get_wsgi_application()
schema.location = "/api/schema/"

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]


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


@pytest.fixture
def token(world):
    """A caller's token; and, as Django's own test client does, requests do not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield ApiToken.issue(world.users["secretariat"])[1]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_server_error_and_every_refusal_explained(token):
    """Every operation of the schema, a few generated calls each, against one world (built once: a world
    per operation would take minutes)."""
    failures, calls, operations = [], [], 0
    for result in schema.get_all_operations():
        operations += 1
        operation = result.ok()

        @settings(
            max_examples=3, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call(headers={"Authorization": f"Token {token}"})
            calls.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])
            if 400 <= response.status_code < 500 and response.status_code not in (404, 405):
                assert message_of(response.json()).strip(), f"{response.status_code} without a message"

        try:
            call()
        except Exception as error:  # collect every operation's failure, not just the first
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:300]}")
    assert not failures, "\n".join(failures)
    assert operations > 150 and len(calls) >= 2 * operations, "every operation was called"
    assert any(code < 300 for code in calls) and any(400 <= code < 500 for code in calls), "accepted and refused"
