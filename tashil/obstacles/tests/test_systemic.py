"""The systemic page ranks groups by distinct units; systemic issues bundle obstacles with one proposal."""

from tashil.obstacles import services
from tashil.obstacles.choices import EventKind, ObstacleStatus
from tashil.obstacles.models import Obstacle, ObstacleGroup, SystemicIssue


def test_groups_are_ranked_by_distinct_units_not_obstacles(world, client_as):
    energy = ObstacleGroup.objects.get(code="INF01")
    for _ in range(3):  # three obstacles, one unit
        Obstacle.objects.create(unit=world.unit_a, group=energy, title="قطعی برق", jobs_at_risk=5)
    for unit in (world.unit_a, world.unit_a2):  # two units
        Obstacle.objects.create(unit=unit, group=world.group_finance, title="نقدینگی", jobs_at_risk=1)
    response = client_as("secretariat").get("/obstacles/systemic/")
    ranking = response.context["ranking"]
    by_group = {row["group"]: row for row in ranking}
    assert by_group[energy.pk]["units"] == 1 and by_group[energy.pk]["obstacles"] == 3
    assert by_group[world.group_finance.pk]["units"] == 2
    assert ranking[0]["group"] == world.group_finance.pk
    by_jobs = client_as("secretariat").get("/obstacles/systemic/", {"order": "jobs"}).context["ranking"]
    assert by_jobs[0]["group"] == energy.pk  # 15 jobs
    assert world.group_tax.pk in by_group and by_group[world.group_tax.pk]["units"] == 1, "county B is not counted"


def test_the_ranking_is_limited_to_the_users_scope(world, client_as):
    ranking = client_as("nation_manager").get("/obstacles/systemic/").context["ranking"]
    tax = next(row for row in ranking if row["group"] == world.group_tax.pk)
    assert tax["units"] == 2


def test_the_ranking_is_kept_for_a_wide_area_and_current_for_a_county(
    world, client_as, settings, django_capture_on_commit_callbacks
):
    """The nation's ranking aggregates every open obstacle: kept a few minutes like the dashboards, with the
    time it was computed and a «refresh» link; a county's follows every change at once."""
    settings.TASHIL_REPORT_CACHE = True
    energy = ObstacleGroup.objects.get(code="INF01")

    def energy_units(client, **params):
        ranking = client.get("/obstacles/systemic/", params).context["ranking"]
        return next((row["units"] for row in ranking if row["group"] == energy.pk), 0)

    nation, county = client_as("nation_manager"), client_as("secretariat")
    assert energy_units(nation) == energy_units(county) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.save_obstacle(Obstacle(unit=world.unit_a, group=energy, title="قطعی برق", jobs_at_risk=5))
    assert energy_units(county) == 1, "a county's ranking follows every change at once"
    assert energy_units(nation) == 0, "the nation's is kept"
    page = nation.get("/obstacles/systemic/").content.decode()
    assert 'data-testid="computed-at"' in page and "refresh=1" in page
    assert energy_units(nation, refresh="1") == 1
    assert energy_units(nation, state="all", order="jobs") == 1, "another view of it is computed for itself"
    assert 'data-testid="computed-at"' not in county.get("/obstacles/systemic/").content.decode()


def test_bundling_obstacles_into_a_systemic_issue(world, client_as):
    second = Obstacle.objects.create(unit=world.unit_a2, group=world.group_tax, title="مالیات دو")
    response = client_as("secretariat").post(
        "/obstacles/systemic-issues/add/",
        {
            "title": "علی‌الرأس مالیات واحدهای نیمه‌فعال",
            "group": world.group_tax.pk,
            "level": "province",
            "county": world.county_a.pk,
            "proposal": "اصلاح دستورالعمل تشخیص علی‌الرأس",
            "obstacles": [world.obstacle_a.pk, second.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = SystemicIssue.objects.get(title__startswith="علی‌الرأس")
    assert set(issue.obstacles.all()) == {world.obstacle_a, second}
    assert issue.province == world.province_a and issue.raised_by == world.users["secretariat"]
    assert world.obstacle_a.events.filter(kind=EventKind.SYSTEMIC).exists()
    page = client_as("secretariat").get(world.obstacle_a.get_absolute_url()).content.decode()
    assert issue.title in page


def test_a_systemic_issue_follows_the_same_lifecycle(world, client_as):
    issue = world.systemic_a
    services.bundle(issue, [world.obstacle_a])
    client = client_as("secretariat")
    client.post(f"/obstacles/systemic-issues/{issue.pk}/status/", {"status": "resolved", "note": "بخشنامه اصلاح شد"})
    issue.refresh_from_db()
    assert issue.status == ObstacleStatus.RESOLVED and issue.closed_date
    client.post(f"/obstacles/systemic-issues/{issue.pk}/status/", {"status": "referred"})
    issue.refresh_from_db()
    assert issue.status == ObstacleStatus.RESOLVED, "a closed issue does not reopen"
    assert "بخشنامه اصلاح شد" in world.obstacle_a.events.latest("pk").text


def test_systemic_issues_are_scoped(world, client_as):
    assert client_as("secretariat_b").get(world.systemic_a.get_absolute_url()).status_code == 404
    assert client_as("province_secretariat").get(world.systemic_a.get_absolute_url()).status_code == 200


def test_the_systemic_page_lists_the_newest_issues_with_their_obstacle_counts(world, client_as):
    """The page shows the fifty newest systemic issues: ordered before the fifty are taken (the obstacle count
    makes the query a GROUP BY, which has no order of Django's own: any fifty came, in any order)."""
    services.bundle(world.systemic_a, [world.obstacle_a])
    newer = SystemicIssue.objects.create(
        title="موضوع تازه‌تر", proposal="پیشنهاد", group=world.group_tax, county=world.county_a
    )
    page = client_as("secretariat").get("/obstacles/systemic/")
    rows = [(row.record.pk, row.record.obstacle_count) for row in page.context["issues"].rows]
    assert rows[:2] == [(newer.pk, 0), (world.systemic_a.pk, 1)]
    sql = str(page.context["issues"].data.data.query)
    assert "ORDER BY" in sql and "LIMIT 50" in sql


def test_a_sliced_queryset_is_left_to_its_views_order():
    from tashil.core.tables import in_a_stable_order

    sliced = SystemicIssue.objects.all()[:5]
    assert in_a_stable_order(sliced) is sliced


def test_raising_a_systemic_issue_starts_from_the_secretariats_own_place_and_tells_the_province(
    world, client_as, django_capture_on_commit_callbacks
):
    from tashil.notifications.models import Notification

    client = client_as("secretariat")
    form = client.get("/obstacles/systemic-issues/add/").context["form"]
    assert form.initial["county"] == world.county_a.pk and form.initial["province"] == world.province_a.pk
    assert list(form.fields["province"].queryset) == [world.province_a], "only the province in scope, not 31"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/obstacles/systemic-issues/add/",
            {
                "title": "سقف تسهیلات سرمایه در گردش",
                "group": world.group_tax.pk,
                "level": "province",
                "county": form.initial["county"],
                "province": form.initial["province"],
                "proposal": "افزایش سقف",
                "obstacles": [world.obstacle_a.pk],
            },
        )
    assert response.status_code == 302
    told = Notification.objects.get(recipient=world.users["province_secretariat"])
    assert "سقف تسهیلات سرمایه در گردش" in told.title and "۱ مانع" in told.body
