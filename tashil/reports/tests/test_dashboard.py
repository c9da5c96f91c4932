"""The staff home page (the dashboard) beyond its figures: what a person must act on."""


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
    world.referral_a.respond("done", "انجام شد.", user=world.users["agency_officer"])
    assert client_as("agency_officer").get("/").context["inbox"]["overdue"] == 0  # current at once
    assert client_as("secretariat").get("/").context["inbox"] is None


def test_a_clinic_expert_sees_their_centres_open_cases_and_those_without_this_weeks_update(world, client_as):
    from tashil.clinic.models import ClinicCase

    mine = ClinicCase.objects.filter(centre_id=world.users["clinic_expert"].memberships.get().centre_id)
    page = client_as("clinic_expert").get("/")
    clinic = page.context["clinic"]
    assert clinic["open"] == mine.open().count() >= 1
    assert clinic["no_update"] == mine.without_update_this_week().count()
    assert 'data-testid="clinic-summary"' in page.content.decode()
    assert client_as("secretariat").get("/").context["clinic"] is None
