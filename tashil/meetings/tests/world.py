"""The meetings' part of the test world: a weekly series in county A (and one in B), a held meeting with an
agenda item and a resolution for agency A, and a planned next meeting."""

import datetime

from django.core.files.base import ContentFile

from tashil.core.choices import Weekday
from tashil.core.jalali import today
from tashil.meetings import services as meeting_services
from tashil.meetings.choices import MeetingKind
from tashil.meetings.models import AgendaItem, Attendance, Meeting, MeetingSeries, Resolution, VisitFinding
from tashil.site.testing.factories import png_file
from tashil.site.testing.world import world_builder


@world_builder
def build_meetings(w):
    w.series_a = MeetingSeries.objects.create(
        county=w.county_a, kind=MeetingKind.WORKING_GROUP, title="کارگروه تسهیل الف", weekday=Weekday.WEDNESDAY
    )
    w.series_b = MeetingSeries.objects.create(
        county=w.county_b, kind=MeetingKind.WORKING_GROUP, title="کارگروه تسهیل ب", weekday=Weekday.WEDNESDAY
    )
    w.meeting_a = Meeting.objects.create(
        series=w.series_a, date=today() - datetime.timedelta(days=7), place="فرمانداری الف"
    )
    w.meeting_b = Meeting.objects.create(series=w.series_b, date=today() - datetime.timedelta(days=7))
    w.attendance_a = Attendance.objects.create(meeting=w.meeting_a, agency=w.agency_a)
    w.agenda_a = AgendaItem.objects.create(meeting=w.meeting_a, order=1, unit=w.unit_a, title="مالیات واحد الف")
    w.agenda_a.obstacles.add(w.obstacle_a)
    w.resolution_a = Resolution.objects.create(
        meeting=w.meeting_a,
        text="اداره مالیات برگ تشخیص را بازبینی کند.",
        unit=w.unit_a,
        obstacle=w.obstacle_a,
        agency=w.agency_a,
        deadline=today() + datetime.timedelta(days=20),
    )
    w.resolution_evidence_a = Resolution.objects.create(
        meeting=w.meeting_a,
        text="مصوبه با مستند",
        unit=w.unit_a,
        agency=w.agency_a,
        deadline=today() + datetime.timedelta(days=20),
    )
    meeting_services.report_execution(
        w.resolution_evidence_a, "انجام شد", ContentFile(b"%PDF-1.4 evidence", name="evidence.pdf")
    )
    visits = MeetingSeries.objects.create(county=w.county_a, kind=MeetingKind.FIELD_VISIT, title="تور صنعتی الف")
    w.visit_a = Meeting.objects.create(series=visits, date=today())
    w.finding_a = VisitFinding.objects.create(
        meeting=w.visit_a, unit=w.unit_a, finding="تابلو برق فرسوده", group=w.group_finance, photo=png_file()
    )
    w.resolution_b = Resolution.objects.create(
        meeting=w.meeting_b, text="مصوبه شهرستان ب", agency=w.agency_b, deadline=today() + datetime.timedelta(days=20)
    )
