"""The obstacles' part of the test world: the default taxonomy, an obstacle in each county with its referral."""

import datetime

from django.core.files.base import ContentFile

from tashil.notifications.models import Notification
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Attachment, Obstacle, ObstacleGroup, ProducerReview, SystemicIssue
from tashil.obstacles.taxonomy import load_taxonomy
from tashil.site.testing.world import world_builder


@world_builder
def build_obstacles(w):
    load_taxonomy()
    w.group_finance = ObstacleGroup.objects.get(code="FIN01")
    w.group_tax = ObstacleGroup.objects.get(code="REG01")
    w.domain_finance = w.group_finance.domain
    w.obstacle_a = Obstacle.objects.create(
        unit=w.unit_a, group=w.group_tax, title="برگ تشخیص مالیات الف", jobs_at_risk=10, amount=5 * 10**9
    )
    w.obstacle_b = Obstacle.objects.create(unit=w.unit_b, group=w.group_tax, title="برگ تشخیص مالیات ب")
    w.referral_a = obstacle_services.refer(w.obstacle_a, [w.agency_a], user=w.users["secretariat"])[0]
    w.referral_b = obstacle_services.refer(w.obstacle_b, [w.agency_b], user=w.users["secretariat_b"])[0]
    w.event_a = w.obstacle_a.events.first()
    # Who answers for them (set as rows, with no timeline entry, so each referral keeps its one event): referral
    # A with agency A's officer, each obstacle with its county's secretariat.
    stored(w.referral_a, assignee=w.users["agency_officer"])
    stored(w.referral_b, assignee=w.users["agency_officer_b"])
    stored(w.obstacle_a, follower=w.users["secretariat"])
    stored(w.obstacle_b, follower=w.users["secretariat_b"])
    # A review waiting for unit A's representative (a row for the permission matrix: referral A itself stays
    # unanswered, so every other test finds it as before).
    w.review_a = ProducerReview.objects.create(referral=w.referral_a, due_date=w.referral_a.due_date)
    w.attachment_a = Attachment.objects.create(
        obstacle=w.obstacle_a,
        file=ContentFile(b"%PDF-1.4 test", name="letter.pdf"),
        name="letter.pdf",
        size=13,
        content_type="application/pdf",
    )
    w.notification_a = Notification.objects.create(
        recipient=w.users["secretariat"], kind="info", title="اعلان آزمایشی", url=w.obstacle_a.get_absolute_url()
    )
    w.systemic_a = SystemicIssue.objects.create(
        title="موضوع فراگیر الف", proposal="اصلاح بخشنامه", group=w.group_tax, county=w.county_a
    )


def stored(row, **people):
    """Write people into ``row``'s columns as stored rows (no timeline entry, no change log), keeping the world's own
    instances (and what they were loaded with, so a later save logs only its own changes)."""
    type(row).objects.filter(pk=row.pk).update(**people)
    for name, person in people.items():
        setattr(row, name, person)
        row._loaded_values[f"{name}_id"] = person.pk


def make_overdue(referral, days=3):
    """Move a referral's dates into the past so it is overdue today."""
    from tashil.core.jalali import today

    referral.referred_date = today() - datetime.timedelta(days=30)
    referral.due_date = today() - datetime.timedelta(days=days)
    referral.save(update_fields=["referred_date", "due_date"])
    return referral
