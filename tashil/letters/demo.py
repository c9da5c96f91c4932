"""Demo: Pakdasht's secretariat register with a few issued letters — a referral letter for a batch of one
agency's referrals, a resolution notice, an invitation to the next session and a reminder of an overdue
referral — made from the demo records and issued through the service, and one agency reply noted."""

from django.db.models import Count

from tashil.core.choices import ScopeLevel
from tashil.core.jalali import today
from tashil.meetings.choices import MeetingStatus
from tashil.meetings.models import Meeting, Resolution
from tashil.obstacles.models import Referral

from . import services
from .models import Letter


def load(context):
    county = context.county
    secretariat = services.secretariat_of_place(ScopeLevel.COUNTY, county=county)
    if Letter.objects.filter(secretariat=secretariat).exists():
        return
    issuer = context.users.get("dabir.pakdasht")
    secretariat.signer_name = str(issuer) if issuer else "مریم رضایی"
    secretariat.signer_position = "دبیر ستاد تسهیل و رفع موانع تولید شهرستان پاکدشت"
    secretariat.save()
    open_referrals = Referral.objects.open().filter(obstacle__county=county).select_related("obstacle__unit", "agency")
    drafts = []
    busiest = open_referrals.values("agency").annotate(n=Count("pk")).order_by("-n").first()
    if busiest:
        batch = list(open_referrals.filter(agency_id=busiest["agency"]).order_by("due_date")[:3])
        drafts.append(services.referral_draft(batch))
    resolution = (
        Resolution.objects.filter(county=county, meeting__status=MeetingStatus.APPROVED, agency__isnull=False)
        .open()
        .select_related("meeting__series", "agency")
        .first()
    )
    if resolution:
        drafts.append(services.resolution_notice_draft(resolution))
    planned = Meeting.objects.filter(county=county, status=MeetingStatus.PLANNED, date__gte=today()).order_by("date")
    meeting = planned.filter(attendance__agency__isnull=False).select_related("series").first()
    if meeting:
        drafts.append(
            services.invitation_draft(meeting, meeting.attendance.filter(agency__isnull=False).first().agency)
        )
    overdue = open_referrals.filter(due_date__lt=today()).first()
    if overdue:
        drafts.append(services.reminder_draft(referral=overdue))
    for draft in drafts:
        referrals = draft.pop("referrals", [])
        letter = Letter.objects.create(
            secretariat=secretariat,
            signer_name=secretariat.signer_name,
            signer_position=secretariat.signer_position,
            **draft,
        )
        letter.referrals.set(referrals)
        services.issue_letter(letter, issuer)
    if busiest:
        services.record_incoming_letter(
            user=issuer,
            referral=batch[0],
            number="۳۲۱۴/۱۲/ص",
            date=today(),
            note="پاسخ دستگاه: پرونده در دست بررسی است.",
        )
