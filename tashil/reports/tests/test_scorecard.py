"""The agency scorecard is fair (working days net of closures and waits) and every figure opens the list of
the rows it counts."""

import datetime
import html
import re

from django.urls import reverse

from tashil.core.choices import ScopeLevel
from tashil.core.jalali import today
from tashil.core.persian import to_persian_digits
from tashil.geo.areas import Area
from tashil.meetings.choices import AttendanceStatus, ResolutionStatus
from tashil.meetings.models import Attendance, Meeting, Resolution
from tashil.obstacles import services
from tashil.obstacles.models import Obstacle, Referral
from tashil.reports import scorecard


def ago(days):
    return today() - datetime.timedelta(days=days)


def record_of_agency_a(world):
    """Agency A's year: a referral done on time, one done late, one unanswered past due, one that waited on the
    producer; a resolution executed and one failed by it; present, represented and absent at meetings."""
    w = world
    officer, producer = w.users["agency_officer"], w.users["unit_rep"]

    def referral(title):
        obstacle = Obstacle.objects.create(unit=w.unit_a, group=w.group_tax, title=title)
        return services.refer(obstacle, [w.agency_a], user=w.users["secretariat"])[0]

    services.answer(referral("انجام به‌موقع"), "done", "انجام شد", user=officer)
    late = referral("انجام دیرهنگام")
    Referral.objects.filter(pk=late.pk).update(referred_date=ago(40), due_date=ago(20), first_response_due=ago(36))
    late.refresh_from_db()
    services.answer(late, "done", "انجام شد", user=officer)
    overdue = referral("بی‌پاسخ")
    Referral.objects.filter(pk=overdue.pk).update(referred_date=ago(30), due_date=ago(5), first_response_due=ago(26))
    services.request_documents(w.referral_a, "مدارک بیمه", user=officer)
    services.supply_documents(w.referral_a, "فرستاده شد", user=producer)

    failed = Resolution.objects.create(meeting=w.meeting_a, text="تمدید تسهیلات", agency=w.agency_a, deadline=ago(1))
    Resolution.objects.filter(pk=failed.pk).update(status=ResolutionStatus.NOT_EXECUTED, failure_party="agency")
    done = Resolution.objects.create(meeting=w.meeting_a, text="صدور مجوز", agency=w.agency_a, deadline=ago(1))
    Resolution.objects.filter(pk=done.pk).update(status=ResolutionStatus.EXECUTED)
    Attendance.objects.filter(pk=w.attendance_a.pk).update(status=AttendanceStatus.PRESENT)
    for status, days in ((AttendanceStatus.REPRESENTED, 14), (AttendanceStatus.ABSENT, 21)):
        meeting = Meeting.objects.create(series=w.series_a, date=ago(days))
        Attendance.objects.create(meeting=meeting, agency=w.agency_a, status=status, represented_by="معاون")


def test_every_scorecard_figure_links_to_the_list_of_what_it_counts(world, client_as):
    record_of_agency_a(world)
    row = next(
        r
        for r in scorecard.agency_scorecard(Area(ScopeLevel.COUNTY, county=world.county_a), world.users["secretariat"])
        if r["id"] == world.agency_a.pk
    )
    assert (row["on_time"], row["late"], row["overdue_now"], row["waited"]) == (1, 1, 1, 1)
    assert row["on_time_share"] == round(100 / 3, 1)
    assert (row["present"], row["represented"], row["absent"]) == (1, 1, 1)
    assert row["first_late"] >= 1 and row["first_on_time"] >= 1

    client = client_as("secretariat")
    page = client.get(reverse("reports:scorecard")).content.decode()
    cells = re.search(rf'<tr data-agency="{world.agency_a.pk}">(.*?)</tr>', page, re.S).group(1)
    for figure in scorecard.FIGURES:
        link = re.search(rf'data-figure="{figure.key}"><a href="([^"]+)"', cells)
        assert link, f"{figure.key} links to no list"
        listing = client.get(html.unescape(link.group(1)))
        assert listing.status_code == 200
        expected = f'data-testid="result-count">{to_persian_digits(row[figure.counted])} مورد'
        assert expected in listing.content.decode(), f"{figure.key}: its list does not hold {row[figure.counted]}"


def test_the_first_response_is_measured_in_working_days_and_a_wait_is_not_the_agency_s(world):
    officer = world.users["agency_officer"]
    referral = world.referral_a
    Referral.objects.filter(pk=referral.pk).update(referred_date=ago(14), first_response_due=ago(10))
    referral.refresh_from_db()
    services.request_documents(referral, "نقشه", user=officer)
    assert referral.first_response_days == referral.calendar().working_days_between(ago(14), today())
    Referral.objects.filter(pk=referral.pk).update(waiting_since=ago(7))
    referral.refresh_from_db()
    due = referral.due_date
    services.supply_documents(referral, "فرستاده شد", user=world.users["unit_rep"])
    waited = referral.calendar().working_days_between(ago(7), today())
    assert waited > 0 and referral.days_waited == waited
    assert referral.due_date == referral.calendar().add_working_days(due, waited)
    row = next(
        r
        for r in scorecard.agency_scorecard(Area(ScopeLevel.COUNTY, county=world.county_a), world.users["secretariat"])
        if r["id"] == world.agency_a.pk
    )
    assert row["days_waited"] == waited and row["first_late"] == 1
