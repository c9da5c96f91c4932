"""Background work of meetings: the approved minutes are rendered once and stored, frozen."""

from django.core.files.base import ContentFile
from django_tasks import task

from .minutes import minutes_filename, render_minutes
from .models import Meeting


@task()
def store_minutes(meeting_id):
    """Render and keep the approved minutes (again after an amendment). Safe to run twice."""
    meeting = Meeting.objects.filter(pk=meeting_id).select_related("series", "county").first()
    if meeting is None or not meeting.is_frozen:
        return False
    pdf = render_minutes(meeting)
    if meeting.minutes_pdf:
        meeting.minutes_pdf.delete(save=False)
    meeting.minutes_pdf.save(minutes_filename(meeting), ContentFile(pdf), save=False)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_pdf=meeting.minutes_pdf.name)
    return True
