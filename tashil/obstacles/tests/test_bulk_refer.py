"""Referring many obstacles to one agency at once from the obstacle list (issue 26 §4): a confirmation page
naming each, then all or nothing, each referral as from its own page; another county's obstacle answers 404."""

from tashil.core.changelog import history_for
from tashil.core.models import ChangeLogEntry
from tashil.core.persian import search_key
from tashil.core.testing.pages import form, link
from tashil.letters.models import Letter, LetterCounter
from tashil.letters.tests.test_letters import extracted, pdf_text
from tashil.obstacles import services
from tashil.obstacles.choices import EventKind
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
    logged = ChangeLogEntry.objects.order_by("pk").last().pk
    done = client.post(
        BULK, {**selection, "confirmed": "1", "agency": world.agency_a2.pk, "days": "۵", "note": "با هم"}
    )
    assert done.status_code == 302
    referrals = Referral.objects.filter(obstacle__in=chosen)
    assert sorted(r.obstacle_id for r in referrals) == sorted(o.pk for o in chosen)
    assert {(r.agency_id, r.note) for r in referrals} == {(world.agency_a2.pk, "با هم")}
    # Each obstacle's history gains what one referral from its page writes, once: the referral created, the
    # obstacle's status, and the batch's letter named on the referral. Every other new entry is the letter's own.
    for obstacle in chosen:
        new = history_for(obstacle).filter(pk__gt=logged)
        assert sorted((e.action, e.content_type.model) for e in new) == [
            ("create", "referral"),
            ("event", "referral"),
            ("update", "obstacle"),
        ]
    rest = ChangeLogEntry.objects.filter(pk__gt=logged).exclude(content_type__model__in=["referral", "obstacle"])
    assert set(rest.values_list("content_type__model", flat=True)) == {"letter"}
    assert len({entry.object_id for entry in rest}) == 1


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


# ---------------------------------------------------------------- one referral letter for the batch (letters app)


def letters_to(agency):
    return Letter.objects.filter(recipient_agency=agency, kind="referral")


def test_the_confirmation_page_says_one_letter_will_be_issued_for_the_batch(world, client_as):
    chosen = new_obstacles(world, 2)
    client = client_as("secretariat")
    bulk = form(client.get("/obstacles/"), testid="bulk-form")
    preview = client.post(bulk.action, {**bulk.data, "action": "refer", "select": [o.pk for o in chosen]})
    assert preview.status_code == 200
    said = " ".join(preview.content.decode().split())
    assert "یک نامه ارجاع رسمی" in said and world.secretariat_office_a.name in said
    assert not letters_to(world.agency_a2).exists(), "the preview issues nothing"


def test_the_batch_gets_one_numbered_letter_listing_every_obstacle_linked_from_each_referral(
    world, client_as, tmp_path
):
    chosen = new_obstacles(world, 3)
    client = client_as("secretariat")
    preview = client.post(BULK, {"action": "refer", "select": [o.pk for o in chosen]})
    done = form(preview, button_testid="bulk-confirm-button").submit(client, agency=world.agency_a2.pk)
    assert done.status_code == 302
    referrals = list(Referral.objects.filter(obstacle__in=chosen))
    letter = letters_to(world.agency_a2).get()
    assert letter.is_issued and letter.number and letter.secretariat == world.secretariat_office_a
    assert set(letter.referrals.all()) == set(referrals)
    assert letter.number in client.get(done.url).content.decode(), "the done message names the letter"
    with letter.pdf.open("rb") as handle:
        text = search_key(pdf_text(handle.read(), tmp_path))
    for obstacle in chosen:
        assert extracted(obstacle.title) in text
    for referral in referrals:
        # One referral event on each obstacle's timeline; the letter on each referral's history and letters tab.
        assert referral.obstacle.events.filter(kind=EventKind.REFERRAL).count() == 1
        issued = ChangeLogEntry.objects.filter(
            content_type__model="referral", object_id=referral.pk, message__contains=letter.number
        )
        assert issued.count() == 1
        tab = client.get(referral.get_absolute_url() + "?tab=letters")
        assert link(tab, href_contains=letter.get_absolute_url()).endswith(letter.get_absolute_url())


def test_a_refused_batch_issues_no_letter_and_spends_no_number(world, client_as):
    chosen = new_obstacles(world, 3)
    # The list runs newest first, so the oldest obstacle is referred last: the agency already holds an open
    # referral of it, so refer() refuses it after the two others were referred, and everything rolls back.
    services.refer(chosen[0], [world.agency_a2], user=world.users["secretariat"])
    counters = list(LetterCounter.objects.values_list("pk", "last"))
    client = client_as("secretariat")
    selection = {"action": "refer", "select": [o.pk for o in chosen], "confirmed": "1", "agency": world.agency_a2.pk}
    refused = client.post(BULK, selection)
    assert refused.status_code == 400
    assert "هم‌اکنون به «اداره برق الف» ارجاع شده" in " ".join(refused.content.decode().split())
    assert not Referral.objects.filter(obstacle__in=chosen[1:]).exists()
    assert not letters_to(world.agency_a2).exists()
    assert list(LetterCounter.objects.values_list("pk", "last")) == counters


class Injected(Exception):
    """A failure injected into the letter's rendering."""


def test_a_letter_that_fails_to_render_refers_nothing(world, client_as, monkeypatch):
    from tashil.letters import pdf

    def fail(letter):
        raise Injected

    chosen = new_obstacles(world, 2)
    counters = list(LetterCounter.objects.values_list("pk", "last"))
    logged = ChangeLogEntry.objects.count()
    client = client_as("secretariat")
    preview = client.post(BULK, {"action": "refer", "select": [o.pk for o in chosen]})
    monkeypatch.setattr(pdf, "render_letter", fail)
    failed = form(preview, button_testid="bulk-confirm-button").submit(client, agency=world.agency_a2.pk)
    assert not Referral.objects.filter(obstacle__in=chosen).exists()
    assert not letters_to(world.agency_a2).exists()
    assert list(LetterCounter.objects.values_list("pk", "last")) == counters
    assert ChangeLogEntry.objects.count() == logged
    # Every obstacle was referred before the letter failed, so the message names the batch's last step.
    assert failed.status_code == 400
    page = " ".join(failed.content.decode().split())
    assert "در گام پایانی‌اش، با خطایی در سامانه روبه‌رو شد" in page and "هیچ ردیفی تغییر نکرد" in page
    assert sorted(form(failed, button_testid="bulk-confirm-button").data["select"]) == sorted(str(o.pk) for o in chosen)
