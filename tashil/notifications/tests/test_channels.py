"""Each person's channels per kind of notice, the settings page they reach from the user menu, the quiet hours,
and the pages of sent messages and reminder settings, each in its scope."""

import datetime

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tashil.core.testing.pages import form, link
from tashil.core.testing.tasks import run_queued_tasks
from tashil.notifications.channels import quiet_until
from tashil.notifications.models import (
    ChannelPreference,
    NotificationKind,
    OutgoingSMS,
    ReminderSettings,
    SMSStatus,
)
from tashil.notifications.services import notify
from tashil.notifications.tasks import send_notification_email, send_outgoing_sms

NO_QUIET = {"SMS_QUIET_START": "00:00", "SMS_QUIET_END": "00:00"}


def give_mobiles(world):
    for index, key in enumerate(("agency_officer", "secretariat", "unit_rep")):
        user = world.users[key]
        user.mobile = f"0912000000{index}"
        user.email = f"{key}@example.ir"
        user.save()


def new_messages(world):
    """The messages written in the test (not the world's two)."""
    return OutgoingSMS.objects.exclude(pk__in=[world.sms_a.pk, world.sms_b.pk])


def queued(task):
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY")


def queued_args(task):
    return [result.args_kwargs["args"] for result in queued(task)]


@override_settings(**NO_QUIET)
def test_by_default_an_agency_officer_gets_a_referral_by_sms_and_the_secretariat_by_email_only(
    world, sms_outbox, django_capture_on_commit_callbacks
):
    give_mobiles(world)
    officer, secretariat = world.users["agency_officer"], world.users["secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        notify([officer, secretariat], NotificationKind.REFERRED, "ارجاع تازه: کمبود نقدینگی", url="/obstacles/7/")
    message = new_messages(world).get()
    assert message.recipient == officer and message.county == world.county_a and message.status == SMSStatus.QUEUED
    assert queued(send_notification_email).count() == 2, "both are e-mailed"
    run_queued_tasks()
    assert [(m.to, m.text) for m in sms_outbox] == [
        ("09120000000", "تسهیل: ارجاع تازه: کمبود نقدینگی\nhttp://127.0.0.1:8000/obstacles/7/")
    ]
    message.refresh_from_db()
    assert message.status == SMSStatus.SENT and message.attempts == 1


@override_settings(**NO_QUIET)
def test_the_settings_page_from_the_user_menu_sets_each_channel_and_notify_follows_it(
    world, client_as, sms_outbox, django_capture_on_commit_callbacks
):
    give_mobiles(world)
    officer = world.users["agency_officer"]
    client = client_as("agency_officer")
    page = client.get(link(client.get(reverse("home")), testid="channels-link"))
    assert page.status_code == 200 and "تنظیمات اعلان‌ها" in page.content.decode()
    assert "یادآوری پیش از مهلت" in page.content.decode() and "یادآوری آمار ماهانه" in page.content.decode()
    settings_form = form(page, testid="channels-form")
    assert settings_form.data["sms_referred"] == ["on"] and settings_form.data["email_referred"] == ["on"], (
        "the defaults"
    )
    assert settings_form.data.get("sms_digest", [""]) == [""], "the digest is never an SMS"
    settings_form.fill(sms_referred="", email_referred="", sms_answered="on")
    response = settings_form.submit(client)
    assert response.status_code == 302
    assert "ذخیره شد" in client.get(response["Location"]).content.decode()
    assert ChannelPreference.objects.get(user=officer, kind=NotificationKind.REFERRED).sms is False
    again = form(client.get(reverse("notifications:channels")), testid="channels-form")
    assert "sms_referred" not in again.data and again.data["sms_answered"] == ["on"]

    with django_capture_on_commit_callbacks(execute=True):
        notify([officer], NotificationKind.REFERRED, "ارجاع تازه: انرژی")
        notify([officer], NotificationKind.ANSWERED, "پاسخ دستگاه: انجام شد")
    assert list(new_messages(world).values_list("kind", flat=True)) == [NotificationKind.ANSWERED]
    referred = officer.notifications.get(kind=NotificationKind.REFERRED, title="ارجاع تازه: انرژی")
    assert [referred.pk] not in queued_args(send_notification_email), "no e-mail"
    assert officer.notifications.count() == 2, "the bell shows both whatever the channels"


def test_a_person_without_a_mobile_is_told_on_the_settings_page_and_gets_no_sms(world, client_as):
    page = client_as("agency_officer").get(reverse("notifications:channels"))
    assert 'data-testid="no-mobile"' in page.content.decode()
    notify([world.users["agency_officer"]], NotificationKind.REFERRED, "ارجاع تازه")
    assert not new_messages(world).exists()


def at(hour, minute=0, day=datetime.date(2026, 12, 5)):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def test_quiet_hours_are_tehran_time_and_cross_midnight():
    assert quiet_until(at(23, 30)) == at(7, 0, datetime.date(2026, 12, 6))
    assert quiet_until(at(6, 59)) == at(7, 0)
    assert quiet_until(at(22, 0)) == at(7, 0, datetime.date(2026, 12, 6))
    assert quiet_until(at(7, 0)) is None and quiet_until(at(12, 0)) is None
    with override_settings(SMS_QUIET_START="13:00", SMS_QUIET_END="14:30"):
        assert quiet_until(at(13, 10)) == at(14, 30) and quiet_until(at(15, 0)) is None


def test_in_the_quiet_hours_a_message_is_held_until_they_end_and_an_urgent_one_goes_at_once(
    world, sms_outbox, django_capture_on_commit_callbacks
):
    give_mobiles(world)
    now = timezone.localtime()
    start, end = now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=1)
    officer = world.users["agency_officer"]
    with override_settings(SMS_QUIET_START=start.strftime("%H:%M"), SMS_QUIET_END=end.strftime("%H:%M")):
        with django_capture_on_commit_callbacks(execute=True):
            notify([officer], NotificationKind.REFERRED, "ارجاع عادی")
            notify([officer], NotificationKind.REFERRED, "ارجاع فوری", urgent=True)
    held = new_messages(world).get(urgent=False)
    assert held.status == SMSStatus.HELD
    assert held.send_after == end.replace(second=0, microsecond=0)
    waiting = [r for r in queued(send_outgoing_sms) if r.args_kwargs["args"] == [held.pk]]
    assert len(waiting) == 1 and waiting[0].run_after == held.send_after
    run_queued_tasks()
    assert [m.text for m in sms_outbox] == ["تسهیل: ارجاع فوری"], "only the urgent one at night"
    send_outgoing_sms.call(held.pk)  # what the worker runs when the quiet hours end
    held.refresh_from_db()
    assert held.status == SMSStatus.SENT and [m.text for m in sms_outbox][-1] == "تسهیل: ارجاع عادی"


def test_the_sms_list_from_the_menu_shows_a_secretariat_only_its_countys_messages(world, client_as):
    client = client_as("secretariat")
    page = client.get(link(client.get(reverse("home")), href_contains=reverse("notifications:outgoingsms_list")))
    text = page.content.decode()
    assert "ارجاع تازه الف" in text and "ارجاع تازه ب" not in text
    other = client_as("secretariat_b").get(reverse("notifications:outgoingsms_list")).content.decode()
    assert "ارجاع تازه ب" in other and "ارجاع تازه الف" not in other
    assert client_as("agency_officer").get(reverse("notifications:outgoingsms_list")).status_code == 403


def test_a_secretariat_sets_its_countys_reminders_and_cannot_reach_another_countys(world, client_as):
    client = client_as("secretariat")
    listing = client.get(
        link(client.get(reverse("home")), href_contains=reverse("notifications:remindersettings_list"))
    )
    assert "شهرستان الف" in listing.content.decode() and "شهرستان ب" not in listing.content.decode()
    edit = client.get(link(listing, href_contains=f"/reminders/{world.reminders_a.pk}/edit/"))
    settings_form = form(edit, testid="object-form")
    settings_form.fill(days_before="۴۰", referrals="")
    refused = settings_form.submit(client)
    assert (
        refused.status_code == 400 and "«روز کاری پیش از مهلت» باید عددی از ۱ تا ۱۵ باشد." in refused.content.decode()
    )
    world.reminders_a.refresh_from_db()
    assert world.reminders_a.days_before == 3 and world.reminders_a.referrals, "nothing half-written"
    settings_form.fill(days_before="۵")
    assert settings_form.submit(client).status_code == 302
    world.reminders_a.refresh_from_db()
    assert world.reminders_a.days_before == 5 and not world.reminders_a.referrals
    url = reverse("notifications:remindersettings_edit", kwargs={"pk": world.reminders_a.pk})
    assert client_as("secretariat_b").get(url).status_code == 404
    assert client_as("secretariat_b").post(url, {"county": world.county_b.pk, "days_before": 1}).status_code == 404
    ReminderSettings.objects.filter(pk=world.reminders_b.pk).delete()
    add = client_as("secretariat_b").get(reverse("notifications:remindersettings_add")).content.decode()
    assert "شهرستان ب" in add and "شهرستان الف" not in add, "the county choices are the secretariat's own"
