"""The meetings' business events that reach beyond one meeting."""

from django.db import transaction
from django.db.models import F

from .choices import MeetingStatus

# Meetings whose number is on paper (held, minutes approved): their numbers never move.
ON_RECORD = (MeetingStatus.HELD, MeetingStatus.APPROVED)
# Far above any real session number: where a moving number waits so that no two meetings share one.
PARKING = 1_000_000


@transaction.atomic
def number_by_date(series):
    """Number the series' meetings not yet on record by date, after the last number on record, so a meeting
    added or moved before planned ones takes its place among them (۵۳ before ۵۴, as the dates go).
    Each renumbered meeting gets its change-log entry (old → new number); returns {pk: number}."""
    meetings = series.meetings.select_for_update()
    top = max((n for n in meetings.filter(status__in=ON_RECORD).values_list("number", flat=True)), default=0)
    movable = list(meetings.filter(number__gt=top).exclude(status__in=ON_RECORD).order_by("date", "pk"))
    numbers = {meeting.pk: top + index for index, meeting in enumerate(movable, start=1)}
    moving = [meeting for meeting in movable if meeting.number != numbers[meeting.pk]]
    series.meetings.filter(pk__in=[m.pk for m in moving]).update(number=F("number") + PARKING)
    for meeting in moving:
        meeting.number = numbers[meeting.pk]
        meeting.save(update_fields=["number", "updated"])
    return numbers
