"""The public face's business events, one function each: a visitor's message or investment inquiry received, a
message read by the unit, an inquiry followed up, a profile published or hidden.

Each does the whole event in one transaction — the change (its change-log entry is the save's), and the
notices it sends — and the pages, the API, bulk actions and the demo call it; no view writes the event itself.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notify
from .choices import Moderation


@transaction.atomic
def receive_message(message, unit):
    """A visitor's message from ``unit``'s public page: kept for the unit, and its representatives (or, without
    one, the county secretariat) told in the bell, by e-mail and SMS as each chose."""
    message.unit = unit
    message.save()
    notify.message_received(message)
    return message


@transaction.atomic
def receive_inquiry(inquiry, project):
    """An investor's inquiry from ``project``'s public page: kept, and the county secretariat (and the project's
    unit's representatives) told."""
    inquiry.project = project
    inquiry.save()
    notify.inquiry_received(inquiry)
    return inquiry


@transaction.atomic
def mark_read(message, user=None):
    """The unit (or the secretariat) has read a visitor's message: its time, on the message's history. Opening the
    message shows it and writes nothing (a GET); this is the «خوانده شد» button, on its page or for the rows ticked
    on the list. A message read already keeps its first time, so marking many at once never stops at one."""
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at", "updated"])
    return message


@transaction.atomic
def set_handled(inquiry, handled, user=None):
    """Mark an inquiry followed up (``handled``), or back to waiting: the change on the inquiry's history."""
    inquiry.handled = bool(handled)
    inquiry.save(update_fields=["handled", "updated"])
    return inquiry


@transaction.atomic
def moderate(profile, moderation, note="", user=None):
    """Publish or hide a unit's public profile; hiding needs a note the unit reads (why it is hidden)."""
    note = (note or "").strip()
    if moderation not in Moderation.values:
        raise ValidationError({"moderation": _("وضعیت انتشار «%(value)s» شناخته نیست.") % {"value": moderation}})
    if moderation == Moderation.HIDDEN and not note:
        raise ValidationError({"moderation_note": _("دلیل پنهان کردن معرفی را بنویسید تا واحد آن را ببیند.")})
    profile.moderation = moderation
    profile.moderation_note = note
    profile.moderated_by, profile.moderated_at = user, timezone.now()
    profile.save()
    return profile
