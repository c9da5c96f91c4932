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
