"""The first page after sign-in for a unit's representative: their own unit's desk, and nothing of another's."""

import datetime

from tashil.core.jalali import today
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle


def test_a_representatives_desk_shows_their_unit_its_obstacles_referrals_and_resolutions(world, client_as):
    from tashil.workshops.models import Workshop

    obstacle_services.answer(
        world.referral_a, "in_progress", "پرونده در کمیسیون بررسی می‌شود.", user=world.users["agency_officer"]
    )
    other = Obstacle.objects.create(unit=world.unit_a2, group=world.group_finance, title="مانع واحد همسایه")
    ahead = Workshop.objects.create(
        title="کارگاه صادرات پیش رو",
        topic="صادرات",
        trainer="مدرس",
        county=world.county_a,
        date=today() + datetime.timedelta(days=10),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        capacity=30,
    )
    page = client_as("unit_rep").get("/")
    html = page.content.decode()
    context = page.context
    assert [unit.pk for unit in context["desk_units"]] == [world.unit_a.pk]
    assert context["desk_single_unit"] == world.unit_a
    assert world.unit_a.name in html and f'href="/obstacles/add/?unit={world.unit_a.pk}"' in html
    assert world.obstacle_a.title in html and other.title not in html  # another unit's obstacle stays out
    assert "اداره مالیات الف" in html and "پرونده در کمیسیون بررسی می‌شود." in html  # where the referral stands
    resolutions = {resolution.pk for resolution in context["desk_resolutions"]}
    assert world.resolution_a.pk in resolutions and world.resolution_b.pk not in resolutions
    assert ahead.title in html
    assert "آخرین آمار ماهانه" in html and world.report_a.period_label in html
    for action in ("/obstacles/add/", "/registry/reports/add/", "/registry/products/add/"):
        assert f'href="{action}?unit={world.unit_a.pk}"' in html
        form = client_as("unit_rep").get(action, {"unit": world.unit_a.pk}).content.decode()
        assert f'<option value="{world.unit_a.pk}" selected>' in form, action  # opens on their unit


def test_a_representative_with_nothing_open_is_told_so_and_staff_keep_their_dashboard(world, client_as):
    from tashil.meetings.models import Resolution

    Obstacle.objects.filter(unit=world.unit_a2).delete()
    Resolution.objects.filter(unit=world.unit_a2).delete()
    html = client_as("unit_rep_b").get("/").content.decode()
    assert "مانع بازی ندارید." in html and "مصوبه‌ای در دست پیگیری ندارید." in html
    staff = client_as("secretariat").get("/")
    assert "desk_units" not in staff.context and 'data-testid="desk-obstacles"' not in staff.content.decode()
