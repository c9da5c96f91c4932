"""Reminders before a deadline, through the daily job: each on the right working day across a Thursday–Friday
weekend and a holiday, each once however often the job runs, and only where the secretariat has them on.

The week used: Saturday 2026-12-05 … Tuesday 2026-12-15, with Thursday and Friday the weekend and Saturday
2026-12-12 a holiday, so the working days are 5, 6, 7, 8, 9, 13, 14, 15.
"""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings

from tashil.clinic.models import WeeklyUpdate
from tashil.clinic.reminders import remind_weekly_updates
from tashil.core import workdays
from tashil.core.choices import Weekday
from tashil.core.jalali import to_gregorian, today
from tashil.core.models import Holiday, WeekendDay
from tashil.meetings.choices import MeetingStatus
from tashil.meetings.models import Meeting, Resolution
from tashil.meetings.reminders import notify_overdue_resolutions, remind_resolutions
from tashil.notifications.models import Notification, NotificationKind, OutgoingSMS, ReminderSettings, SentReminder
from tashil.notifications.tasks import daily_jobs
from tashil.obstacles.models import Referral
from tashil.obstacles.notify import remind_referrals
from tashil.units.models import PeriodicReport
from tashil.units.reminders import remind_monthly_reports, remind_reviews

DAYS = [datetime.date(2026, 12, 5) + datetime.timedelta(days=n) for n in range(11)]
TUESDAY, WEDNESDAY, SATURDAY, HOLIDAY, SUNDAY_AFTER = (
    datetime.date(2026, 12, 8),
    datetime.date(2026, 12, 9),
    datetime.date(2026, 12, 5),
    datetime.date(2026, 12, 12),
    datetime.date(2026, 12, 13),
)


@pytest.fixture
def calendar(world):
    for weekday in (Weekday.THURSDAY, Weekday.FRIDAY):
        WeekendDay.objects.create(weekday=weekday)
    Holiday.objects.create(date=HOLIDAY, title="تعطیل آزمایشی")
    ReminderSettings.objects.filter(county=world.county_a).update(days_before=2)
    yield world
    cache.delete(workdays.CACHE_KEY)  # the rolled-back weekend must not outlive the test in the cached calendar


def run_days(job, days=DAYS, twice=True):
    """Run ``job`` for each day (twice a day when ``twice``), returning {day: reminders sent that day}."""
    sent = {}
    for day in days:
        count = job(day=day)
        if twice:
            count += job(day=day)
        if count:
            sent[day] = count
    return sent


def titles(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk").values_list("title", flat=True))


def only_referral_a_due(world, day):
    """Referral A due on ``day``; the world's other referrals (made today, due in ten working days) far later."""
    Referral.objects.exclude(pk=world.referral_a.pk).update(due_date=datetime.date(2027, 6, 1))
    Referral.objects.filter(pk=world.referral_a.pk).update(due_date=day)


def test_a_referral_is_reminded_two_working_days_before_its_due_date_and_on_it_once_each(calendar):
    world = calendar
    only_referral_a_due(world, SUNDAY_AFTER)
    assert run_days(remind_referrals) == {TUESDAY: 1, SUNDAY_AFTER: 1}, "Wednesday, holiday Saturday: not counted"
    sent = titles(world.users["agency_officer"], NotificationKind.REMINDER)
    assert sent == ["۲ روز کاری تا مهلت پاسخ: برگ تشخیص مالیات الف", "امروز مهلت پاسخ است: برگ تشخیص مالیات الف"]
    assert not titles(world.users["agency_officer_b"], NotificationKind.REMINDER)


def test_a_moved_due_date_is_reminded_again_and_a_county_that_turned_referrals_off_gets_none(calendar):
    world = calendar
    only_referral_a_due(world, SUNDAY_AFTER)
    assert remind_referrals(day=TUESDAY) == 1
    Referral.objects.filter(pk=world.referral_a.pk).update(due_date=datetime.date(2026, 12, 14))
    assert remind_referrals(day=datetime.date(2026, 12, 9)) == 1, "a new deadline, a new reminder"
    ReminderSettings.objects.filter(county=world.county_a).update(referrals=False)
    assert run_days(remind_referrals) == {}


def test_a_resolution_due_on_a_friday_is_reminded_before_and_on_the_last_working_day_then_overdue_once(calendar):
    world = calendar
    Meeting.objects.filter(pk=world.meeting_a.pk).update(status=MeetingStatus.APPROVED)
    Resolution.objects.filter(pk=world.resolution_a.pk).update(deadline=datetime.date(2026, 12, 11))
    Resolution.objects.filter(pk=world.resolution_evidence_a.pk).update(deadline=datetime.date(2027, 1, 30))
    assert run_days(remind_resolutions) == {TUESDAY: 1, WEDNESDAY: 1}
    assert run_days(notify_overdue_resolutions) == {HOLIDAY: 1}, "the day after the deadline passed, once"
    overdue = Notification.objects.filter(kind=NotificationKind.OVERDUE, title__startswith="مهلت اجرای مصوبه گذشت")
    assert set(overdue.values_list("recipient__username", flat=True)) == {"agency.officer", "secretariat"}


def test_a_draft_minutes_resolution_is_not_reminded(calendar):
    world = calendar
    Resolution.objects.filter(pk=world.resolution_a.pk).update(deadline=datetime.date(2026, 12, 11))
    assert run_days(remind_resolutions) == {}


def test_unit_representatives_are_reminded_of_the_months_report_and_those_who_sent_it_are_not(calendar):
    world = calendar
    due = to_gregorian(1405, 9, 22)
    assert due == SUNDAY_AFTER
    ReminderSettings.objects.filter(county=world.county_a).update(report_due_day=22)
    PeriodicReport.objects.create(unit=world.unit_a2, year=1405, month=8, production=5)
    assert run_days(remind_monthly_reports) == {TUESDAY: 1, SUNDAY_AFTER: 1}
    sent = Notification.objects.filter(kind=NotificationKind.REPORT_DUE)
    assert set(sent.values_list("recipient__username", flat=True)) == {"unit.rep"}
    assert "آبان ۱۴۰۵" in sent.first().title and "year=1405&month=8" in sent.first().url


def test_the_secretariat_hears_of_reports_waiting_on_the_first_working_day_of_each_week(calendar):
    world = calendar
    assert run_days(remind_reviews) == {SATURDAY: 1, SUNDAY_AFTER: 1}, "the holiday Saturday moves it to Sunday"
    assert (
        titles(world.users["secretariat"], NotificationKind.REPORT_REVIEW) == ["۱ آمار ماهانه در انتظار بررسی است"] * 2
    )
    assert not titles(world.users["secretariat_b"], NotificationKind.REPORT_REVIEW)


def test_the_expert_of_a_case_without_an_update_is_reminded_on_the_weeks_last_working_day(calendar):
    world = calendar
    WeeklyUpdate.objects.filter(case=world.case_a).update(date=datetime.date(2026, 11, 1))
    week_two = [day for day in DAYS if day >= HOLIDAY]
    WeeklyUpdate.objects.create(case=world.case_a, date=SUNDAY_AFTER, done="گزارش هفته دوم")
    assert run_days(remind_weekly_updates, DAYS[:7]) == {WEDNESDAY: 1}, "Thursday and Friday are the weekend"
    assert run_days(remind_weekly_updates, [*week_two, datetime.date(2026, 12, 16)]) == {}, "updated that week"
    assert titles(world.users["clinic_expert"], NotificationKind.CLINIC_STALE) == [
        f"گزارش هفتگی «{world.case_a.unit}» این هفته ثبت نشده است"
    ]


@override_settings(SMS_QUIET_START="00:00", SMS_QUIET_END="00:00")
def test_the_daily_job_run_twice_sends_each_reminder_once_by_the_channels_chosen(world, sms_outbox):
    officer = world.users["agency_officer"]
    officer.mobile = "09121234567"
    officer.save()
    Referral.objects.filter(pk=world.referral_a.pk).update(due_date=today() + datetime.timedelta(days=1))
    first = daily_jobs.call()
    second = daily_jobs.call()
    assert first["referral_reminders"] == 1 and second["referral_reminders"] == 0
    assert SentReminder.objects.filter(key__startswith=f"referral:{world.referral_a.pk}:").count() == 1
    assert len(titles(officer, NotificationKind.REMINDER)) == 1
    assert OutgoingSMS.objects.filter(recipient=officer, kind=NotificationKind.REMINDER).count() == 1
