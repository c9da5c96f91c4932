"""Every URL of the project × every role of the world: the status each must get. See core/testing/matrix.py."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from tashil.core.testing.matrix import project_url_names


def all_routes():
    routes = []
    for config in apps.get_app_configs():
        if not config.name.startswith("tashil."):
            continue
        try:
            module = import_module(f"{config.name}.tests.routes")
        except ModuleNotFoundError:
            continue
        routes.extend(module.ROUTES)
    return routes


ROUTES = all_routes()


def test_every_url_has_a_route_in_the_matrix():
    listed = {route.name for route in ROUTES}
    missing = sorted(project_url_names() - listed)
    assert not missing, f"URLs without a permission-matrix entry (add them to <app>/tests/routes.py): {missing}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_route_answers_each_role_as_expected(route, world, client_as):
    if route.state is not None:
        route.state(world)
        target = route.target(world)
        target.refresh_from_db()
        assert target.locked_reason(), f"{route.id}: {route.state.__name__} did not lock {target}"
    url = reverse(route.name, kwargs=route.url_kwargs(world) or None) + route.query
    wrong = []
    for role, expected in route.expect.items():
        if role != "anonymous" and role not in world.users:
            continue
        response = getattr(client_as(role), route.method)(url)
        if response.status_code != expected:
            wrong.append(f"{role}: expected {expected}, got {response.status_code}")
    assert not wrong, f"{route.name} ({url}):\n  " + "\n  ".join(wrong)
