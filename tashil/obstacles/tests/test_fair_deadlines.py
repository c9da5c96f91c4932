"""Fair deadlines: a referral's days are counted by its agency's place's calendar (the weekend, the official
holidays, the closures of its province or county) and stop while it waits on the producer's documents; the
first response is measured against a target of its own."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse

from tashil.core.changelog import history_for
from tashil.core.choices import ChangeAction
from tashil.core.jalali import format_jalali, today
from tashil.core.models import ChangeLogEntry
from tashil.core.reference import load_calendar
from tashil.core.testing import pages
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.geo import services as geo_services
from tashil.geo.calendar import calendar_for
from tashil.geo.models import Closure
from tashil.notifications.models import Notification
from tashil.notifications.tasks import daily_jobs
from tashil.obstacles import services
from tashil.obstacles.choices import EventKind, ReferralStatus
from tashil.obstacles.models import Obstacle, ObstacleEvent, Referral

WEDNESDAY = datetime.date(2025, 2, 5)  # 1403/11/17; Thursday and Friday off; Monday 10 Feb (1403/11/22) a holiday


def on(day):
    """The services' today, for the events of a test that spans days."""
    return mock.patch("tashil.obstacles.services.today", return_value=day)


def refer(world, unit, agency, day=WEDNESDAY):
    obstacle = Obstacle.objects.create(unit=unit, group=world.group_finance, title="مهلت منصفانه", reported_date=day)
    with on(day):
        return services.refer(obstacle, [agency])[0]


def test_a_deadline_across_a_weekend_a_holiday_a_provincial_closure_and_a_wait(world):
    load_calendar()
    in_a = refer(world, world.unit_a, world.agency_a2)
    in_b = refer(world, world.unit_b, world.agency_b)
    # Counting from Saturday 8 Feb: 8, 9, (10 holiday), 11, 12, (13, 14 weekend), 15, 16, 17, 18, 19, (20, 21), 22.
    assert in_a.due_date == in_b.due_date == datetime.date(2025, 2, 22)
    assert in_a.first_response_due == datetime.date(2025, 2, 11)  # 8, 9, (10), 11: three working days

    # Province A's offices close on Sunday 16 Feb: a working day less for province A's agencies only.
    geo_services.save_closure(Closure(date=datetime.date(2025, 2, 16), province=world.province_a, reason="آلودگی هوا"))
    in_a.refresh_from_db()
    in_b.refresh_from_db()
    assert in_a.due_date == datetime.date(2025, 2, 23)
    assert in_b.due_date == datetime.date(2025, 2, 22), "province B did not close"
    note = in_a.obstacle.events.get(kind=EventKind.DEADLINE)
    assert "آلودگی هوا" in note.text and format_jalali(datetime.date(2025, 2, 23)) in note.text
    assert not in_b.obstacle.events.filter(kind=EventKind.DEADLINE).exists()

    # Monday 17 Feb the agency asks for documents (its first response: 6 working days, the closure not one of
    # them); the producer answers on Thursday 20 Feb: 18 and 19 waited (20 is a weekend day), not the agency's.
    with on(datetime.date(2025, 2, 17)):
        services.request_documents(in_a, "صورت‌های مالی ۱۴۰۲", user=world.users["agency_officer"])
    assert (in_a.first_response_date, in_a.first_response_days) == (datetime.date(2025, 2, 17), 6)
    assert not in_a.is_overdue and in_a.status == ReferralStatus.AWAITING_PRODUCER
    with on(datetime.date(2025, 2, 20)):
        services.supply_documents(in_a, "فرستاده شد", user=world.users["unit_rep"])
    in_a.refresh_from_db()
    assert (in_a.days_waited, in_a.due_date, in_a.status) == (2, datetime.date(2025, 2, 25), ReferralStatus.ACCEPTED)

    # Removing the closure gives the day back.
    geo_services.delete_closure(Closure.objects.get(date=datetime.date(2025, 2, 16), province=world.province_a))
    in_a.refresh_from_db()
    assert in_a.due_date == datetime.date(2025, 2, 24)


def test_each_moved_deadline_has_its_change_log_entry(world):
    """The closure moves the deadlines in one bulk write; each referral it moved gets its entry (the old and new
    due date, by whoever recorded the closure), on the obstacle's history — and one it did not move gets none."""
    load_calendar()
    moved = [refer(world, world.unit_a, world.agency_a2), refer(world, world.unit_a2, world.agency_a2)]
    elsewhere = refer(world, world.unit_b, world.agency_b)
    referrals = ChangeLogEntry.objects.filter(content_type__model="referral", action=ChangeAction.UPDATE)
    before = set(referrals.values_list("pk", flat=True))
    who = world.users["province_secretariat"]
    sunday = datetime.date(2025, 2, 16)
    geo_services.save_closure(Closure(date=sunday, province=world.province_a, reason="آلودگی هوا"), user=who)
    written = referrals.exclude(pk__in=before)
    assert sorted(written.values_list("object_id", flat=True)) == sorted(r.pk for r in moved)
    for referral in moved:
        entry = written.get(object_id=referral.pk)
        assert entry.user == who
        assert [(c["field"], c["new"]) for c in entry.changes] == [
            ("due_date", format_jalali(datetime.date(2025, 2, 23)))
        ]
        assert entry in history_for(referral.obstacle)
    assert not written.filter(object_id=elsewhere.pk).exists()

    # Removing the closure moves them back: one more entry each.
    geo_services.delete_closure(Closure.objects.get(date=sunday, province=world.province_a), user=who)
    assert referrals.exclude(pk__in=before).count() == 4


def test_a_county_closure_counts_for_that_county_s_agencies_only_and_a_day_is_closed_once(world):
    load_calendar()
    referral = refer(world, world.unit_a, world.agency_a2)  # county A's electricity office
    sunday = datetime.date(2025, 2, 16)
    geo_services.save_closure(Closure(date=sunday, county=world.county_a2, reason="انتخابات"))
    referral.refresh_from_db()
    assert referral.due_date == datetime.date(2025, 2, 22), "county A2's closure is not county A's"
    geo_services.save_closure(Closure(date=sunday, county=world.county_a, reason="انتخابات"))
    referral.refresh_from_db()
    assert referral.due_date == datetime.date(2025, 2, 23)
    # The whole province closes the same day: county A was closed already, nothing moves twice.
    geo_services.save_closure(Closure(date=sunday, province=world.province_a, reason="گرما"))
    referral.refresh_from_db()
    assert referral.due_date == datetime.date(2025, 2, 23)
    assert referral.obstacle.events.filter(kind=EventKind.DEADLINE).count() == 1
    assert calendar_for(world.province_b.pk, world.county_b.pk).is_working_day(sunday), "province B worked"


def test_a_closure_on_a_weekend_or_a_holiday_moves_nothing(world):
    load_calendar()
    referral = refer(world, world.unit_a, world.agency_a2)
    for day in (datetime.date(2025, 2, 13), datetime.date(2025, 2, 10)):  # a Thursday, the holiday
        geo_services.save_closure(Closure(date=day, province=world.province_a, reason="گرما"))
    referral.refresh_from_db()
    assert referral.due_date == datetime.date(2025, 2, 22)


def test_a_secretariat_enters_its_county_s_closure_on_its_page_and_the_running_deadline_moves(world, client_as):
    client = client_as("secretariat")
    referral = world.referral_a  # referred today to county A's tax office
    old_due, other_due = referral.due_date, world.referral_b.due_date
    calendar = calendar_for(world.province_a.pk, world.county_a.pk)
    counted = calendar.working_days_between(referral.referred_date, old_due)
    closed = calendar.add_working_days(today(), 1)  # the next working day, inside the running count

    listing = client.get(reverse("geo:closure_list") + "?county=" + str(world.county_a.pk))
    form = pages.form(client.get(pages.link(listing, href_contains=reverse("geo:closure_add"))), testid="object-form")
    form.fill(date=format_jalali(closed), county=str(world.county_a.pk), reason="آلودگی هوا")
    assert form.submit(client).status_code == 302

    referral.refresh_from_db()
    assert referral.due_date > old_due
    after = calendar_for(world.province_a.pk, world.county_a.pk)
    assert not after.is_working_day(closed)
    assert after.working_days_between(referral.referred_date, referral.due_date) == counted
    assert world.obstacle_a.events.filter(kind=EventKind.DEADLINE, referral=referral).exists()
    world.referral_b.refresh_from_db()
    assert world.referral_b.due_date == other_due, "county B's agency is not in county A"

    closure = Closure.objects.get(date=closed, county=world.county_a)
    assert client_as("secretariat_b").get(closure.get_absolute_url()).status_code == 404
    shown = client.get(closure.get_absolute_url())
    delete = pages.form(
        client.get(pages.link(shown, href_contains=reverse("geo:closure_delete", args=[closure.pk]))),
        button_testid="confirm-delete",
    )
    assert delete.submit(client).status_code == 302
    referral.refresh_from_db()
    assert referral.due_date == old_due


def test_a_closure_needs_its_place(world, client_as):
    client = client_as("secretariat")
    form = pages.form(client.get(reverse("geo:closure_add")), testid="object-form")
    form.fill(date="۱۴۰۵/۰۲/۳۱", reason="گرما")
    response = form.submit(client)
    assert response.status_code == 400
    assert "استان تعطیل‌شده را برگزینید" in response.content.decode()
    assert not Closure.objects.exclude(pk=world.closure_a.pk).exists()


def test_the_agency_pauses_the_clock_and_the_producer_starts_it_again_on_their_pages(
    world, client_as, django_capture_on_commit_callbacks
):
    officer, producer = client_as("agency_officer"), client_as("unit_rep")
    referral = world.referral_a
    page = officer.get(referral.get_absolute_url())
    ask = pages.form(officer.get(pages.link(page, testid="request-documents")), testid="object-form")
    ask.fill(request="گواهی مفاصاحساب بیمه")
    with django_capture_on_commit_callbacks(execute=True):
        assert ask.submit(officer).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.AWAITING_PRODUCER and referral.first_response_date == today()
    told = Notification.objects.get(recipient=world.users["unit_rep"], url=referral.get_absolute_url())
    assert "گواهی مفاصاحساب بیمه" in told.body

    page = producer.get(told.url)
    assert "گواهی مفاصاحساب بیمه" in page.content.decode()
    answer = pages.form(producer.get(pages.link(page, testid="supply-documents")), testid="object-form")
    answer.fill(reply="گواهی پیوست شد")
    with django_capture_on_commit_callbacks(execute=True):
        assert answer.submit(producer).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.wait_reply, referral.waiting_since) == (
        ReferralStatus.ACCEPTED,
        "گواهی پیوست شد",
        None,
    )
    assert ObstacleEvent.objects.filter(referral=referral, kind=EventKind.WAIT).count() == 2


def test_asking_for_documents_is_the_same_by_page_and_api(world, client_as):
    from rest_framework.test import APIClient

    referral = world.referral_a
    api = APIClient()
    api.force_authenticate(world.users["agency_officer"])
    page_way = by_page(
        client_as("agency_officer"), referral.get_absolute_url(), link="/do/request_documents/", request="نقشه ثبتی"
    )
    api_way = by_api(api, reverse("api:referral-request-documents", args=[referral.pk]), {"request": "نقشه ثبتی"})

    def state():
        fresh = Referral.objects.get(pk=referral.pk)
        return (fresh.status, fresh.waiting_since, fresh.wait_request, fresh.first_response_date)

    outcome = same_both_ways(
        [(ObstacleEvent, ("kind", "text", "referral_id")), (Notification, ("recipient_id", "title", "body"))],
        page_way,
        api_way,
        state,
    )
    assert outcome["state"][0] == ReferralStatus.AWAITING_PRODUCER


def test_what_the_clock_refuses(world, client_as):
    referral = world.referral_a
    officer = client_as("agency_officer")
    ask = pages.form(
        officer.get(reverse("obstacles:referral_action", args=[referral.pk, "request_documents"])), testid="object-form"
    )
    response = ask.submit(officer)
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING
    with pytest.raises(Exception, match="منتظر مدارک شما نیست"):
        services.supply_documents(referral, "پاسخ", user=world.users["unit_rep"])
    services.request_documents(referral, "پروانه بهره‌برداری")
    with pytest.raises(Exception, match="پاسخ تازه"):
        services.answer(referral, ReferralStatus.DONE, "انجام شد")
    # The same agency is not referred the obstacle again while it waits.
    with pytest.raises(Exception, match="پاسخ آن باز است"):
        services.refer(referral.obstacle, [referral.agency])


def test_the_daily_job_reminds_the_producer_and_ends_a_wait_past_its_limit(world, django_capture_on_commit_callbacks):
    calendar = calendar_for(world.province_a.pk, world.county_a.pk)
    referral = world.referral_a
    services.request_documents(referral, "فهرست بیمه کارکنان")
    reminded_since = calendar.add_working_days(today(), -settings.TASHIL_PRODUCER_REMIND_DAYS)
    Referral.objects.filter(pk=referral.pk).update(waiting_since=reminded_since, wait_reminded=reminded_since)
    reminders = Notification.objects.filter(recipient=world.users["unit_rep"], title__startswith="یادآوری")
    daily_jobs.call()
    referral.refresh_from_db()
    assert referral.is_waiting and referral.wait_reminded == today()
    assert reminders.count() == 1
    daily_jobs.call()
    assert reminders.count() == 1, "reminded again only after a few working days"

    long_ago = calendar.add_working_days(today(), -settings.TASHIL_PRODUCER_WAIT_DAYS)
    Referral.objects.filter(pk=referral.pk).update(waiting_since=long_ago)
    due = referral.due_date
    with django_capture_on_commit_callbacks(execute=True):
        result = daily_jobs.call()
    referral.refresh_from_db()
    assert result["producer_waits"] == 1
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.days_waited == settings.TASHIL_PRODUCER_WAIT_DAYS
    assert referral.due_date == calendar.add_working_days(due, settings.TASHIL_PRODUCER_WAIT_DAYS)
    assert Notification.objects.filter(recipient=world.users["agency_officer"], title__contains="پایان انتظار").exists()
