"""The meetings' business events that reach beyond one meeting."""

from django.db import transaction

from .choices import MeetingStatus

# Meetings whose number is not yet on paper (no minutes): they may take the next number when an earlier
# meeting is added before them.
RENUMBERABLE = (MeetingStatus.PLANNED, MeetingStatus.CANCELLED)


@transaction.atomic
def number_for_new_meeting(series, day):
    """The number a new meeting of ``series`` on ``day`` takes, so numbers follow dates: it takes the number
    of the first meeting after it, and those later meetings move up by one. Only meetings without minutes
    move; when a later one has been held, the numbers on record stay and the new one is numbered last."""
    later = list(series.meetings.select_for_update().filter(date__gt=day).order_by("-number"))
    if not later or any(meeting.status not in RENUMBERABLE for meeting in later):
        return series.next_number()
    number = min(meeting.number for meeting in later)
    for meeting in later:  # highest first: no two meetings hold one number at any moment (its log shows old → new)
        meeting.number += 1
        meeting.save(update_fields=["number", "updated"])
    return number
