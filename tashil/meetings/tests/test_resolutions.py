"""A resolution's life: the objection window and its expiry, evidence and verification, who failed."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from tashil.core.jalali import today
from tashil.meetings import services as meeting_services
from tashil.meetings.choices import MeetingStatus, ResolutionStatus
from tashil.meetings.models import AgendaItem, Resolution
from tashil.obstacles.choices import ObstacleStatus


def approved(world):
    meeting = world.meeting_a
    meeting_services.hold(meeting, world.users["secretariat"])
    meeting_services.approve(meeting, world.users["manager"])
    world.resolution_a.refresh_from_db()
    return meeting


def messages_of(error):
    return " ".join(error.value.messages)


def test_approval_starts_a_fifteen_day_objection_window(world, settings):
    approved(world)
    assert world.resolution_a.objection_deadline == today() + datetime.timedelta(days=settings.TASHIL_OBJECTION_DAYS)
    assert world.resolution_a.objection_open


def test_no_objection_before_approval(world):
    with pytest.raises(ValidationError) as error:
        meeting_services.object_to(world.resolution_a, "مخالفیم", world.users["agency_officer"])
    assert "پس از تأیید صورتجلسه" in messages_of(error)


def test_an_objection_inside_the_window_goes_to_the_next_meeting(world):
    approved(world)
    target = meeting_services.object_to(
        world.resolution_a, "این موضوع در صلاحیت هیئت حل اختلاف است.", world.users["agency_officer"]
    )
    world.resolution_a.refresh_from_db()
    assert world.resolution_a.status == ResolutionStatus.OBJECTED
    assert target.series == world.series_a and target.status == MeetingStatus.PLANNED and target.date > today()
    item = AgendaItem.objects.get(meeting=target, objected_resolution=world.resolution_a)
    assert "اعتراض" in item.title and "هیئت حل اختلاف" in item.discussion
    with pytest.raises(ValidationError) as error:
        meeting_services.object_to(world.resolution_a, "دوباره", world.users["agency_officer"])
    assert "پیش‌تر اعتراض" in messages_of(error)
    with pytest.raises(ValidationError):
        meeting_services.report_execution(world.resolution_a, "انجام شد")
    meeting_services.reaffirm(world.resolution_a, "کارگروه بر اجرای مصوبه تأکید کرد.")
    assert world.resolution_a.status == ResolutionStatus.PENDING


def test_an_objection_after_the_window_is_refused(world, settings):
    approved(world)
    later = today() + datetime.timedelta(days=settings.TASHIL_OBJECTION_DAYS + 1)
    with mock.patch("tashil.meetings.models.today", return_value=later):
        with pytest.raises(ValidationError) as error:
            meeting_services.object_to(world.resolution_a, "دیر", world.users["agency_officer"])
    assert "به پایان رسیده" in messages_of(error)
    on_the_last_day = today() + datetime.timedelta(days=settings.TASHIL_OBJECTION_DAYS)
    with mock.patch("tashil.meetings.models.today", return_value=on_the_last_day):
        assert world.resolution_a.objection_open


def test_an_objection_needs_a_reason(world):
    approved(world)
    with pytest.raises(ValidationError) as error:
        meeting_services.object_to(world.resolution_a, "  ")
    assert "دلیل اعتراض" in messages_of(error)


def test_execution_needs_evidence_and_verification_resolves_the_obstacle(world):
    resolution = world.resolution_a
    with pytest.raises(ValidationError) as error:
        meeting_services.report_execution(resolution, "")
    assert "مستند" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        meeting_services.verify(resolution, world.users["secretariat"])
    assert "هنوز با مستندات گزارش نشده" in messages_of(error)
    meeting_services.report_execution(resolution, "برگ تشخیص اصلاح و ابلاغ شد.", user=world.users["agency_officer"])
    assert resolution.status == ResolutionStatus.IN_PROGRESS and resolution.awaiting_verification
    meeting_services.reject_report(resolution, "نامه ابلاغ پیوست نشده است.")
    assert not resolution.awaiting_verification
    meeting_services.report_execution(resolution, "نامه ابلاغ پیوست شد.", user=world.users["agency_officer"])
    meeting_services.verify(resolution, world.users["secretariat"])
    assert resolution.status == ResolutionStatus.EXECUTED and resolution.verified_by == world.users["secretariat"]
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.status == ObstacleStatus.RESOLVED and world.obstacle_a.outcome == "resolved"
    with pytest.raises(ValidationError):
        meeting_services.cancel_resolution(resolution, "دیگر لازم نیست")


@pytest.mark.parametrize("party", ["agency", "producer", "external"])
def test_not_executed_records_who_failed(world, party):
    meeting_services.mark_not_executed(world.resolution_a, party, "پیگیری بی‌نتیجه ماند")
    assert world.resolution_a.status == ResolutionStatus.NOT_EXECUTED and world.resolution_a.failure_party == party


def test_not_executed_needs_who_failed_and_a_producer_only_when_one_was_bound(world):
    with pytest.raises(ValidationError) as error:
        meeting_services.mark_not_executed(world.resolution_a, "")
    assert "بر عهده کیست" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        meeting_services.mark_not_executed(world.resolution_b, "producer")
    assert "تعهدی برای تولیدکننده" in messages_of(error)


def test_a_cancellation_needs_a_reason(world):
    with pytest.raises(ValidationError):
        meeting_services.cancel_resolution(world.resolution_a, "")
    meeting_services.cancel_resolution(world.resolution_a, "موضوع منتفی شد")
    assert world.resolution_a.status == ResolutionStatus.CANCELLED


def test_a_resolution_on_an_obstacle_refers_it_to_the_responsible_agency(world):
    from tashil.obstacles.models import Obstacle

    obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="نقدینگی برای جلسه")
    resolution = meeting_services.save_resolution(
        Resolution(
            meeting=world.meeting_a,
            text="بانک تسهیلات بدهد",
            obstacle=obstacle,
            agency=world.agency_a2,
            deadline=today() + datetime.timedelta(days=12),
        ),
        user=world.users["secretariat"],
    )
    referral = obstacle.referrals.get()
    assert referral.agency == world.agency_a2 and referral.due_date == resolution.deadline
    assert meeting_services.move_obstacle_forward(resolution) is None, "not twice"
    assert resolution.unit == world.unit_a


def test_resolution_rules(world):
    bad = Resolution(meeting=world.meeting_a, text="بی‌مسئول", deadline=today())
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "دستگاه مسئول" in messages_of(error)
    early = Resolution(
        meeting=world.meeting_a,
        text="x",
        agency=world.agency_a,
        deadline=world.meeting_a.date - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        early.full_clean()
    wrong_unit = Resolution(
        meeting=world.meeting_a,
        text="x",
        agency=world.agency_a,
        unit=world.unit_a2,
        obstacle=world.obstacle_a,
        deadline=today(),
    )
    with pytest.raises(ValidationError) as error:
        wrong_unit.full_clean()
    assert "واحد دیگری" in messages_of(error)


def test_resolutions_are_numbered_within_their_meeting(world):
    second = Resolution.objects.create(meeting=world.meeting_a, text="دوم", agency=world.agency_a, deadline=today())
    assert world.resolution_a.number == 1
    assert second.number == world.meeting_a.resolutions.count() == world.resolution_evidence_a.number + 1
