"""The URL × role permission matrix. Each app lists its routes in ``tests/routes.py`` as ``ROUTES``.

A route names a URL, how to build its arguments from the world, and the status each role must get.
``core/tests/test_permission_matrix.py`` checks every route for every role, and fails when a URL of the
project has no route at all, so a new page cannot ship without its permissions being stated.
"""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

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

    def url_kwargs(self, world):
        kwargs = dict(self.kwargs)
        if self.obj:
            target = world
            for part in self.obj.split("."):
                target = getattr(target, part) if not isinstance(target, dict) else target[part]
            kwargs["pk"] = target.pk
        return kwargs


def project_url_names():
    """Every named URL of the project's own apps and API, as namespace:name."""
    names = set()

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
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return names
