"""The staff home page (the dashboard) beyond its figures: what a person must act on."""

from tashil.obstacles import services as obstacle_services


def test_an_agency_officer_sees_what_waits_in_their_inbox_on_their_first_page(world, client_as):
    """Referrals waiting for an answer, those past their due date and the resolutions the agency must execute,
    counted as the inbox counts them, with a link to it; current, never from the figures' cache. Other roles
    see no such strip."""
    from tashil.meetings.models import Resolution
    from tashil.obstacles.models import Referral
    from tashil.obstacles.tests.world import make_overdue

    make_overdue(world.referral_a)
    page = client_as("agency_officer").get("/")
    inbox = page.context["inbox"]
    mine = Referral.objects.filter(agency=world.agency_a)
    assert inbox["open"] == mine.open().count() >= 1 and inbox["overdue"] == mine.overdue().count() == 1
    assert inbox["resolutions"] == Resolution.objects.open().filter(agency=world.agency_a).count() >= 1
    html = page.content.decode()
    assert 'data-testid="inbox-summary"' in html and 'href="/obstacles/inbox/"' in html
    assert "۱ گذشته از مهلت" in html
    obstacle_services.answer(world.referral_a, "done", "انجام شد.", user=world.users["agency_officer"])
    assert client_as("agency_officer").get("/").context["inbox"]["overdue"] == 0  # current at once
    assert client_as("secretariat").get("/").context["inbox"] is None


def test_a_clinic_expert_sees_their_centres_open_cases_and_those_without_this_weeks_update(world, client_as):
    from tashil.clinic.models import ClinicCase

    mine = ClinicCase.objects.filter(centre_id=world.users["clinic_expert"].memberships.get().centre_id)
    page = client_as("clinic_expert").get("/")
    clinic = page.context["clinic_summary"]
    assert clinic["open"] == mine.open().count() >= 1
    assert clinic["no_update"] == mine.without_update_this_week().count()
    assert 'data-testid="clinic-summary"' in page.content.decode()
    assert client_as("secretariat").get("/").context["clinic_summary"] is None


def test_a_secretariat_sees_what_waits_for_it_alone(world, client_as):
    """Obstacles registered and not yet referred, and monthly statistics waiting for review, each a link to
    that list; only their own area's; nothing shown when nothing waits, and nothing for other roles."""
    from tashil.obstacles.models import Obstacle
    from tashil.units.models import PeriodicReport

    fresh = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مانع تازه بی‌ارجاع")
    Obstacle.objects.create(unit=world.unit_b, group=world.group_finance, title="مانع شهرستان دیگر")
    PeriodicReport.objects.create(unit=world.unit_a, year=1404, month=7, status="submitted")
    waiting = {
        "registered": Obstacle.objects.filter(county=world.county_a, status="registered").count(),
        "submitted": PeriodicReport.objects.filter(unit__county=world.county_a, status="submitted").count(),
    }
    assert fresh.status == "registered" and waiting["registered"] >= 1 and waiting["submitted"] >= 1
    page = client_as("secretariat").get("/")
    items = {item["url"]: item["count"] for item in page.context["secretariat"]}
    assert items == {
        "/obstacles/?status=registered": waiting["registered"],
        "/registry/reports/?status=submitted": waiting["submitted"],
    }
    assert 'data-testid="secretariat-summary"' in page.content.decode()
    listed = client_as("secretariat").get("/obstacles/?status=registered")
    assert fresh.title in listed.content.decode() and "مانع شهرستان دیگر" not in listed.content.decode()
    Obstacle.objects.filter(status="registered").delete()
    PeriodicReport.objects.filter(status="submitted").delete()
    quiet = client_as("secretariat").get("/")
    assert quiet.context["secretariat"] == [] and 'data-testid="secretariat-summary"' not in quiet.content.decode()
    assert client_as("manager").get("/").context["secretariat"] is None
