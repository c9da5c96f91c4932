"""The URL × role × state permission matrix. Each app lists its routes in ``tests/routes.py`` as ``ROUTES``.

A route names a URL, how to build its arguments from the world, and the status each role must get; a route
with a ``state`` is checked with its object in that state (approved minutes, a closed obstacle), reached
through the pages first. ``core/tests/test_permission_matrix.py`` checks every route for every role, and fails
when a URL of the project has no route at all, so a new page cannot ship without its permissions being stated.
"""

from dataclasses import dataclass, field, replace

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .roles import ROLES

OK, LOGIN, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 401, 403, 404, 405

STAFF = (
    "admin",
    "secretariat",
    "secretariat_b",
    "province_secretariat",
    "manager",
    "manager_b",
    "nation_manager",
    "agency_officer",
    "agency_officer_b",
    "clinic_expert",
)
UNIT_REPS = ("unit_rep", "unit_rep_b")
SIGNED_IN = STAFF + UNIT_REPS
# Roles that see county A's objects by place.
# Who sees county A's objects by place, and who may edit them.
SEES_A = (
    "admin",
    "secretariat",
    "province_secretariat",
    "manager",
    "nation_manager",
    "agency_officer",
    "clinic_expert",
)
EDITS_A = ("admin", "secretariat", "province_secretariat")
SECRETARIATS = ("admin", "secretariat", "secretariat_b", "province_secretariat")
OUTSIDE_A = ("secretariat_b", "manager_b", "agency_officer_b")


def codes(default=FORBIDDEN, *, ok=(), not_found=(), forbidden=(), anonymous=LOGIN):
    """A role → status mapping: ``default`` for every signed-in role not named in a group."""
    result = {role: default for role in ROLES}
    result["anonymous"] = anonymous
    for roles, status in ((ok, OK), (not_found, NOT_FOUND), (forbidden, FORBIDDEN)):
        for role in roles:
            result[role] = status
    return result


def api(mapping, refused=()):
    """The same expectations through the API, where an anonymous caller gets 401 instead of a login page,
    and ``refused`` roles (those that may not use the endpoint at all) get 403 whatever the object."""
    return {**mapping, **{role: FORBIDDEN for role in refused}, "anonymous": UNAUTHORIZED}


def everyone(status):
    return {role: status for role in ROLES}


@dataclass
class Route:
    name: str
    expect: dict
    obj: str | None = None
    kwargs: dict = field(default_factory=dict)
    method: str = "get"
    query: str = ""
    # A function of the world that puts ``obj`` into a state before the route is checked (see ``locked``).
    state: object = None

    def target(self, world):
        target = world
        for part in self.obj.split("."):
            target = getattr(target, part) if not isinstance(target, dict) else target[part]
        return target

    def url_kwargs(self, world):
        kwargs = dict(self.kwargs)
        if self.obj:
            kwargs["pk"] = self.target(world).pk
        return kwargs

    @property
    def id(self):
        state = f"-{self.state.__name__}" if self.state else ""
        method = f"-{self.method}" if self.method != "get" else ""
        return f"{self.name}{method}{state}"


def locked(state, routes):
    """The write routes of an object again, with the object locked by ``state``: its edit and delete pages by GET
    and POST, its API detail by PUT, PATCH and DELETE. Each answers 403, with the lock's reason, to every role
    that sees the object (and 404 out of its scope, as before): see ``locked_page`` and ``locked_api``."""
    found = []
    for route in routes:
        methods = ("put", "patch", "delete") if route.name.startswith("api:") else ("get", "post")
        found.extend(replace(route, method=method, state=state) for method in methods)
    return found


def locked_page(seen_by):
    """A locked object's edit or delete page: 403 to the roles that see it, whatever their role may do."""
    return codes(NOT_FOUND, forbidden=seen_by)


def locked_api(writers_elsewhere):
    """A locked object through the API: 403 to every role (those that may not write the model at all are refused
    before the object is read), 404 to the roles that may write it but not in its place."""
    return api(codes(FORBIDDEN, not_found=writers_elsewhere))


def post_as(world, role, name, data=None, **kwargs):
    """Send a page's form as ``role`` would, to reach a state (a state is reached the way a user reaches it)."""
    client = Client()
    client.force_login(world.users[role])
    response = client.post(reverse(name, kwargs=kwargs or None), data or {})
    assert response.status_code in (200, 302), f"{name}: {response.status_code}"
    return response


def project_url_patterns():
    """Every named URL pattern of the project's own apps and API (the admin aside), as (namespace:name, pattern):
    the pattern's ``callback`` tells its view (``view_class``; an API route's ``cls`` and ``actions``)."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = pattern.namespace or namespace
                if namespace and pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern))

    walk(get_resolver().url_patterns, "")
    return found


def project_url_names():
    """Every named URL of the project's own apps and API, as namespace:name."""
    return {name for name, _ in project_url_patterns()}
