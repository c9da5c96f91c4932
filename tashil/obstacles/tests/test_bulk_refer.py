"""Referring many obstacles to one agency at once from the obstacle list (issue 26 §4): a confirmation page
naming each, then all or nothing, each referral as from its own page; another county's obstacle answers 404."""

from tashil.core.models import ChangeLogEntry
from tashil.obstacles.models import Obstacle, Referral
from tashil.site.testing.factories import AgencyFactory

BULK = "/obstacles/bulk/"


def new_obstacles(world, count):
    return [
        Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title=f"مانع گروهی {n}") for n in range(count)
    ]


def test_the_list_offers_the_bulk_referral_to_the_secretariat(world, client_as):
    page = client_as("secretariat").get("/obstacles/").content.decode()
    assert 'data-testid="bulk-refer"' in page and f'name="select" value="{world.obstacle_a.pk}"' in page
    assert 'data-testid="bulk-refer"' not in client_as("agency_officer").get("/obstacles/").content.decode()


def test_obstacles_are_referred_to_one_agency_after_the_confirmation(world, client_as):
    chosen = new_obstacles(world, 3)
    client = client_as("secretariat")
    selection = {"action": "refer", "select": [o.pk for o in chosen]}
    confirm = client.post(BULK, selection)
    assert confirm.status_code == 200 and all(o.title in confirm.content.decode() for o in chosen)
    assert not Referral.objects.filter(obstacle__in=chosen).exists()
    logged = ChangeLogEntry.objects.count()
    done = client.post(
        BULK, {**selection, "confirmed": "1", "agency": world.agency_a2.pk, "days": "۵", "note": "با هم"}
    )
    assert done.status_code == 302
    referrals = Referral.objects.filter(obstacle__in=chosen)
    assert sorted(r.obstacle_id for r in referrals) == sorted(o.pk for o in chosen)
    assert {(r.agency_id, r.note) for r in referrals} == {(world.agency_a2.pk, "با هم")}
    assert ChangeLogEntry.objects.count() > logged  # each referral logged as from its page


def test_an_agency_that_does_not_serve_one_of_them_refers_none_and_names_it(world, client_as):
    chosen = new_obstacles(world, 2)
    elsewhere = AgencyFactory(county=world.county_b, name="اداره دوردست")
    client = client_as("secretariat")
    selection = {"action": "refer", "select": [o.pk for o in chosen], "confirmed": "1", "agency": elsewhere.pk}
    refused = client.post(BULK, selection)
    assert refused.status_code == 400
    assert not Referral.objects.filter(obstacle__in=chosen).exists()
    assert "اداره دوردست" in refused.content.decode()


def test_another_countys_obstacle_answers_404_and_nothing_is_referred(world, client_as):
    chosen = new_obstacles(world, 1)
    client = client_as("secretariat")
    selection = {"action": "refer", "select": [chosen[0].pk, world.obstacle_b.pk], "confirmed": "1"}
    assert client.post(BULK, {**selection, "agency": world.agency_a2.pk}).status_code == 404
    assert not Referral.objects.filter(obstacle=chosen[0]).exists()
