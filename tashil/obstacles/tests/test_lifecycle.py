"""Every allowed and refused transition of an obstacle and its referrals."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tashil.core.choices import ScopeLevel
from tashil.core.jalali import today
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import EventKind, FailureParty, ObstacleStatus, Outcome, ReferralStatus
from tashil.obstacles.models import Obstacle, ObstacleGroup, Referral
from tashil.orgs.models import Agency

from .world import make_overdue


def new_obstacle(world, **extra):
    return Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مانع تازه", **extra)


def messages_of(error):
    return " ".join(error.value.messages)


def test_a_new_obstacle_is_registered_with_a_timeline_entry(world):
    obstacle = new_obstacle(world, reported_by=world.users["secretariat"])
    assert obstacle.status == ObstacleStatus.REGISTERED and obstacle.county == world.county_a
    event = obstacle.events.get()
    assert event.kind == EventKind.CREATED and event.author == world.users["secretariat"]


def test_referral_moves_registered_to_referred_with_one_event_per_agency(world):
    obstacle = new_obstacle(world)
    referrals = obstacle_services.refer(obstacle, [world.agency_a, world.agency_a2], user=world.users["secretariat"])
    obstacle.refresh_from_db()
    assert obstacle.status == ObstacleStatus.REFERRED
    assert {r.agency for r in referrals} == {world.agency_a, world.agency_a2}
    assert obstacle.events.filter(kind=EventKind.REFERRAL).count() == 2


def test_referring_twice_to_an_agency_whose_answer_is_open_is_refused(world):
    with pytest.raises(ValidationError) as error:
        obstacle_services.refer(world.obstacle_a, [world.agency_a])
    assert "هم‌اکنون" in messages_of(error)


def test_referring_needs_an_agency(world):
    with pytest.raises(ValidationError):
        obstacle_services.refer(new_obstacle(world), [])


@pytest.mark.parametrize(
    ("steps", "allowed"),
    [
        ([ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.DONE], True),
        ([ReferralStatus.IN_PROGRESS, ReferralStatus.IN_PROGRESS, ReferralStatus.REJECTED], True),
        ([ReferralStatus.DONE, ReferralStatus.ACCEPTED], False),
        ([ReferralStatus.REJECTED, ReferralStatus.DONE], False),
        ([ReferralStatus.ACCEPTED, ReferralStatus.ACCEPTED], False),
        ([ReferralStatus.ESCALATED], False),
        ([ReferralStatus.PENDING], False),
    ],
)
def test_referral_answers_follow_the_allowed_transitions(world, steps, allowed):
    referral = world.referral_a
    *first, last = steps
    for step in first:
        obstacle_services.answer(referral, step, "شرح", user=world.users["agency_officer"])
    if allowed:
        obstacle_services.answer(referral, last, "شرح", user=world.users["agency_officer"])
        assert Referral.objects.get(pk=referral.pk).status == last
    else:
        with pytest.raises(ValidationError):
            obstacle_services.answer(referral, last, "شرح")


def test_done_needs_a_description_and_rejected_a_reason(world):
    with pytest.raises(ValidationError) as error:
        obstacle_services.answer(world.referral_a, ReferralStatus.DONE, " ")
    assert "چه اقدامی" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        obstacle_services.answer(world.referral_a, ReferralStatus.REJECTED, "")
    assert "دلیل رد" in messages_of(error)


def test_an_answer_starts_progress_and_keeps_the_first_response_date(world):
    obstacle_services.answer(world.referral_a, ReferralStatus.ACCEPTED, user=world.users["agency_officer"])
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.status == ObstacleStatus.IN_PROGRESS
    first = Referral.objects.get(pk=world.referral_a.pk).first_response_date
    obstacle_services.answer(world.referral_a, ReferralStatus.DONE, "انجام شد")
    assert Referral.objects.get(pk=world.referral_a.pk).first_response_date == first == today()
    assert world.obstacle_a.events.filter(kind=EventKind.RESPONSE).count() == 2


def test_a_rejection_alone_does_not_start_progress(world):
    obstacle_services.answer(world.referral_a, ReferralStatus.REJECTED, "خارج از ضوابط")
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.status == ObstacleStatus.REFERRED


@pytest.mark.parametrize(
    ("outcome", "party", "status"),
    [
        (Outcome.RESOLVED, "", ObstacleStatus.RESOLVED),
        (Outcome.SYSTEMIC, "", ObstacleStatus.UNRESOLVABLE),
        (Outcome.SYSTEMIC, FailureParty.EXTERNAL, ObstacleStatus.UNRESOLVABLE),
        (Outcome.UNRESOLVABLE, FailureParty.AGENCY, ObstacleStatus.UNRESOLVABLE),
        (Outcome.UNRESOLVABLE, FailureParty.PRODUCER, ObstacleStatus.UNRESOLVABLE),
        (Outcome.WITHDRAWN, "", ObstacleStatus.WITHDRAWN),
    ],
)
def test_closing_with_each_outcome(world, outcome, party, status):
    obstacle = world.obstacle_a
    obstacle_services.close(obstacle, outcome, user=world.users["secretariat"], failure_party=party, note="جمع‌بندی")
    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.outcome, obstacle.failure_party) == (status, outcome, party)
    assert obstacle.closed_date == today()
    assert obstacle.events.filter(kind=EventKind.STATUS).latest("pk").author == world.users["secretariat"]


@pytest.mark.parametrize(
    ("outcome", "party", "fragment"),
    [
        ("", "", "نتیجه"),
        (Outcome.UNRESOLVABLE, "", "چه کسی ناکام"),
        (Outcome.RESOLVED, FailureParty.AGENCY, "مسئول ناکامی ندارد"),
        (Outcome.UNRESOLVABLE, "nobody", "شناخته نیست"),
    ],
)
def test_closing_refuses_an_incomplete_outcome(world, outcome, party, fragment):
    with pytest.raises(ValidationError) as error:
        obstacle_services.close(world.obstacle_a, outcome, failure_party=party)
    assert fragment in messages_of(error)
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.is_open


@pytest.mark.parametrize("first", [Outcome.WITHDRAWN, Outcome.RESOLVED, Outcome.UNRESOLVABLE])
def test_a_closed_obstacle_refuses_every_further_step(world, first):
    obstacle = world.obstacle_a
    obstacle_services.close(obstacle, first, failure_party=FailureParty.AGENCY if first == Outcome.UNRESOLVABLE else "")
    for attempt, fragment in (
        (lambda: obstacle_services.close(obstacle, Outcome.RESOLVED), "بسته شده"),
        (lambda: obstacle_services.refer(obstacle, [world.agency_a2]), "ارجاع داد"),
        (lambda: obstacle_services.escalate(obstacle), "تشدید کرد"),
        (lambda: obstacle_services.answer(world.referral_a, ReferralStatus.DONE, "x"), "مانع بسته شده"),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert fragment in messages_of(error)


def test_escalation_goes_county_province_nation_and_no_further(world):
    obstacle = world.obstacle_a
    obstacle_services.escalate(obstacle, world.users["secretariat"], note="پاسخی نیامد")
    assert obstacle.escalation_level == ScopeLevel.PROVINCE and obstacle.escalated_at
    obstacle_services.escalate(obstacle)
    assert obstacle.escalation_level == ScopeLevel.NATION
    with pytest.raises(ValidationError) as error:
        obstacle_services.escalate(obstacle)
    assert "سطح ملی" in messages_of(error)
    assert obstacle.events.filter(kind=EventKind.ESCALATION).count() == 2


def test_only_an_overdue_referral_can_be_escalated_and_it_goes_to_the_parent_agency(world):
    parent = Agency.objects.create(
        name="اداره کل مالیات استان الف", type="tax", level="province", province=world.province_a
    )
    world.agency_a.parent = parent
    world.agency_a.save()
    referral = world.referral_a
    with pytest.raises(ValidationError) as error:
        obstacle_services.escalate_referral(referral)
    assert "گذشته از مهلت" in messages_of(error)
    make_overdue(referral)
    new = obstacle_services.escalate_referral(referral, world.users["secretariat"])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ESCALATED and referral.escalated_to == new
    assert new.agency == parent and new.status == ReferralStatus.PENDING and new.due_date > today()
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.escalation_level == ScopeLevel.PROVINCE


def test_overdue_is_open_and_past_due(world):
    referral = make_overdue(world.referral_a)
    assert referral.is_overdue and referral in Referral.objects.overdue()
    assert world.obstacle_a in Obstacle.objects.overdue()
    obstacle_services.answer(referral, ReferralStatus.DONE, "انجام شد")
    assert referral not in Referral.objects.overdue()


def test_overdue_means_the_same_in_the_queryset_the_filter_and_the_list_flag(world):
    """An open obstacle with an open referral past due is overdue; a closed one, or one whose late
    referral was answered, is not; the filter's yes and no split the obstacles between them."""
    from tashil.obstacles.filtersets import ObstacleFilterSet
    from tashil.obstacles.views import with_overdue

    late_open = world.obstacle_a
    make_overdue(world.referral_a)
    answered = Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title="پاسخ‌داده")
    obstacle_services.answer(
        make_overdue(obstacle_services.refer(answered, [world.agency_a])[0]), ReferralStatus.DONE, "انجام شد"
    )
    closed = Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title="بسته")
    make_overdue(obstacle_services.refer(closed, [world.agency_a])[0])
    Obstacle.objects.filter(pk=closed.pk).update(status=ObstacleStatus.RESOLVED)
    on_time = world.obstacle_b  # referred today, due in the future

    everyone = Obstacle.objects.filter(pk__in=[late_open.pk, answered.pk, closed.pk, on_time.pk])
    assert set(everyone.overdue()) == {late_open}
    flags = dict(with_overdue(everyone).values_list("title", "has_overdue"))
    assert flags == {late_open.title: True, answered.title: False, closed.title: False, on_time.title: False}

    def filtered(value):
        return set(ObstacleFilterSet({"overdue": value}, queryset=everyone).qs)

    assert filtered("true") == {late_open}
    assert filtered("false") == {answered, closed, on_time}


def test_a_retired_group_keeps_its_obstacles_but_takes_no_new_ones(world):
    ObstacleGroup.objects.filter(pk=world.group_tax.pk).update(is_active=False)
    world.obstacle_a.refresh_from_db()
    world.obstacle_a.full_clean()  # an existing obstacle stays valid
    new = Obstacle(unit=world.unit_a, group=ObstacleGroup.objects.get(pk=world.group_tax.pk), title="تازه")
    with pytest.raises(ValidationError) as error:
        new.full_clean()
    assert "بازنشسته" in messages_of(error)


def test_a_future_reported_date_is_refused(world):
    obstacle = Obstacle(
        unit=world.unit_a, group=world.group_finance, title="آینده", reported_date=today() + datetime.timedelta(days=3)
    )
    with pytest.raises(ValidationError):
        obstacle.full_clean()
