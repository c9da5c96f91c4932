"""The producer closes the loop: after an agency's «done» the unit's representative confirms or reopens (with a
reason) and rates the outcome and the agency's conduct; silence past the working-day deadline confirms; a
reopened obstacle goes back to the agency, visibly; the scorecard's reopen rate and ratings equal their list."""

import datetime
import re
from unittest import mock

from django.urls import reverse
from rest_framework.test import APIClient

from tashil.core.choices import ScopeLevel
from tashil.core.models import Holiday, WeekendDay
from tashil.core.reference import load_calendar
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.core.testing.pages import form, link
from tashil.geo.areas import Area
from tashil.notifications.models import Notification
from tashil.notifications.registry import DAILY_JOBS
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import EventKind, ObstacleStatus, ReferralStatus, ReviewState
from tashil.obstacles.models import Obstacle, ObstacleEvent, ProducerReview, Referral
from tashil.reports import figures


def done_by_agency(world, title="قطع گاز در شیفت شب", agency=None, unit=None):
    """A new obstacle of unit A referred to ``agency`` and answered «done» by its officer: the review it asks."""
    agency = agency or world.agency_a
    obstacle = Obstacle.objects.create(unit=unit or world.unit_a, group=world.group_tax, title=title)
    referral = obstacle_services.refer(obstacle, [agency], user=world.users["secretariat"])[0]
    officer = world.users["agency_officer"] if agency == world.agency_a else None
    obstacle_services.answer(referral, ReferralStatus.DONE, "بدهی تقسیط شد.", user=officer)
    return referral.reviews.get()


def test_done_asks_the_representative_who_finds_it_on_the_home_page(
    world, client_as, settings, django_capture_on_commit_callbacks
):
    settings.TASHIL_PRODUCER_REVIEW_DAYS = 10
    with django_capture_on_commit_callbacks(execute=True):
        review = done_by_agency(world)
    assert review.state == ReviewState.PENDING
    rep = world.users["unit_rep"]
    told = Notification.objects.get(recipient=rep, title__contains="قطع گاز در شیفت شب")
    from_the_bell = client_as("unit_rep").get(told.url)
    assert link(from_the_bell, testid="answer-review").endswith(review.get_absolute_url())
    home = client_as("unit_rep").get("/")
    assert "قطع گاز در شیفت شب" in home.content.decode()
    review_page = client_as("unit_rep").get(link(home, href_contains=review.get_absolute_url()))
    assert 'data-testid="confirm-form"' in review_page.content.decode()
    # The other unit's representative neither sees it nor may answer it.
    other = client_as("unit_rep_b")
    assert other.get(review.get_absolute_url()).status_code == 404
    assert other.post(f"/obstacles/reviews/{review.pk}/do/confirm/", {}).status_code == 404
    # The agency sees it but does not answer for the producer.
    assert client_as("agency_officer").post(f"/obstacles/reviews/{review.pk}/do/confirm/", {}).status_code == 403


def test_confirming_needs_both_ratings_and_is_the_same_by_page_and_api(world, client_as, api_as):
    review = done_by_agency(world)
    client = client_as("unit_rep")
    refused = client.post(f"/obstacles/reviews/{review.pk}/do/confirm/", {"outcome_rating": "4"})
    assert refused.status_code == 400
    assert "به رفتار دستگاه از ۱ تا ۵ امتیاز دهید" in refused.content.decode()
    review.refresh_from_db()
    assert review.state == ReviewState.PENDING, "nothing half-written"

    watched = (
        (ObstacleEvent, ("obstacle_id", "kind", "text", "author_id", "referral_id")),
        (Notification, ("recipient_id", "kind", "title", "body", "url")),
    )

    def state():
        return list(
            ProducerReview.objects.filter(pk=review.pk).values(
                "state", "outcome_rating", "conduct_rating", "reason", "answered_by_id"
            )
        )

    outcome = same_both_ways(
        watched,
        by_page(client, review.get_absolute_url(), testid="confirm-form", outcome_rating="4", conduct_rating="5"),
        by_api(
            api_as("unit_rep"),
            f"/api/obstacles/reviews/{review.pk}/confirm/",
            {"outcome_rating": 4, "conduct_rating": 5},
        ),
        state,
    )
    assert outcome["state"] == [
        {
            "state": ReviewState.CONFIRMED,
            "outcome_rating": 4,
            "conduct_rating": 5,
            "reason": "",
            "answered_by_id": world.users["unit_rep"].pk,
        }
    ]
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == [EventKind.REVIEW]
    told = {n["recipient_id"] for n in outcome["notifications.Notification"]}
    assert world.users["agency_officer"].pk in told


def test_reopening_sends_the_obstacle_back_to_the_agency_visibly(world, client_as, django_capture_on_commit_callbacks):
    review = done_by_agency(world, title="پروانه بهره‌برداری صادر نشد")
    referral = review.referral
    obstacle = referral.obstacle
    # The secretariat had already closed it as resolved; the producer disagrees.
    obstacle_services.close(obstacle, "resolved", user=world.users["secretariat"])
    client = client_as("unit_rep")
    page = client.get(review.get_absolute_url())
    without_reason = form(page, testid="reopen-form").fill(outcome_rating="1", conduct_rating="2").submit(client)
    assert without_reason.status_code == 400
    assert "بنویسید چرا کار دستگاه مانع را برطرف نکرده است" in without_reason.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        reopened = (
            form(page, testid="reopen-form")
            .fill(reason="پروانه هنوز در سامانه صادر نشده است.", outcome_rating="1", conduct_rating="2")
            .submit(client)
        )
    assert reopened.status_code == 302
    review.refresh_from_db()
    referral.refresh_from_db()
    obstacle.refresh_from_db()
    assert review.state == ReviewState.REOPENED and review.reason == "پروانه هنوز در سامانه صادر نشده است."
    assert referral.status == ReferralStatus.IN_PROGRESS and referral.due_date > review.requested_date
    assert obstacle.status == ObstacleStatus.IN_PROGRESS and obstacle.outcome == "" and obstacle.closed_date is None
    assert obstacle.reopen_count == 1
    timeline = " ".join(obstacle.events.values_list("text", flat=True))
    assert "پروانه هنوز در سامانه صادر نشده است." in timeline and "بازگشایی" in timeline
    # The agency is told, finds it open again in its inbox, and the lists show the badge.
    assert world.users["agency_officer"].notifications.filter(title__contains="بازگشایی").exists()
    inbox = client_as("agency_officer").get("/obstacles/inbox/").content.decode()
    assert "پروانه بهره‌برداری صادر نشد" in inbox
    listing = client_as("secretariat").get("/obstacles/?q=پروانه").content.decode()
    assert 'data-testid="reopened-badge"' in listing
    assert 'data-testid="reopened-badge"' in client_as("secretariat").get(obstacle.get_absolute_url()).content.decode()
    # Answered once: the review refuses a second answer, and the agency may answer again.
    again = client.post(f"/obstacles/reviews/{review.pk}/do/confirm/", {"outcome_rating": "5", "conduct_rating": "5"})
    assert again.status_code == 400
    obstacle_services.answer(referral, ReferralStatus.DONE, "پروانه صادر شد.", user=world.users["agency_officer"])
    assert referral.reviews.filter(state=ReviewState.PENDING).count() == 1


def test_silence_counts_as_confirmation_after_the_working_days(world, settings):
    load_calendar()  # Thursday and Friday off
    WeekendDay.objects.get_or_create(weekday=4)
    settings.TASHIL_PRODUCER_REVIEW_DAYS = 3
    Holiday.objects.create(date=datetime.date(2025, 3, 1), title="تعطیلی آزمایشی")  # Saturday
    answered = datetime.date(2025, 2, 26)  # Wednesday
    with mock.patch("tashil.obstacles.services.today", return_value=answered):
        review = done_by_agency(world)
    # Thu 27 and Fri 28 off, Sat 1 March a holiday: Sun 2, Mon 3, Tue 4.
    assert review.due_date == datetime.date(2025, 3, 4)
    job = DAILY_JOBS["producer_silence"]
    assert job is obstacle_services.confirm_silent_reviews
    assert obstacle_services.confirm_silent_reviews(day=datetime.date(2025, 3, 4)) == 0
    review.refresh_from_db()
    assert review.state == ReviewState.PENDING, "the last day is still the producer's"
    assert obstacle_services.confirm_silent_reviews(day=datetime.date(2025, 3, 5)) == 1
    review.refresh_from_db()
    assert review.state == ReviewState.SILENT and review.outcome_rating is None
    assert review.referral.obstacle.events.filter(kind=EventKind.REVIEW, text__contains="نظری نداد").exists()
    assert obstacle_services.confirm_silent_reviews(day=datetime.date(2025, 3, 6)) == 0, "once"


def test_the_scorecard_reopen_rate_and_ratings_equal_their_list(world, client_as):
    titles = ("مانع یکم", "مانع دوم", "مانع سوم", "مانع چهارم")
    reviews = [done_by_agency(world, title=title) for title in titles]
    obstacle_services.confirm_done(reviews[0], 5, 4, user=world.users["unit_rep"])
    obstacle_services.confirm_done(reviews[1], 3, 2, user=world.users["unit_rep"])
    obstacle_services.reopen(reviews[2], "هنوز برق وصل نشده است.", 1, 1, user=world.users["unit_rep"])
    obstacle_services.confirm_by_silence(reviews[3])
    # Another agency's review does not count for agency A.
    other = done_by_agency(world, title="مانع برق", agency=world.agency_a2)
    obstacle_services.reopen(other, "قطع مکرر", 2, 2, user=world.users["unit_rep"])

    manager = world.users["manager"]
    area = Area(level=ScopeLevel.COUNTY, county=world.county_a)
    rows = {row["id"]: row for row in figures.agency_scorecard(area, manager)}
    row = rows[world.agency_a.pk]
    client = client_as("manager")
    page = client.get(reverse("reports:scorecard") + f"?county={world.county_a.pk}")
    html = page.content.decode()
    cells = re.search(rf'<tr data-agency="{world.agency_a.pk}">(.*?)</tr>', html, re.S).group(1)

    def figure_link(key):
        return re.search(rf'data-figure="{key}"><a href="([^"]+)"', cells).group(1).replace("&amp;", "&")

    listing = client.get(figure_link("reopen_share")).content.decode()
    everything = client.get(figure_link("outcome_rating"))
    listed = ProducerReview.objects.filter(
        referral__agency=world.agency_a, state__in=(ReviewState.CONFIRMED, ReviewState.REOPENED, ReviewState.SILENT)
    )
    assert row["reviews"] == listed.count() == 4
    assert row["reopened"] == listed.filter(state=ReviewState.REOPENED).count() == 1
    assert "هنوز برق وصل نشده است." in listing and "قطع مکرر" not in listing and "مانع یکم" not in listing
    assert row["reopen_share"] == 25.0
    rated = [r for r in listed if r.outcome_rating]
    assert row["outcome_rating"] == round(sum(r.outcome_rating for r in rated) / len(rated), 1) == 3.0
    assert row["conduct_rating"] == round(sum(r.conduct_rating for r in rated) / len(rated), 1) == 2.3
    assert everything.status_code == 200
    for title in titles:
        assert title in everything.content.decode()
    assert rows[world.agency_a2.pk]["reopen_share"] == 100.0


def test_another_units_review_answers_404_through_the_api(world):
    review = done_by_agency(world)
    api = APIClient()
    api.force_authenticate(world.users["unit_rep_b"])
    assert api.get(f"/api/obstacles/reviews/{review.pk}/").status_code == 404
    assert api.post(f"/api/obstacles/reviews/{review.pk}/reopen/", {"reason": "x"}).status_code == 404
    assert review.pk not in [r["id"] for r in api.get("/api/obstacles/reviews/").json()["results"]]
    assert Referral.objects.get(pk=review.referral_id).status == ReferralStatus.DONE
