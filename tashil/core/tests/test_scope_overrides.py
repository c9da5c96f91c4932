"""Scope rules are declared on the model and read once, in core (``scope.declared_q``); a model overrides
``scope_filter`` only for a rule no declaration says. These are those models, each with why: a new override
fails here until it is listed (and in docs/architecture.md) or its rule is declared instead.

The declared shapes: a path to the row's county (``scope_county_path``), the row's own level
(``scope_place_paths``: a province's agency has no county), its owner (``scope_owner_path``), the unit, agency or
centre a role sees through, a parent (``scope_parent``, one or several kinds), actions open on every row
(``scope_all_rows_actions``). A rule of one of these shapes is declared, not written.
"""

from django.apps import apps

from tashil.core import scope
from tashil.core.models import BaseModel

# model: why its rule is no declaration (the first line of its override's docstring says the same).
OVERRIDES = {
    "core.Holiday": "a secretariat confirms only at the nation's level: the membership's level decides an action",
    "core.SavedView": "a shared view is also seen by those holding the owner's role in the owner's place",
    "accounts.User": "a person is where any of their memberships is, and is changed only where all of them are",
    "accounts.Invitation": "an officer has the invitations of their agency's officers only while managing it",
    "units.PeriodicReport": "an approved report refuses its representative's changes: a state narrows one role",
    "units.ImportJob": "ownership with one role excepted: an administrator reaches every import",
    "obstacles.Referral": "not a rule but a query plan: a county's referrals found from its obstacles",
    "obstacles.ObstacleEvent": "an officer sees the entries of no referral or of their agency's: a row condition",
    "meetings.Meeting": "a clinic expert sees one kind of meeting (clinic committees): a row condition",
    "letters.Letter": "an officer reads only issued letters sent or copied to the agency: a row's state",
}


def scoped_models():
    return [model for model in apps.get_models() if issubclass(model, BaseModel)]


def override_of(model):
    """The class below BaseModel that defines ``scope_filter`` for ``model``, or None."""
    for klass in model.__mro__:
        if klass is BaseModel:
            return None
        if "scope_filter" in vars(klass):
            return klass
    return None


def test_only_the_listed_models_override_scope_filter():
    overriding = {model._meta.label for model in scoped_models() if override_of(model)}
    unlisted = sorted(overriding - set(OVERRIDES))
    assert not unlisted, (
        f"{unlisted} override scope_filter: declare the rule (scope_county_path, scope_place_paths, "
        "scope_owner_path, scope_unit/agency/centre_path, scope_parent, scope_all_rows_actions), or, if no "
        "declaration says it, list the model in OVERRIDES and in docs/architecture.md with why"
    )
    gone = sorted(set(OVERRIDES) - overriding)
    assert not gone, f"{gone} no longer override scope_filter: take them off OVERRIDES and docs/architecture.md"


def test_each_override_says_in_its_first_line_why_it_is_no_declaration():
    wrong = []
    for label in OVERRIDES:
        method = vars(override_of(apps.get_model(label)))["scope_filter"].__func__
        if not (method.__doc__ or "").startswith("Not "):
            wrong.append(label)
    assert not wrong, f"{wrong}: the docstring's first line says why the rule is not declared ('Not a path: …')"


def test_the_declarations_lead_where_they_say():
    """A place is a province and a county; an owner is a user; a part's parents are scoped models."""
    county = scope.county_model()
    province = county._meta.get_field("province").related_model
    user = apps.get_model("accounts.User")
    wrong = []
    for model in scoped_models():
        label = model._meta.label
        if model.scope_place_paths:
            province_path, county_path = model.scope_place_paths
            if model.scope_county_path is not None:
                wrong.append(f"{label}: scope_place_paths or scope_county_path, not both")
            if scope.parent_model(model, province_path) is not province:
                wrong.append(f"{label}: {province_path} does not lead to a province")
            if scope.parent_model(model, county_path) is not county:
                wrong.append(f"{label}: {county_path} does not lead to a county")
        elif model.scope_province_rows_for_counties:
            wrong.append(f"{label}: scope_province_rows_for_counties without scope_place_paths")
        if model.scope_owner_path and scope.parent_model(model, model.scope_owner_path) is not user:
            wrong.append(f"{label}: {model.scope_owner_path} does not lead to a user")
        parents = (model.scope_parent,) if isinstance(model.scope_parent, str) else model.scope_parent or ()
        for path in parents:
            if not issubclass(scope.parent_model(model, path), BaseModel):
                wrong.append(f"{label}: its parent {path} is not a scoped model")
    assert not wrong, "\n  ".join(wrong)
