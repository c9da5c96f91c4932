"""Closures of a province or a county, one function per event: record (or correct) one, remove one.

A closure changes the calendar of the agencies of its place, so deadlines already running there move: the
apps that keep deadlines register a hook (``after_closures_changed``) from their ``AppConfig.ready()`` — geo
imports none of them — and each event calls the hooks in its transaction with what changed.
"""

from dataclasses import dataclass, field

from django.db import transaction

from . import calendar

_hooks = []


@dataclass(frozen=True)
class ClosureDay:
    """One day a place was closed (county_id None: the whole province)."""

    date: object
    province_id: int
    county_id: int | None
    reason: str = ""
    place: str = ""  # «استان …» or «شهرستان …», for the notes the change leaves


@dataclass
class ClosuresChanged:
    """What one event did: the days that became closed, and the days that no longer are."""

    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    user: object = None


def after_closures_changed(hook):
    """Register ``hook(ClosuresChanged)``, called inside the event's transaction after the calendar changed."""
    _hooks.append(hook)


def day_of(closure):
    return ClosureDay(closure.date, closure.province_id, closure.county_id, closure.reason, str(closure.place))


def _changed(change):
    for day in (*change.added, *change.removed):
        calendar.forget(day.province_id, day.county_id)
        transaction.on_commit(lambda day=day: calendar.forget(day.province_id, day.county_id))
    for hook in _hooks:
        hook(change)


@transaction.atomic
def save_closure(closure, user=None):
    """Record a closure, or correct one (its date or place): the deadlines of its place move with it."""
    if closure.county_id:
        closure.province_id = closure.county.province_id  # a county's closure is in its province
    closure.full_clean()
    before = None
    if closure.pk:
        from .models import Closure

        before = day_of(Closure.objects.get(pk=closure.pk))
    closure.save()
    after = day_of(closure)
    if before is not None and (before.date, before.province_id, before.county_id) == (
        after.date,
        after.province_id,
        after.county_id,
    ):
        return closure  # only the reason was corrected: no day moved
    change = ClosuresChanged(added=[after], removed=[before] if before else [], user=user)
    _changed(change)
    return closure


@transaction.atomic
def delete_closure(closure, user=None):
    """Remove a closure entered by mistake: the deadlines it moved move back."""
    day = day_of(closure)
    closure.delete()
    _changed(ClosuresChanged(removed=[day], user=user))
