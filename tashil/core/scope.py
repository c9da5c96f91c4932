"""The one scope helper. Every view, export and API endpoint fetches through it.

A user holds memberships (role + level + place, and an agency or unit where the role needs one). A model
says which roles may do which actions on it (``role_actions``) and how a membership narrows its rows, by
declaration, read by ``declared_q`` (``BaseModel.scope_filter``): ``scope_county_path`` leads to the row's
county, ``scope_place_paths`` to the province and county of a row at a level of its own (a province's agency);
``scope_owner_path`` to the user whose row it is; ``scope_unit_path``, ``scope_agency_path`` and
``scope_centre_path`` to the unit, agency or clinic centre that a representative, an agency officer or a clinic
expert sees through; ``scope_parent`` to the object whose scope a part shares. A model overrides
``scope_filter`` only for a rule no declaration says (listed in docs/architecture.md and held to that list by
core/tests/test_scope_overrides.py). ``restrict`` ORs the filters of the user's memberships; an object outside
them answers 404, an object in sight but not open to the action 403.

What is internal is declared once per model and read here too: ``internal_flag`` names the boolean field
that makes a row internal (an internal attachment or comment), kept from the roles in
``internal_hidden_from`` by ``restrict`` itself; ``internal_fields`` are fields of a row they may see
but not read (a unit's internal notes), which ``sees_internal`` tells every rendering to leave out.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import get_language

from . import person
from .choices import Role, ScopeLevel

NOTHING = Q(pk__in=[])


def memberships(user):
    """The user's active memberships: from the person's cache entry (``core/person.py``), read once per request
    and computed once per version of the person (a membership saved or deleted makes a new version)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return person.part(user, "memberships")


def load_memberships(user):
    # One plain query: scope needs only the memberships' own columns (role, level and the places' ids).
    # Their place, agency, unit or centre is read when shown (the top bar's line is a part of its own).
    # Ordered by role, not by the model's ("user", "role"), which would join the user to sort by their name.
    return list(user.memberships.filter(is_active=True).order_by("role", "pk"))


def load_description(user):
    return "، ".join(str(m) for m in load_memberships(user))


person.register("memberships", load_memberships)


def forget(user):
    """Read the user's memberships again on this user object (after changing them in the same request or test)."""
    person.forget(user)


def geographic_q(path, membership):
    """Rows whose county (reached through ``path``) lies in the membership's place; Q() is everything."""
    if path is None or membership.level == ScopeLevel.NATION:
        return Q()
    if path == "":  # the model is County itself
        if membership.level == ScopeLevel.PROVINCE:
            return Q(province_id=membership.province_id)
        return Q(pk=membership.county_id)
    if membership.level == ScopeLevel.PROVINCE:
        return Q(**{f"{path}__province_id": membership.province_id})
    return Q(**{f"{path}_id": membership.county_id})


# The roles tied to one unit, agency or clinic centre: the declaration that leads to it, and the membership's id of it.
ROLE_PATHS = {
    Role.UNIT_REP: ("scope_unit_path", "unit_id"),
    Role.AGENCY_OFFICER: ("scope_agency_path", "agency_id"),
    Role.CLINIC_EXPERT: ("scope_centre_path", "centre_id"),
}


def path_q(model, path, value):
    """Rows of ``model`` whose ``path`` leads to the object ``value`` (a pk). A step through a one-to-many
    relation (an obstacle's referrals) becomes a subquery of the related rows, so no row is listed twice."""
    parts = path.split("__")
    current = model
    for index, part in enumerate(parts):
        if part == "pk":
            break
        field = current._meta.get_field(part)
        if field.one_to_many:
            rest = "__".join(parts[index + 1 :]) or "pk"
            rows = field.related_model._default_manager.filter(path_q(field.related_model, rest, value))
            prefix = "__".join(parts[:index]) or "pk"
            return Q(**{f"{prefix}__in": rows.order_by().values(field.field.attname)})
        current = field.related_model
    return Q(**{path: value})


def parent_model(model, path):
    """The model ``path`` (forward relations) leads to from ``model``."""
    for part in path.split("__"):
        model = model._meta.get_field(part).related_model
    return model


def place_q(model, membership, action):
    """Rows at a level of their own (``scope_place_paths``): every row for the nation, the rows of a province for
    it, those of a county for it, and for the actions of ``scope_province_rows_for_counties`` the province's own
    rows (no county) for a county too."""
    province_path, county_path = model.scope_place_paths
    if membership.level == ScopeLevel.NATION:
        return Q()
    if membership.level == ScopeLevel.PROVINCE:
        return Q(**{f"{province_path}_id": membership.province_id})
    q = Q(**{f"{county_path}_id": membership.county_id})
    if action in model.scope_province_rows_for_counties:
        q |= Q(**{f"{province_path}_id": membership.province_id, f"{county_path}__isnull": True})
    return q


def parent_q(model, membership, action):
    """A part (``scope_parent``) is where its parent is: the parent's rule, for ``scope_parent_action`` when the
    part is written. A part of one of several kinds of parent is where the parent it has is."""
    parent_action = action if action == "view" else (model.scope_parent_action or action)
    if isinstance(model.scope_parent, str):
        parent = parent_model(model, model.scope_parent)
        q = parent.scope_filter(membership, parent_action)
        if q is None or not q:
            return q
        return Q(**{f"{model.scope_parent}__in": parent._default_manager.filter(q)})
    combined = None
    for path in model.scope_parent:
        parent = parent_model(model, path)
        q = parent.scope_filter(membership, parent_action)
        if q is None:
            continue
        q = Q(**{f"{path}__in": parent._default_manager.filter(q)}) if q else Q(**{f"{path}__isnull": False})
        combined = q if combined is None else combined | q
    return combined


def declared_q(model, membership, action):
    """The rows of ``model`` a membership may ``action``, read from the model's declarations: None for none,
    Q() for all. A part (``scope_parent``) is where its parent is; an owned row (``scope_owner_path``) is its
    owner's; a representative, an agency officer or a clinic expert sees through their unit, agency or centre
    where the model declares the path to it, and by place like the other roles where it does not: the row's
    own level (``scope_place_paths``) or its county's (``scope_county_path``)."""
    if action not in allowed_actions(model, membership.role):
        return None
    if action in model.scope_all_rows_actions:
        return Q()
    if model.scope_parent:
        return parent_q(model, membership, action)
    if model.scope_owner_path:
        return Q(**{f"{model.scope_owner_path}_id": membership.user_id})
    declaration, own = ROLE_PATHS.get(membership.role, (None, None))
    paths = getattr(model, declaration) if declaration else None
    if paths is not None:
        value = getattr(membership, own)
        if not value:
            return NOTHING
        combined = None
        for path in (paths,) if isinstance(paths, str) else paths:
            q = path_q(model, path, value)
            combined = q if combined is None else combined | q
        return combined
    if model.scope_place_paths:
        return place_q(model, membership, action)
    return geographic_q(model.scope_county_path, membership)


def allowed_actions(model, role):
    return model.role_actions.get(role, frozenset())


def scope_q(model, user, action="view", roles=None):
    """The filter that limits ``model`` to what ``user`` may ``action`` (through the memberships of ``roles``
    when given); None when nothing at all."""
    if user.is_superuser:
        return Q()
    combined = None
    for membership in memberships(user):
        if roles is not None and membership.role not in roles:
            continue
        q = model.scope_filter(membership, action)
        if q is None:
            continue
        if getattr(model, "internal_flag", None) and membership.role in model.internal_hidden_from:
            q &= Q(**{model.internal_flag: False})
        if not q:  # Q() — unrestricted
            return Q()
        combined = q if combined is None else combined | q
    return combined


def restrict(queryset, user, action="view"):
    """``queryset`` narrowed to the rows ``user`` may ``action``."""
    return narrowed(queryset, user_q(queryset.model, user, action))


def user_q(model, user, action="view"):
    """``scope_q`` for a signed-in user; None (nothing) for anyone else."""
    return scope_q(model, user, action) if getattr(user, "is_authenticated", False) else None


def narrowed(queryset, q):
    """``queryset`` kept to the rows of ``q``, a filter of ``user_q``'s kind (None: none, Q(): all)."""
    if q is None:
        return queryset.none()
    return queryset.filter(q) if q else queryset


def prefetch(user, lookup, queryset, action="view"):
    """A ``Prefetch`` of a parent's children kept to those the user may ``action``: a page, tab or API that
    lists a parent's children lists them through the helper too, never through the plain related manager."""
    return Prefetch(lookup, queryset=restrict(queryset, user, action))


def can(user, model, action="view"):
    """Whether the user may ``action`` at least some objects of ``model`` (menus, add buttons)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return roles_can({m.role for m in memberships(user)}, model, action)


def roles_can(roles, model, action="view"):
    """Whether any of ``roles`` may ``action`` at least some objects of ``model``."""
    return any(action in allowed_actions(model, role) for role in roles)


def can_object(user, obj, action):
    """Whether the user may ``action`` this object now: not when it is locked against the action, whoever asks."""
    return not locked_reason(obj, action) and reaches(user, obj, action)


def reaches(user, obj, action):
    """Whether the object lies in what the user's roles may ``action`` (scope and role, not the object's state):
    the check after a save that the result has not left the user's scope."""
    if not can(user, type(obj), action):
        return False
    q = scope_q(type(obj), user, action)
    if q is None:
        return False
    if not q:  # every row (a nation-wide role): nothing to ask the database of a saved row
        return obj.pk is not None
    return row_matches(user, type(obj), obj.pk, q)


def row_matches(user, model, pk, q):
    """Whether the row ``pk`` of ``model`` matches ``q``. In a request that only reads (GET, HEAD: nothing moves a
    row out of scope meanwhile) the same question about the same row is asked of the database once: an object's
    page asks it for its edit and delete buttons, its tabs and its actions, with the same filter for each."""
    asked, key = rows_matched(), (model._meta.label, pk, q)
    if pk is None or key not in asked:
        asked[key] = model._default_manager.filter(q, pk=pk).exists()
    return asked[key]


def match_rows(model, pks, q):
    """``row_matches`` asked of many rows in one query (a page of a list about to ask it of each row): the answers
    are kept in the request's memory, where the per-row questions then find them."""
    asked = rows_matched()
    label = model._meta.label
    todo = [pk for pk in pks if pk is not None and (label, pk, q) not in asked]
    if not todo:
        return
    matching = set(model._default_manager.filter(q, pk__in=todo).values_list("pk", flat=True))
    for pk in todo:
        asked[(label, pk, q)] = pk in matching


def rows_matched():
    """What this read-only request has learnt of which rows match which filter; a request that may write (or no
    request) learns nothing: a throwaway dict, so a row's move out of scope is never answered from memory."""
    from .routers import ROWS_MATCHED

    asked = ROWS_MATCHED.get()
    return {} if asked is None else asked


def sees_internal(user, model, pk=None):
    """Whether the user may read the ``internal_fields`` of the ``model`` row ``pk`` (of a new row when None).

    Through a membership whose role is not in ``internal_hidden_from`` that has the row in scope: a unit's
    representative who is also a secretariat elsewhere reads the notes only of the units of that place."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    roles = {m.role for m in memberships(user)}
    seeing = roles - model.internal_hidden_from
    if not seeing:
        return False
    if pk is None or seeing == roles:
        return True
    q = scope_q(model, user, "view", roles=seeing)
    return q is not None and (not q or row_matches(user, model, pk, q))


def hidden_fields(user, obj):
    """The fields of ``obj`` the user may not read (``fields_hidden``)."""
    return fields_hidden(user, type(obj), obj.pk)


def fields_hidden(user, model, pk):
    """The fields of the ``model`` row ``pk`` (a new row when None) the user may not read: its ``internal_fields``
    unless they see its internal side, and those the model's own rule keeps from them (``fields_hidden_from``:
    a unit's agency identifiers, each read by its agency and the headquarters)."""
    internal = getattr(model, "internal_fields", ())
    hidden = () if not internal or sees_internal(user, model, pk) else tuple(internal)
    declared = getattr(model, "fields_hidden_from", None)
    return hidden + tuple(declared(user, pk)) if declared else hidden


# What a lock refuses of a model that declares no ``lock_follow_ups``: editing and deleting the object itself, on
# every route. A model that declares them (approved minutes and their parts) has its lock refuse every action but
# "view" and those: its follow-up (amending approved minutes, carrying their open items) is declared, not implied.
LOCKED_ACTIONS = frozenset({"change", "delete"})


def locked_reason(obj, action):
    """Why ``obj`` refuses ``action`` whoever asks (``BaseModel.locked_reason``), or None."""
    declared = getattr(obj, "locked_reason", None)
    if action == "view" or obj.pk is None or declared is None:
        return None
    follow_ups = getattr(obj, "lock_follow_ups", None)
    refused = action in LOCKED_ACTIONS if follow_ups is None else action not in follow_ups
    return declared() if refused else None


def whole_locked_reason(model, user, pk):
    """Why the whole a part of ``model`` would join (its ``lock_parent``, the row ``pk`` if the user sees it) is
    locked, or None: a page refuses a part named into approved minutes before it reads the rest of the form."""
    parent = getattr(model, "lock_parent", None)
    if parent is None or not str(pk or "").isdigit():
        return None
    parent_model = model._meta.get_field(parent).related_model
    whole = restrict(parent_model._default_manager.filter(pk=int(pk)), user).first()
    return locked_reason(whole, "change") if whole is not None else None


def refuse_if_locked(obj, action):
    """403 with the reason when ``obj`` is locked against ``action``: the same answer for every role and route."""
    reason = locked_reason(obj, action)
    if reason:
        raise PermissionDenied(reason)


def get_object_or_404(queryset, user, action="view", **lookup):
    """The object by ``lookup`` if the user may see it (else 404), and may ``action`` it (else 403). A locked object
    refuses what its lock refuses (an edit, a delete; any action but its declared follow-up) with its reason, the
    same to every role that sees it, on every route that fetches it for the action (pages, actions, bulk actions)."""
    if hasattr(queryset, "_default_manager"):
        queryset = queryset._default_manager.all()
    q = user_q(queryset.model, user)
    try:
        obj = narrowed(queryset, q).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    if q:  # found through the view filter: the page's later questions with it (its buttons, tabs) are answered
        rows_matched()[(queryset.model._meta.label, obj.pk, q)] = True
    refuse_if_locked(obj, action)
    if action != "view" and not reaches(user, obj, action):
        raise PermissionDenied
    return obj


def county_model():
    """The county model (settings.TASHIL_COUNTY_MODEL): core narrows to counties without importing their app."""
    return apps.get_model(settings.TASHIL_COUNTY_MODEL)


def counties_in_scope(user, model=None, action="view"):
    """The counties the user works in (where a role of theirs may ``action`` ``model``), for forms and filters."""
    counties = county_model().objects.select_related("province")
    if not getattr(user, "is_authenticated", False):
        return counties.none()
    if user.is_superuser:
        return counties
    combined = None
    for membership in memberships(user):
        if model is not None and action not in allowed_actions(model, membership.role):
            continue
        q = geographic_q("", membership)
        if not q:
            return counties
        combined = q if combined is None else combined | q
    return counties.filter(combined) if combined is not None else counties.none()


def single_county_id(user):
    """The one county all of the user's roles are in, when they work in exactly one (most staff of a county,
    an agency officer, a unit's representative); None otherwise. From the memberships, without a query."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    places = {(m.level, m.county_id) for m in memberships(user)}
    if len(places) == 1:
        level, county_id = places.pop()
        if level == ScopeLevel.COUNTY and county_id:
            return county_id
    return None


def describe(user):
    """A short Persian line for the top bar: role and place of each membership. Kept in the person's entry per
    language (a signed-in person may open the public site in English)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return person.remember(user, f"scope_line:{get_language()}", lambda: load_description(user))
