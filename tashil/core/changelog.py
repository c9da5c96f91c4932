"""Every create, update and delete of a BaseModel writes one ChangeLogEntry in the same transaction.

The actor comes from the request being served (middleware) or from ``acting_as`` (commands, imports,
tasks). Updates record the field-level before/after as readable text, so the history stays true even
after the related objects are renamed.
"""

import contextlib
import contextvars
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import override

from . import scope
from .bulk import Inserter
from .choices import ChangeAction, ChangeSource
from .display import display_value
from .models import BaseModel, ChangeLogEntry

_actor = contextvars.ContextVar("tashil_changelog_actor", default=None)


class Actor:
    """Who is changing things now: a request's user, or a named source (import, command, task)."""

    def __init__(self, request=None, user=None, source=""):
        self.request = request
        self._user = user
        self.source = source

    @property
    def user(self):
        if self._user is not None:
            return self._user
        user = getattr(self.request, "user", None)
        return user if getattr(user, "is_authenticated", False) else None


@contextlib.contextmanager
def acting_as(user=None, source="", request=None):
    token = _actor.set(Actor(request=request, user=user, source=source))
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()


_replaying = contextvars.ContextVar("tashil_changelog_replaying", default=False)


@contextlib.contextmanager
def replaying():
    """Rows written back as they were recorded (a restore): their history is among the rows restored, so
    nothing is logged. ``post_save`` says so with ``raw``; a many-to-many set has no such flag, hence this."""
    token = _replaying.set(True)
    try:
        yield
    finally:
        _replaying.reset(token)


def _tracked_fields(instance):
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.name in instance.changelog_exclude or field.name == "version":
            continue
        yield field


def diff(instance):
    """Field-level changes since the instance was loaded (or since its last logged save)."""
    before = getattr(instance, "_loaded_values", {})
    changes = []
    with override("fa"):
        for field in _tracked_fields(instance):
            if field.attname not in before and before:
                continue  # deferred when loaded: unknown before value
            old = before.get(field.attname)
            new = getattr(instance, field.attname)
            if isinstance(field, models.FileField):
                old, new = str(old or ""), str(new or "")
            if old == new:
                continue
            changes.append(
                {
                    "field": field.name,
                    "label": str(field.verbose_name),
                    "old": display_value(field, old),
                    "new": display_value(field, new),
                }
            )
    return changes


def _snapshot(instance):
    instance._loaded_values = {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def entry_values(instance, action, changes=(), message="", user=None, source=""):
    """One change-log entry of ``instance`` as the column values ChangeLogEntry stores, by the current actor
    unless ``user``/``source`` are given: what a single save writes, and what a bulk write (the import) inserts
    in one round for a whole batch."""
    actor = current_actor()
    if user is None and actor is not None:
        user = actor.user
    parent = instance.get_changelog_parent()
    with override("fa"):
        object_repr = str(instance)[:300]
    return {
        "user_id": user.pk if user else None,
        "user_name": (user.get_full_name() or user.get_username()) if user else "",
        "source": source or (actor.source if actor else "") or ChangeSource.SYSTEM,
        "action": action,
        "content_type_id": ContentType.objects.get_for_model(instance, for_concrete_model=False).pk,
        "object_id": instance.pk,
        "object_repr": object_repr,
        "related_content_type_id": ContentType.objects.get_for_model(parent).pk if parent is not None else None,
        "related_object_id": parent.pk if parent is not None else None,
        "message": message,
        "changes": list(changes),
    }


def log_bulk(entries):
    """Write the change-log entries of a bulk write (``entry_values`` each: one per row it changed) in one round,
    as its ``bulk_update`` or ``update`` wrote the rows."""
    log = Inserter(ChangeLogEntry, batch=len(entries) or 1)
    for entry in entries:
        log.add(**entry)
    log.flush()


def _write(instance, action, changes=(), message=""):
    ChangeLogEntry.objects.create(**entry_values(instance, action, changes, message))


def log_event(instance, message, changes=()):
    """A business event (a referral, a resolution executed) in readable Persian, on the object's history."""
    _write(instance, ChangeAction.EVENT, changes, message)


@receiver(post_save)
def _log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, BaseModel) or not instance.changelog_enabled:
        return
    if created:
        _write(instance, ChangeAction.CREATE)
    else:
        changes = diff(instance)
        if changes:
            _write(instance, ChangeAction.UPDATE, changes)
    _snapshot(instance)


@receiver(post_delete)
def _log_delete(sender, instance, **kwargs):
    if not isinstance(instance, BaseModel) or not instance.changelog_enabled:
        return
    _write(instance, ChangeAction.DELETE)


def _m2m_field(model, through):
    """The many-to-many field of ``model`` whose table is ``through``."""
    return next((f for f in model._meta.many_to_many if f.remote_field.through is through), None)


def _names(model, pks):
    with override("fa"):
        return "، ".join(str(obj) for obj in model._default_manager.filter(pk__in=pks).order_by("pk"))


def _log_m2m_change(owner, field, before, after):
    if before == after or not isinstance(owner, BaseModel) or not owner.changelog_enabled:
        return
    related = field.related_model
    with override("fa"):
        label = str(field.verbose_name)
    change = {"field": field.name, "label": label, "old": _names(related, before), "new": _names(related, after)}
    _write(owner, ChangeAction.UPDATE, [change])


@receiver(m2m_changed)
def _log_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A many-to-many change (``add``, ``remove``, ``clear``, ``set``) is an update of the object that holds the
    field, with the names before and after, like a field's change. Django sends no ``post_save`` for these:
    this signal is its only hook. From the other side (``tag.articles.add(article)``) each holder
    changed is logged."""
    if action not in ("pre_clear", "post_clear", "post_add", "post_remove") or _replaying.get():
        return
    if not reverse:
        field = _m2m_field(type(instance), sender)
        if field is None:
            return
        current = set(getattr(instance, field.name).values_list("pk", flat=True))
        if action == "pre_clear":
            instance._m2m_cleared = {**getattr(instance, "_m2m_cleared", {}), field.name: current}
        elif action == "post_clear":
            _log_m2m_change(instance, field, getattr(instance, "_m2m_cleared", {}).pop(field.name, set()), set())
        elif action == "post_add":
            _log_m2m_change(instance, field, current - set(pk_set), current)
        else:
            _log_m2m_change(instance, field, current | set(pk_set), current)
        return
    field = _m2m_field(model, sender)
    if field is None:
        return
    if action == "pre_clear":
        instance._m2m_cleared = {
            **getattr(instance, "_m2m_cleared", {}),
            field.name: set(model._default_manager.filter(**{field.name: instance}).values_list("pk", flat=True)),
        }
        return
    holders = getattr(instance, "_m2m_cleared", {}).pop(field.name, set()) if action == "post_clear" else pk_set
    for holder in model._default_manager.filter(pk__in=holders or ()):
        current = set(getattr(holder, field.name).values_list("pk", flat=True))
        before = current | {instance.pk} if action != "post_add" else current - {instance.pk}
        _log_m2m_change(holder, field, before, current)


def history_for(obj):
    """The change-log entries of an object and of the objects that name it as their parent."""
    content_type = ContentType.objects.get_for_model(obj)
    return ChangeLogEntry.objects.filter(
        models.Q(content_type=content_type, object_id=obj.pk)
        | models.Q(related_content_type=content_type, related_object_id=obj.pk)
    ).select_related("user", "content_type")


def readable_by(entries, user, obj):
    """The entries of ``obj``'s history that ``user`` may read, without the internal fields they may not.

    An entry about a child is kept when the scope helper lets the user open that child (so not an internal
    attachment for a unit's representative, nor another agency's referral for an officer); about a child
    since deleted, only for those who read ``obj``'s internal side. Changes of the fields the user may not read
    (``scope.fields_hidden``: internal fields, a unit's other agencies' identifiers) are dropped, and an update
    left with no change with them."""
    entries = list(entries)
    own_type = ContentType.objects.get_for_model(obj)
    children = defaultdict(set)
    for entry in entries:
        entry.is_child = (entry.content_type_id, entry.object_id) != (own_type.pk, obj.pk)
        if entry.is_child:
            children[entry.content_type_id].add(entry.object_id)
    readable, existing = set(), set()
    for type_id, ids in children.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        rows = model._default_manager.filter(pk__in=ids)
        existing |= {(type_id, pk) for pk in rows.values_list("pk", flat=True)}
        readable |= {(type_id, pk) for pk in scope.restrict(rows, user).values_list("pk", flat=True)}
    gone_readable = scope.sees_internal(user, type(obj), obj.pk) if children else False
    hidden = {}
    kept = []
    for entry in entries:
        key = (entry.content_type_id, entry.object_id)
        if entry.is_child and key not in readable and (key in existing or not gone_readable):
            continue
        model = entry.content_type.model_class()
        if model is not None and entry.changes:
            if key not in hidden:
                hidden[key] = set(scope.fields_hidden(user, model, entry.object_id))
            if hidden[key]:
                entry.changes = [change for change in entry.changes if change.get("field") not in hidden[key]]
                if not entry.changes and entry.action == ChangeAction.UPDATE:
                    continue
        kept.append(entry)
    return kept
