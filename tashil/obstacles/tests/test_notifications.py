"""Notifications are written with the event and e-mailed later by the task worker, once."""

from django.core import mail

from tashil.core.persian import to_persian_digits
from tashil.core.testing.tasks import run_queued_tasks
from tashil.notifications.models import Notification, NotificationKind
from tashil.notifications.tasks import daily_jobs, next_run, schedule_next_daily_jobs
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import ReferralStatus
from tashil.obstacles.models import Obstacle

from .world import make_overdue


def give_emails(world):
    for key, user in world.users.items():
        user.email = f"{key}@example.ir"
        user.save()


def test_a_referral_notifies_the_agency_and_the_worker_emails_it(world, django_capture_on_commit_callbacks):
    give_emails(world)
    obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="نقدینگی")
    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.refer(obstacle, [world.agency_a], user=world.users["secretariat"])
    note = Notification.objects.get(
        recipient=world.users["agency_officer"], kind=NotificationKind.REFERRED, title__contains="نقدینگی"
    )
    assert note.emailed_at is None and len(mail.outbox) == 0, "nothing is sent inside the request"
    run_queued_tasks()
    note.refresh_from_db()
    assert note.emailed_at is not None
    sent = [m for m in mail.outbox if "نقدینگی" in m.subject]
    assert len(sent) == 1 and sent[0].to == ["agency_officer@example.ir"]
    run_queued_tasks()
    assert len([m for m in mail.outbox if "نقدینگی" in m.subject]) == 1, "never twice"


def test_an_answer_notifies_who_referred_and_the_units_representative(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.answer(
            world.referral_a, ReferralStatus.DONE, "برگ اصلاح شد", user=world.users["agency_officer"]
        )
    recipients = set(
        Notification.objects.filter(kind=NotificationKind.ANSWERED).values_list("recipient__username", flat=True)
    )
    assert recipients == {"secretariat", "unit.rep"}


def test_escalation_notifies_the_next_levels_secretariat(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.escalate(world.obstacle_a, world.users["secretariat"])
    recipients = set(
        Notification.objects.filter(kind=NotificationKind.ESCALATED).values_list("recipient__username", flat=True)
    )
    assert recipients == {"province.secretariat"}
    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.escalate(world.obstacle_a, world.users["secretariat"])
    recipients = set(
        Notification.objects.filter(kind=NotificationKind.ESCALATED).values_list("recipient__username", flat=True)
    )
    assert "admin" in recipients


def test_the_daily_job_reports_overdue_referrals_once_and_sends_digests(world, django_capture_on_commit_callbacks):
    give_emails(world)
    make_overdue(world.referral_a)
    with django_capture_on_commit_callbacks(execute=True):
        result = daily_jobs.call()
    assert result["overdue"] == 1
    overdue = Notification.objects.filter(kind=NotificationKind.OVERDUE)
    assert set(overdue.values_list("recipient__username", flat=True)) == {"agency.officer", "secretariat"}
    digest = Notification.objects.get(recipient=world.users["agency_officer"], kind=NotificationKind.DIGEST)
    assert "از مهلت گذشته" in digest.body
    with django_capture_on_commit_callbacks(execute=True):
        again = daily_jobs.call()
    assert again["overdue"] == 0 and again["digests"] == 0, "each referral and each day only once"
    run_queued_tasks(limit=50)
    assert any("خلاصه روزانه" in m.subject for m in mail.outbox)


def test_the_daily_job_schedules_itself_once(world):
    from django_tasks_db.models import DBTaskResult

    schedule_next_daily_jobs()
    schedule_next_daily_jobs()
    waiting = DBTaskResult.objects.filter(task_path="tashil.notifications.tasks.daily_jobs", status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after == next_run()


def test_the_bell_shows_the_unread_count_and_opening_marks_read(world, client_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        elsewhere = Obstacle.objects.create(unit=world.unit_b, group=world.group_finance, title="در ب")
        obstacle_services.refer(elsewhere, [world.agency_b], user=world.users["secretariat_b"])  # not this officer's
        obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="جدید")
        obstacle_services.refer(obstacle, [world.agency_a])
    client = client_as("agency_officer")
    page = client.get("/").content.decode()
    unread = Notification.objects.filter(recipient=world.users["agency_officer"], read_at__isnull=True).count()
    assert unread >= 1
    assert f'data-testid="unread-count">{to_persian_digits(unread)}<' in page
    note = Notification.objects.filter(recipient=world.users["agency_officer"]).latest("pk")
    response = client.get(f"/notifications/{note.pk}/")
    assert response.status_code == 302 and response["Location"] == obstacle.get_absolute_url()
    note.refresh_from_db()
    assert note.read_at is not None
    assert client_as("secretariat").get(f"/notifications/{note.pk}/").status_code == 404, "nobody opens another's"


def test_the_notification_list_says_what_each_is_about(world, client_as, django_capture_on_commit_callbacks):
    """Each row shows its title and, under it, the start of its text: which obstacle an agency answered
    about. The export has both."""
    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.answer(
            world.referral_a, ReferralStatus.DONE, "برگ اصلاح شد", user=world.users["agency_officer"]
        )
    note = Notification.objects.get(kind=NotificationKind.ANSWERED, recipient=world.users["secretariat"])
    client = client_as("secretariat")
    page = client.get("/notifications/").content.decode()
    assert f'<a href="/notifications/{note.pk}/">{note.title}</a>' in page
    assert f"درباره مانع «{world.obstacle_a.title}»" in page
    response = client.get("/notifications/", {"export": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    exported = body.decode("utf-8-sig")
    assert world.obstacle_a.title in exported
