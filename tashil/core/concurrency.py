"""Optimistic concurrency: two people editing the same unit, obstacle or resolution at once — the second save
is refused, with what changed in between, instead of silently undoing the first.

A versioned model carries a ``version`` that every save increments in the same UPDATE. A form (or an API
call) that says which version it started from saves only if the row still has that version; otherwise
``VersionConflict`` is raised and nothing is written. Saves that do not say (business actions working on a
row they have just read) still increment the version, so a form opened before them notices.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class VersionConflict(ValidationError):
    """The row changed after the editor read it. ``entries`` are the change-log entries since then."""

    def __init__(self, instance, entries=()):
        self.instance = instance
        self.entries = list(entries)
        super().__init__(conflict_message(instance, self.entries), code="version_conflict")

    def message_for(self, user):
        """The message as ``user`` may read it: without the internal fields they may not (scope.hidden_fields)."""
        from . import scope

        return conflict_message(self.instance, self.entries, hidden=scope.hidden_fields(user, self.instance))


def conflict_message(instance, entries, hidden=()):
    who = ""
    if entries:
        last = entries[0]
        who = _(" (آخرین بار «%(user)s»)") % {"user": last.user_name or _("سامانه")}
    changed = []
    for entry in entries:
        for change in entry.changes or ():
            if change.get("field") in hidden:
                continue
            label = change.get("label") or change.get("field")
            if label and label not in changed:
                changed.append(str(label))
    message = _("«%(object)s» پس از باز شدن این فرم تغییر کرده است%(who)s و ذخیره نشد.") % {
        "object": instance,
        "who": who,
    }
    if changed:
        message += " " + _("بخش‌های تغییرکرده: %(fields)s.") % {"fields": "، ".join(changed)}
    return message + " " + _("فرم را دوباره باز کنید تا مقادیر تازه را ببینید؛ آنچه نوشته بودید در زیر مانده است.")


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(verbose_name=gettext_lazy("نسخه"), default=1, editable=False)

    class Meta:
        abstract = True

    # The version the editor started from; set by VersionedFormMixin and the API, None for other saves.
    version_seen = None

    def save(self, *args, **kwargs):
        """An existing row is first claimed by a conditional UPDATE of its version alone (``version = version
        + 1`` where the version is still the one the editor saw), then saved as usual in the same transaction:
        the claim holds the row until the transaction ends, so a second editor's claim finds the new version
        and is refused, and nothing of the first save is lost. Public API only: no override of Django's
        internal update step."""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "version" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "version"]
        if self.pk is None or kwargs.get("force_insert"):
            super().save(*args, **kwargs)
            return
        with transaction.atomic(using=kwargs.get("using")):
            row = type(self)._default_manager.using(kwargs.get("using")).filter(pk=self.pk)
            claimed = row.filter(version=self.version_seen) if self.version_seen is not None else row
            if claimed.update(version=F("version") + 1):
                # The row's version now: exact when the editor said which one they had, else read back.
                if self.version_seen is not None:
                    self.version = self.version_seen + 1
                else:
                    self.version = row.values_list("version", flat=True).get()
            elif self.version_seen is not None and row.exists():
                raise VersionConflict(self, self.changes_since_seen())
            self.version_seen = None
            super().save(*args, **kwargs)

    def changes_since_seen(self):
        """The change-log entries of this object written after the editor's form was opened."""
        from django.contrib.contenttypes.models import ContentType

        from .models import ChangeLogEntry

        opened = getattr(self, "form_opened_at", None)
        entries = ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(self)), object_id=self.pk
        )
        if opened is not None:
            entries = entries.filter(time__gt=opened)
        return entries.order_by("-time", "-pk")[:10]
