"""The dashboard's figure sections and the scorecard's rows are rendered once per version of their figures and
kept beside them (geo.cache.rendered): each test here fails if that HTML were shown after its figures changed,
to another scope, in another language or on another day."""

import datetime
import re

from django.test import Client

from tashil.accounts.models import Membership, User
from tashil.core import jalali
from tashil.core.choices import Role, ScopeLevel
from tashil.core.persian import fold_digits
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle
from tashil.reports import figures

FIGURES = "reports/includes/dashboard_figures.html"


def figure_sections(response):
    """The HTML of the figure sections, from the units to the overdue items (what is kept)."""
    html = response.content.decode()
    return html[html.index('data-testid="units-section"') : html.index('data-testid="map-section"')]


def value(response, key):
    found = re.search(rf'data-testid="figure-{key}-value">([^<]*)<', response.content.decode())
    return found.group(1).strip()


def number(text):
    return int(re.sub(r"\D", "", fold_digits(text)))


def new_obstacle(world):
    obstacle = Obstacle(unit=world.unit_a, group=world.group_tax, title="مانع تازه")
    obstacle_services.save_obstacle(obstacle)
    return obstacle


def received(response, agency):
    """The referrals an agency received, as its scorecard row shows them."""
    html = response.content.decode()
    row = html[html.index(f'<tr data-agency="{agency.pk}">') :]
    return number(re.search(r'data-figure="received">(?:<a [^>]*>)?([^<]*)<', row).group(1))


def rendered_anew(response):
    return FIGURES in [template.name for template in response.templates]


def test_a_countys_figure_sections_are_rendered_again_when_its_figures_change(
    world, client_as, figures_cached, django_capture_on_commit_callbacks
):
    client = client_as("secretariat")
    first = client.get("/reports/")
    again = client.get("/reports/")
    assert rendered_anew(first) and not rendered_anew(again), "kept once rendered"
    assert figure_sections(again) == figure_sections(first)
    with django_capture_on_commit_callbacks(execute=True):
        new_obstacle(world)
    after = client.get("/reports/")
    assert rendered_anew(after)
    opened = number(value(first, "obstacles-open"))
    assert number(value(after, "obstacles-open")) == opened + 1


def test_the_nations_figure_sections_follow_its_recomputed_figures(
    world, client_as, figures_cached, django_capture_on_commit_callbacks
):
    client = client_as("nation_manager")
    first = client.get("/reports/")
    with django_capture_on_commit_callbacks(execute=True):
        new_obstacle(world)
    kept = client.get("/reports/")
    assert value(kept, "obstacles-open") == value(first, "obstacles-open"), "the nation's figures are kept a while"
    refreshed = client.get("/reports/?refresh=1")
    opened = number(value(first, "obstacles-open"))
    assert number(value(refreshed, "obstacles-open")) == opened + 1
    assert number(value(client.get("/reports/"), "obstacles-open")) == opened + 1


def test_each_scope_is_shown_its_own_figure_sections(world, client_as, figures_cached):
    """A county's secretariat and an agency's officer in the same county share the area but not what they may
    open: each is shown what it would be shown from an empty cache, whoever asked first."""
    from django.core.cache import cache

    alone = {}
    for role in ("secretariat", "agency_officer"):
        cache.clear()
        alone[role] = figure_sections(client_as(role).get("/"))
    assert alone["secretariat"] != alone["agency_officer"]
    cache.clear()
    for role in ("secretariat", "agency_officer", "secretariat", "agency_officer"):
        assert figure_sections(client_as(role).get("/")) == alone[role]


def test_people_of_one_scope_share_the_figures_but_not_what_is_their_own(world, client_as, figures_cached):
    colleague = User.objects.create_user("dabir.dovom", password="x-unused-x", first_name="همکار", last_name="دوم")
    Membership.objects.create(
        user=colleague,
        role=Role.SECRETARIAT,
        level=ScopeLevel.COUNTY,
        county=world.county_a,
        province=world.province_a,
    )
    first = client_as("secretariat").get("/")
    client = Client()
    client.force_login(colleague)
    second = client.get("/")
    assert not rendered_anew(second), "the same scope shares what was rendered"
    assert figure_sections(second) == figure_sections(first)
    assert "همکار دوم" in second.content.decode()
    assert "همکار دوم" not in first.content.decode()


def test_rendered_html_is_kept_per_language(settings):
    """Staff pages are Persian only today (accounts/tests), but what is rendered is kept per active language: a
    page in English is never shown the Persian HTML, nor the reverse."""
    from django.utils import timezone, translation
    from django.utils.translation import gettext

    from tashil.geo.cache import rendered

    settings.TASHIL_REPORT_CACHE = True
    languages = []

    def render():
        languages.append(translation.get_language())
        return gettext("پیشخوان")

    computed_at = timezone.now()
    with translation.override("fa"):
        persian = rendered("tashil:reports:sample", computed_at, render)
    with translation.override("en"):
        english = rendered("tashil:reports:sample", computed_at, render)
    with translation.override("fa"):
        again = rendered("tashil:reports:sample", computed_at, render)
    assert (persian, english, again) == ("پیشخوان", "Dashboard", "پیشخوان")
    assert languages == ["fa", "en"], "each language rendered once, then kept"


def test_the_figure_sections_are_rendered_again_on_another_day(world, client_as, figures_cached, monkeypatch):
    """A county's figures stay until something changes there, but the sections show this year (its label and
    the links to its resolutions): a new year renders them anew over the same figures."""
    client = client_as("secretariat")
    day = jalali.today()
    this_year = figure_sections(client.get("/reports/"))
    next_year = day + datetime.timedelta(days=366)
    monkeypatch.setattr(jalali, "today", lambda: next_year)
    monkeypatch.setattr(figures, "today", lambda: next_year)
    later = figure_sections(client.get("/reports/"))
    label = jalali.format_jalali(next_year, "{y}")
    assert label in later and label not in this_year


def test_the_scorecards_rows_follow_their_figures_and_the_sort(
    world, client_as, figures_cached, django_capture_on_commit_callbacks
):
    client = client_as("secretariat")

    def order(response):
        return re.findall(r'<tr data-agency="(\d+)">', response.content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.refer(new_obstacle(world), [world.agency_a2], user=world.users["secretariat"])
    before = client.get("/reports/agencies/?sort=name")
    assert len(order(before)) >= 2
    assert order(client.get("/reports/agencies/?sort=-name")) == order(before)[::-1]
    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.refer(new_obstacle(world), [world.agency_a], user=world.users["secretariat"])
    assert received(client.get("/reports/agencies/?sort=name"), world.agency_a) == received(before, world.agency_a) + 1


def test_the_nations_scorecard_is_shown_from_what_was_rendered_while_its_figures_are_good(
    world, client_as, figures_cached, settings, django_capture_on_commit_callbacks
):
    """A visit to a kept page of the scorecard reads neither the rows nor renders them; once the rows are older
    than TASHIL_REPORT_CACHE_SECONDS the next visit recomputes them and shows the new figures."""
    client = client_as("nation_manager")
    before = client.get("/reports/agencies/?sort=name")
    kept = client.get("/reports/agencies/?sort=name")
    assert "reports/includes/scorecard_rows.html" not in [template.name for template in kept.templates]
    assert kept.context["page"].paginator.count == before.context["page"].paginator.count
    with django_capture_on_commit_callbacks(execute=True):
        obstacle_services.refer(new_obstacle(world), [world.agency_a], user=world.users["secretariat"])
    assert received(client.get("/reports/agencies/?sort=name"), world.agency_a) == received(before, world.agency_a)
    settings.TASHIL_REPORT_CACHE_SECONDS = 0
    after = client.get("/reports/agencies/?sort=name")
    assert received(after, world.agency_a) == received(before, world.agency_a) + 1
