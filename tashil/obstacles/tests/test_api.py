from tashil.obstacles.models import Obstacle


def test_the_whole_flow_through_the_api(world, api_as):
    secretariat = api_as("secretariat")
    created = secretariat.post(
        "/api/obstacles/obstacles/",
        {"unit": world.unit_a.pk, "group": world.group_finance.pk, "title": "از API", "severity": 3},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    referred = secretariat.post(
        f"/api/obstacles/obstacles/{pk}/refer/", {"agencies": [world.agency_a.pk]}, format="json"
    )
    assert referred.status_code == 201
    referral = referred.json()[0]["id"]
    officer = api_as("agency_officer")
    answered = officer.post(
        f"/api/obstacles/referrals/{referral}/respond/", {"status": "done", "response": "انجام شد"}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["status"] == "done"
    closed = secretariat.post(f"/api/obstacles/obstacles/{pk}/close/", {"outcome": "resolved"}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "resolved"
    refused = secretariat.post(f"/api/obstacles/obstacles/{pk}/close/", {"outcome": "withdrawn"}, format="json")
    assert refused.status_code == 400 and "بسته شده" in refused.content.decode()


def test_the_api_refuses_what_the_pages_refuse(world, api_as):
    secretariat = api_as("secretariat")
    pk = world.obstacle_a.pk
    again = secretariat.post(f"/api/obstacles/obstacles/{pk}/refer/", {"agencies": [world.agency_a.pk]}, format="json")
    assert again.status_code == 400 and "هم‌اکنون" in again.content.decode()
    outside = secretariat.post(
        f"/api/obstacles/obstacles/{pk}/refer/", {"agencies": [world.agency_b.pk]}, format="json"
    )
    assert outside.status_code == 400 and "کار نمی‌کند" in outside.content.decode()
    party = secretariat.post(f"/api/obstacles/obstacles/{pk}/close/", {"outcome": "unresolvable"}, format="json")
    assert party.status_code == 400 and "ناکام" in party.content.decode()
    rep = api_as("unit_rep")
    assert rep.post(f"/api/obstacles/obstacles/{pk}/close/", {"outcome": "resolved"}, format="json").status_code == 403
    assert (
        rep.post(f"/api/obstacles/obstacles/{pk}/comment/", {"text": "x", "internal": True}, format="json").status_code
        == 400
    )


def test_a_retired_group_is_refused_for_new_obstacles(world, api_as):
    world.group_finance.is_active = False
    world.group_finance.save()
    response = api_as("secretariat").post(
        "/api/obstacles/obstacles/",
        {"unit": world.unit_a.pk, "group": world.group_finance.pk, "title": "گروه بازنشسته"},
        format="json",
    )
    assert response.status_code == 400 and "بازنشسته" in response.content.decode()
    assert not Obstacle.objects.filter(title="گروه بازنشسته").exists()


def test_the_taxonomy_is_editable_by_administrators_only(world, api_as):
    assert (
        api_as("secretariat")
        .patch(f"/api/obstacles/groups/{world.group_finance.pk}/", {"due_days": 3}, format="json")
        .status_code
        == 403
    )
    response = api_as("admin").patch(f"/api/obstacles/groups/{world.group_finance.pk}/", {"due_days": 3}, format="json")
    assert response.status_code == 200 and response.json()["due_days"] == 3


def test_a_searched_api_list_counts_its_matches_only_up_to_a_cap(world, api_as, monkeypatch):
    """As on the pages: a search counts at most the cap + 1 matches and says so (``count_capped``), its pages
    ending at the cap; a list without a search counts exactly. Every count it runs is bounded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tashil.core.api.pagination import TashilPagination

    for i in range(7):
        Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title=f"کمبود نقدینگی {i}")
    client = api_as("secretariat")
    monkeypatch.setattr(TashilPagination, "search_count_cap", 5)
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/obstacles/obstacles/", {"q": "نقدینگی", "page_size": 2}).json()
    assert body["count"] == 5 and body["count_capped"] is True and len(body["results"]) == 2
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and 'FROM "obstacles_obstacle"' in q["sql"]]
    assert counts and all("LIMIT 6" in sql for sql in counts), counts
    last = client.get("/api/obstacles/obstacles/", {"q": "نقدینگی", "page_size": 2, "page": 3}).json()
    assert last["next"] is None and last["results"]  # the pages end at the cap
    assert client.get("/api/obstacles/obstacles/", {"q": "نقدینگی", "page_size": 2, "page": 4}).status_code == 404
    monkeypatch.setattr(TashilPagination, "search_count_cap", 7)
    exact = client.get("/api/obstacles/obstacles/", {"q": "نقدینگی"}).json()
    assert exact["count"] == 7 and exact["count_capped"] is False
    every = client.get("/api/obstacles/obstacles/").json()
    total = Obstacle.objects.filter(county=world.county_a).count()
    assert every["count"] == total > 7 and every["count_capped"] is False


def test_an_api_filter_asks_no_counts_of_its_choices_and_still_keeps_to_the_scope(world, api_as):
    """An API call renders no filter form: its filter set does not count the counties, agencies and zones in
    scope to decide how their choices would be shown; another county's agency is still refused."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as("secretariat")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/obstacles/obstacles/", {"agency": world.agency_a.pk}).status_code == 200
    from tashil.core.filtersets import LONG_CHOICES

    assert not [q["sql"] for q in queries if f"LIMIT {LONG_CHOICES + 1}" in q["sql"]]
    refused = client.get("/api/obstacles/obstacles/", {"county": world.county_b.pk})
    assert refused.status_code == 400 and "county" in refused.json()
    assert client.get("/api/obstacles/obstacles/", {"agency": world.agency_b.pk}).json()["count"] == 0
