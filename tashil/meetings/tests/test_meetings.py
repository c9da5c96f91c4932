"""Meetings: numbering, schedule, status, freezing, carry-over, field visits and service desks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tashil.core.jalali import today
from tashil.core.models import Holiday
from tashil.meetings import services as meeting_services
from tashil.meetings.choices import AgendaStatus, MeetingKind, MeetingStatus
from tashil.meetings.models import AgendaItem, DeskRequest, Meeting, MeetingSeries, VisitFinding
from tashil.obstacles.choices import ReferralStatus, Source


def test_meetings_are_numbered_in_their_series(world):
    second = Meeting.objects.create(series=world.series_a, date=today())
    assert (world.meeting_a.number, second.number, world.meeting_b.number) == (1, 2, 1)
    assert "جلسه ۲" in str(second)


def test_the_schedule_proposes_the_next_wednesday_and_skips_a_holiday(world):
    wednesday = datetime.date(2026, 11, 25)  # 1405/09/04
    assert world.series_a.next_date(datetime.date(2026, 11, 22)) == wednesday
    Holiday.objects.create(date=wednesday, title="تعطیل")
    assert world.series_a.next_date(datetime.date(2026, 11, 22)) == wednesday + datetime.timedelta(days=1)
    proposal = world.series_a.proposal()
    assert proposal.date.weekday() in (2, 3) and proposal.date > today() - datetime.timedelta(days=1)


def test_hold_approve_and_the_refused_steps(world):
    meeting = world.meeting_a
    with pytest.raises(ValidationError):
        meeting_services.approve(meeting)  # not held yet
    future = Meeting.objects.create(series=world.series_a, date=today() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError) as error:
        meeting_services.hold(future)
    assert "نرسیده" in " ".join(error.value.messages)
    meeting_services.hold(meeting)
    with pytest.raises(ValidationError):
        meeting_services.hold(meeting)
    with pytest.raises(ValidationError):
        meeting_services.cancel(meeting, "دیر است")
    meeting_services.approve(meeting, world.users["manager"])
    assert (
        meeting.status == MeetingStatus.APPROVED and meeting.is_frozen and meeting.approved_by == world.users["manager"]
    )
    with pytest.raises(ValidationError):
        meeting_services.cancel(future, "")
    meeting_services.cancel(future, "همزمانی با تعطیلی")
    assert future.status == MeetingStatus.CANCELLED


def test_approved_minutes_are_frozen_and_changed_only_by_an_amendment(world, client_as):
    meeting_services.hold(world.meeting_a)
    meeting_services.approve(world.meeting_a)
    client = client_as("secretariat")
    assert client.get(f"/meetings/{world.meeting_a.pk}/edit/").status_code == 403
    assert client.get(f"/meetings/resolutions/{world.resolution_a.pk}/edit/").status_code == 403
    assert client.get(f"/meetings/agenda/{world.agenda_a.pk}/edit/").status_code == 403
    response = client.post(
        f"/meetings/{world.meeting_a.pk}/attendance/", {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}, follow=True
    )
    assert "قفل شده" in response.content.decode()
    client.post(f"/meetings/{world.meeting_a.pk}/do/amend/", {"text": "نام دستگاه اصلاح شد", "reason": "اشتباه تایپی"})
    assert world.meeting_a.amendments.get().reason == "اشتباه تایپی"
    with pytest.raises(ValidationError):
        meeting_services.amend(world.meeting_b, "x", "y")  # not approved: edit the meeting itself


def test_locked_minutes_say_they_are_locked_rather_than_blaming_the_role(world, client_as):
    meeting_services.hold(world.meeting_a)
    meeting_services.approve(world.meeting_a)
    client = client_as("secretariat")
    for url in (
        f"/meetings/{world.meeting_a.pk}/edit/",
        f"/meetings/{world.meeting_a.pk}/delete/",
        f"/meetings/resolutions/{world.resolution_a.pk}/edit/",
        f"/meetings/agenda/{world.agenda_a.pk}/edit/",
    ):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 403, url
        assert "صورتجلسه این جلسه تأیید و قفل شده است" in page and "اصلاحیه" in page, url
        assert "نقش شما" not in page, url


def test_unfinished_items_carry_to_the_next_meeting_keeping_their_history(world):
    done = AgendaItem.objects.create(meeting=world.meeting_a, order=2, title="تمام‌شده", status=AgendaStatus.DONE)
    target = meeting_services.carry_over(world.meeting_a, world.users["secretariat"])
    world.agenda_a.refresh_from_db()
    done.refresh_from_db()
    assert world.agenda_a.status == AgendaStatus.CARRIED and done.status == AgendaStatus.DONE
    carried = target.agenda_items.get()
    assert carried.carried_from == world.agenda_a and list(carried.obstacles.all()) == [world.obstacle_a]
    again = meeting_services.carry_over(target)
    assert again.agenda_items.get().history() == [world.agenda_a, carried]
    with pytest.raises(ValidationError) as error:
        meeting_services.carry_over(world.meeting_a)
    assert "بازی برای انتقال" in " ".join(error.value.messages)


def test_field_visit_findings_become_obstacles_in_one_step(world):
    visit = world.visit_a
    finding = VisitFinding.objects.create(
        meeting=visit, unit=world.unit_a2, finding="تابلو برق فرسوده است.\nجزئیات بیشتر", group=world.group_finance
    )
    obstacle = meeting_services.finding_to_obstacle(finding, world.users["secretariat"])
    assert obstacle.source == Source.FIELD_VISIT and obstacle.unit == world.unit_a2
    assert obstacle.title == "تابلو برق فرسوده است." and obstacle.reported_date == today()
    with pytest.raises(ValidationError):
        meeting_services.finding_to_obstacle(finding)
    no_group = VisitFinding.objects.create(meeting=visit, unit=world.unit_a, finding="بی‌گروه")
    with pytest.raises(ValidationError) as error:
        meeting_services.finding_to_obstacle(no_group)
    assert "گروه" in " ".join(error.value.messages)


def test_a_service_desk_request_becomes_an_obstacle_referred_to_that_desk(world):
    desks = MeetingSeries.objects.create(county=world.county_a, kind=MeetingKind.SERVICE_DESK, title="میز خدمت")
    session = Meeting.objects.create(series=desks, date=today())
    request = DeskRequest(
        meeting=session, unit=world.unit_a, agency=world.agency_a2, group=world.group_finance, request="قطعی برق"
    )
    obstacle = meeting_services.register_desk_request(request, world.users["secretariat"])
    assert obstacle.source == Source.SERVICE_DESK
    referral = obstacle.referrals.get()
    assert referral.agency == world.agency_a2 and referral.status == ReferralStatus.PENDING


def test_the_service_desk_takes_requests_one_after_another(world, client_as):
    desks = MeetingSeries.objects.create(county=world.county_a, kind=MeetingKind.SERVICE_DESK, title="میز خدمت")
    session = Meeting.objects.create(series=desks, date=today())
    client = client_as("secretariat")
    for text in ("درخواست یک", "درخواست دو"):
        response = client.post(
            f"/meetings/{session.pk}/desk/",
            {"unit": world.unit_a.pk, "agency": world.agency_a.pk, "group": world.group_finance.pk, "request": text},
        )
        assert response.status_code == 302
    assert session.desk_requests.count() == 2
    missing = client.post(f"/meetings/{session.pk}/desk/", {"unit": world.unit_a.pk, "request": "بی‌دستگاه"})
    assert missing.status_code == 400 and 'value="' in missing.content.decode()
    assert session.desk_requests.count() == 2


def test_the_service_desk_offers_the_places_agencies_by_type_and_keeps_the_last_one(world, client_as):
    from tashil.site.testing.factories import AgencyFactory

    ministry = AgencyFactory(name="وزارت امور اقتصادی", level="nation", county=None)
    desks = MeetingSeries.objects.create(county=world.county_a, kind=MeetingKind.SERVICE_DESK, title="میز خدمت")
    session = Meeting.objects.create(series=desks, date=today())
    client = client_as("secretariat")
    page = client.get(f"/meetings/{session.pk}/?tab=desk").content.decode()
    agency_select = page.split('name="agency"')[1].split("</select>")[0]
    assert '<optgroup label="برق">' in agency_select and '<optgroup label="امور مالیاتی">' in agency_select
    assert world.agency_a2.name in agency_select and ministry.name not in agency_select
    assert world.agency_b.name not in agency_select
    client.post(
        f"/meetings/{session.pk}/desk/",
        {"unit": world.unit_a.pk, "agency": world.agency_a2.pk, "group": world.group_finance.pk, "request": "قطعی"},
    )
    page = client.get(f"/meetings/{session.pk}/?tab=desk").content.decode()
    agency_select = page.split('name="agency"')[1].split("</select>")[0]
    assert f'<option value="{world.agency_a2.pk}" selected>' in agency_select


def test_another_countys_meeting_answers_404(world, client_as):
    client = client_as("secretariat")
    for url in (
        world.meeting_b.get_absolute_url(),
        f"/meetings/{world.meeting_b.pk}/minutes.pdf",
        world.resolution_b.get_absolute_url(),
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/meetings/{world.meeting_b.pk}/do/hold/").status_code == 404


@pytest.fixture
def development_urls(settings):
    """The URL configuration as development (DEBUG) builds it, put back afterwards."""
    import importlib

    from django.urls import clear_url_caches

    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_a_findings_photo_is_served_by_its_view_never_from_media_root(world, client_as, settings, development_urls):
    photo = world.finding_a.photo
    client = client_as("secretariat")
    assert client.get(f"{settings.MEDIA_URL}{photo.name}").status_code == 404, "not even in development"
    response = client.get(reverse("meetings:visitfinding_photo", kwargs={"pk": world.finding_a.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(world.visit_a.get_absolute_url() + "?tab=findings")
    assert reverse("meetings:visitfinding_photo", kwargs={"pk": world.finding_a.pk}) in page.content.decode()
    assert client_as("secretariat_b").get(response.request["PATH_INFO"]).status_code == 404


def test_a_planned_meetings_agenda_suggests_the_countys_obstacles_waiting_for_the_working_group(world, client_as):
    """Those with a referral past its due date, and those registered a week ago or more and never referred,
    each with why; not another county's, not one already on this meeting's agenda; one click adds it."""
    import datetime

    from tashil.core.jalali import today
    from tashil.obstacles.models import Obstacle
    from tashil.obstacles.tests.world import make_overdue

    make_overdue(world.referral_a)
    make_overdue(world.referral_b)
    forgotten = Obstacle.objects.create(
        unit=world.unit_a,
        group=world.group_finance,
        title="مانع فراموش‌شده",
        reported_date=today() - datetime.timedelta(days=10),
    )
    fresh = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مانع امروز")
    planned = Meeting.objects.create(series=world.series_a, date=today() + datetime.timedelta(days=7))
    client = client_as("secretariat")

    def suggested():
        page = client.get(planned.get_absolute_url(), {"tab": "agenda"})
        return {obstacle.pk: str(reason) for obstacle, reason in page.context["suggestions"]}

    shown = suggested()
    assert shown[world.obstacle_a.pk] == "ارجاع گذشته از مهلت" and shown[forgotten.pk].startswith("ارجاع‌نشده از ۱۴")
    assert world.obstacle_b.pk not in shown and fresh.pk not in shown  # another county's; not yet a week old
    client.post(f"/meetings/{planned.pk}/agenda-obstacle/", {"obstacle": world.obstacle_a.pk})
    assert planned.agenda_items.filter(obstacles=world.obstacle_a).exists()
    assert world.obstacle_a.pk not in suggested()
    assert "suggestions" not in client_as("manager").get(planned.get_absolute_url(), {"tab": "agenda"}).context
