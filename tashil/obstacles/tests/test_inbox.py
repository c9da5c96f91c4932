"""The agency inbox: only what is referred to the officer's agency, open and overdue first; 404 beyond it."""

import re

from rest_framework.test import APIClient

from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import ReferralStatus
from tashil.obstacles.models import Obstacle

from .world import make_overdue


def test_the_inbox_lists_only_the_officers_agency_overdue_first(world, client_as):
    late = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title="مانع دیرکرد")
    make_overdue(obstacle_services.refer(late, [world.agency_a])[0])
    elsewhere = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مانع برق")
    obstacle_services.refer(elsewhere, [world.agency_a2])
    page = client_as("agency_officer").get("/obstacles/inbox/").content.decode()
    assert page.index("مانع دیرکرد") < page.index("برگ تشخیص مالیات الف")
    assert "مانع برق" not in page and "برگ تشخیص مالیات ب" not in page
    assert 'data-testid="overdue-count">۱<' in page


def test_another_agencys_referral_answers_404_in_pages_and_api(world, client_as):
    client = client_as("agency_officer")
    assert client.get(world.referral_b.get_absolute_url()).status_code == 404
    response = client.post(f"/obstacles/referrals/{world.referral_b.pk}/respond/", {"status": "done", "response": "x"})
    assert response.status_code == 404
    assert client.get(world.obstacle_b.get_absolute_url()).status_code == 404
    api = APIClient()
    api.force_authenticate(world.users["agency_officer"])
    assert api.get(f"/api/obstacles/referrals/{world.referral_b.pk}/").status_code == 404
    assert (
        api.post(
            f"/api/obstacles/referrals/{world.referral_b.pk}/respond/", {"status": "done", "response": "x"}
        ).status_code
        == 404
    )
    assert [r["id"] for r in api.get("/api/obstacles/referrals/").json()["results"]] == [world.referral_a.pk]
    assert [o["id"] for o in api.get("/api/obstacles/obstacles/").json()["results"]] == [world.obstacle_a.pk]


def test_an_officer_sees_only_obstacles_referred_to_their_agency(world, client_as):
    unreferred = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مانع بی‌ارجاع")
    client = client_as("agency_officer")
    assert client.get(unreferred.get_absolute_url()).status_code == 404
    assert "مانع بی‌ارجاع" not in client.get("/obstacles/").content.decode()


def test_the_officer_answers_from_the_referral_page(world, client_as):
    client = client_as("agency_officer")
    page = client.get(world.referral_a.get_absolute_url()).content.decode()
    assert 'data-testid="respond-form"' in page
    response = client.post(
        f"/obstacles/referrals/{world.referral_a.pk}/respond/", {"status": "rejected", "response": "  "}
    )
    assert response.status_code == 400, "a rejection without a reason is refused on the answer's own page"
    refused = response.content.decode()
    assert "دلیل رد ارجاع را بنویسید" in refused
    assert re.search(r'value="rejected"[^>]* checked', refused), "the chosen answer is kept"
    world.referral_a.refresh_from_db()
    assert world.referral_a.status == ReferralStatus.PENDING
    client.post(f"/obstacles/referrals/{world.referral_a.pk}/respond/", {"status": "done", "response": "برگ اصلاح شد"})
    world.referral_a.refresh_from_db()
    assert (
        world.referral_a.status == ReferralStatus.DONE
        and world.referral_a.responded_by == world.users["agency_officer"]
    )


def test_staff_without_an_agency_have_no_inbox(world, client_as):
    assert client_as("secretariat").get("/obstacles/inbox/").status_code == 403


def test_the_inbox_reads_the_work_calendar_once_for_its_rows(world, client_as, monkeypatch):
    """Each row says how many working days are left (or late); the calendar (weekend and holidays, a trip to
    the cache each time it is read) is read once for the table, not once a row, and each row's count is its
    own."""
    from tashil.core.workdays import WorkCalendar

    for index in range(3):
        obstacle = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title=f"مانع ردیف {index}")
        make_overdue(obstacle_services.refer(obstacle, [world.agency_a])[0])
    reads = []
    load = WorkCalendar.load.__func__
    monkeypatch.setattr(WorkCalendar, "load", classmethod(lambda cls: reads.append(1) or load(cls)))
    page = client_as("agency_officer").get("/obstacles/inbox/").content.decode()
    assert page.count("روز کاری تأخیر") >= 3 and "روز کاری مانده" in page
    assert len(reads) == 1, len(reads)


def test_the_inbox_counts_what_it_lists_with_or_without_filters(world, client_as):
    """Unfiltered, the inbox's count comes from its figures (one pass over the agency's referrals); filtered, from
    the rows the filters leave: either way the number shown is the rows listed."""
    from tashil.core.persian import to_persian_digits
    from tashil.obstacles.models import Referral

    for n in range(3):
        extra = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title=f"مانع شمار {n}")
        obstacle_services.refer(extra, [world.agency_a])
    mine = Referral.objects.filter(agency=world.agency_a)
    mine.filter(obstacle__title="مانع شمار 0").update(status=ReferralStatus.ACCEPTED)
    assert 0 < mine.filter(status="pending").count() < mine.count()
    client = client_as("agency_officer")
    for query, expected in (({}, mine.count()), ({"status": "pending"}, mine.filter(status="pending").count())):
        response = client.get("/obstacles/inbox/", query)
        shown = re.search(r'data-testid="result-count">([^<]+)<', response.content.decode()).group(1)
        assert shown.split()[0] == to_persian_digits(str(expected)), (query, shown)
        assert len(list(response.context["table"].paginated_rows)) == expected


def test_the_open_figure_links_to_the_referrals_it_counts(world, client_as):
    """«باز» counts referrals still waiting on an obstacle still open; its link lists exactly those, not also the
    open referrals of obstacles since closed."""
    from tashil.core.persian import to_persian_digits

    closed = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title="مانع بسته‌شده")
    obstacle_services.refer(closed, [world.agency_a])
    Obstacle.objects.filter(pk=closed.pk).update(status="resolved")
    client = client_as("agency_officer")
    page = client.get("/obstacles/inbox/").content.decode()
    figure = re.search(r'data-testid="open-count">([^<]+)<', page).group(1)
    href = re.search(r'href="([^"]+)" data-testid="open-link"', page).group(1).replace("&amp;", "&")
    listed = client.get("/obstacles/inbox/" + href).content.decode()
    assert re.search(r'data-testid="result-count">([^<]+)<', listed).group(1).split()[0] == figure
    assert "مانع بسته‌شده" not in listed and figure != to_persian_digits("0")
