"""Rows saved before ``DigitsCharField`` may hold Persian or Arabic-Indic digits («غرفه ۱۲», «۰۹۱۲…»): each app's
data migration folds them to Latin ones here, as the field stores them since, so «۱» and «1» are one value.

A row whose folded value would break a uniqueness rule (booth «۱» beside booth «1» of the same exhibition; a
licence number typed twice in two scripts) is not merged into the other: that field keeps its value, and the
row is reported (logged, and returned) for someone to settle by hand. Its other fields are folded all the same.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q

from .persian import fold_digits

logger = logging.getLogger("tashil.migrations")

# The digits that are not Latin: Persian ۰-۹ and Arabic-Indic ٠-٩.
NON_LATIN_DIGIT = r"[۰-۹٠-٩]"


def fold_stored_digits(model, fields):
    """Fold the digits of ``fields`` in every row of ``model`` (a historical model) that holds other digits.

    Returns the collisions left as they were, as ``(pk, field, value)``."""
    holding = Q()
    for name in fields:
        holding |= Q(**{f"{name}__regex": NON_LATIN_DIGIT})
    collisions = []
    # Read first, then write: SQLite does not isolate a cursor still open from writes to its own table.
    rows = list(model.objects.filter(holding).values_list("pk", *fields).order_by("pk"))
    for pk, *values in rows:
        stored = dict(zip(fields, values, strict=True))
        changes = {name: fold_digits(value) for name, value in stored.items() if value}
        changes = {name: value for name, value in changes.items() if value != stored[name]}
        if _update(model, pk, changes):
            continue
        # One of them collides: fold each on its own, so only the colliding one is left.
        for name, value in changes.items():
            if not _update(model, pk, {name: value}):
                collisions.append((pk, name, stored[name]))
                logger.warning(
                    "%s %s: %s «%s» was left as it is: written with Latin digits it is another row's value; "
                    "settle it by hand.",
                    model._meta.label,
                    pk,
                    name,
                    stored[name],
                )
    return collisions


def _update(model, pk, changes):
    """Save ``changes`` to one row in a savepoint; False when a uniqueness rule refuses them."""
    try:
        with transaction.atomic():
            model.objects.filter(pk=pk).update(**changes)
    except IntegrityError:
        return False
    return True


def fold_digits_of(label, *fields):
    """A ``RunPython`` forward function folding ``fields`` of the model ``label`` ("catalog.Booth")."""

    def forward(apps, schema_editor):
        fold_stored_digits(apps.get_model(label), fields)

    forward.label, forward.fields = label, fields
    return forward
