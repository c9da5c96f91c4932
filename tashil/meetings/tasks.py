"""Background work of meetings: the approved minutes are rendered once and stored, frozen, with their
verification code (core.verification); the invitations' e-mails."""

import logging
import smtplib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tashil.core import verification

from .minutes import minutes_filename, minutes_issuer, render_minutes
from .models import Meeting

MINUTES_KIND = "minutes"
log = logging.getLogger(__name__)


@task()
def store_minutes(meeting_id):
    """Render, seal and keep the approved minutes (again after an amendment: the same code, the new file's hash).
    Safe to run twice."""
    with transaction.atomic():
        meeting = Meeting.objects.filter(pk=meeting_id).select_related("series", "county").first()
        if meeting is None or not meeting.is_frozen:
            return False
        _sealed, pdf = verification.seal(
            MINUTES_KIND,
            meeting.pk,
            render=lambda code, url, qr: render_minutes(meeting, code, url, qr),
            number=str(meeting),
            date=(meeting.approved_at and timezone.localdate(meeting.approved_at)) or meeting.date,
            issuer=minutes_issuer(meeting),
            title=_("صورتجلسه %(meeting)s") % {"meeting": meeting},
            keep_file=False,
        )
        if meeting.minutes_pdf:
            meeting.minutes_pdf.delete(save=False)
        meeting.minutes_pdf.save(minutes_filename(meeting), ContentFile(pdf), save=False)
        Meeting.objects.filter(pk=meeting.pk).update(minutes_pdf=meeting.minutes_pdf.name)
        return True


@task()
def send_invitation(attendance_id, sequence, method, update=False, user_id=None, attempt=1):
    """E-mail (with the .ics and the attachments apps add) and text one invitee the invitation, its update or its
    cancellation, once: the row is locked and its ``mailed_sequence`` set in the transaction that hands the mail
    to the server, so a second run sends nothing; a version overtaken by a later one (the meeting moved again)
    is not sent at all. A mail server that refuses or cannot be reached rolls back and the task is queued again
    (core.worker.retry_later). The SMS go out once the mail's transaction has committed."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.mail import EmailMessage
    from django.utils.translation import override

    from tashil.core.worker import retry_later
    from tashil.notifications.sms import send_sms

    from . import invitations
    from .models import Attendance

    texts = []
    try:
        with transaction.atomic():
            mailed = Attendance.objects.select_for_update().filter(pk=attendance_id).values_list("mailed_sequence")
            if not mailed or (mailed[0][0] is not None and mailed[0][0] >= sequence):
                return False
            row = Attendance.objects.select_related("meeting__series", "meeting__county", "agency", "unit").get(
                pk=attendance_id
            )
            meeting = row.meeting
            if meeting.invitation_sequence != sequence:
                return False
            Attendance.objects.filter(pk=row.pk).update(mailed_sequence=sequence)
            user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
            emails, mobiles = invitations.contacts(row)
            with override(settings.LANGUAGE_CODE):
                first = method == invitations.REQUEST and not update  # updates and cancellations carry no letter
                files = (
                    [f for provider in invitations.ATTACHMENTS for f in provider(row, user, method)] if first else []
                )
                if emails:
                    message = EmailMessage(
                        subject=invitations.mail_subject(meeting, method, update),
                        body=invitations.mail_body(meeting, row, method, update),
                        to=emails,
                        headers={"Message-ID": f"<{row.pk}.{sequence}.{invitations.uid(meeting)}>"},
                    )
                    message.attach(invitations.calendar_part(meeting, row, method, emails))
                    for name, content, mimetype in files:
                        message.attach(name, content, mimetype)
                    message.send()
                texts = [(mobile, invitations.sms_text(meeting, row, method, update)) for mobile in mobiles]
    except (smtplib.SMTPException, OSError) as error:
        retry = retry_later(send_invitation, attempt, attendance_id, sequence, method, update=update, user_id=user_id)
        if retry is None:
            raise
        log.warning("invitation %s (sequence %s) failed (%s); attempt %s", attendance_id, sequence, error, attempt + 1)
        return {"retry": attempt + 1}
    for mobile, text in texts:
        sent = send_sms(mobile, text)
        if not sent.accepted:
            log.warning("invitation SMS to %s refused: %s", mobile, sent.error)
    return True
