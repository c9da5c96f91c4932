"""The clinic through the REST API: scoped to the expert's centre, with the same rules as the pages."""

import datetime

from tashil.clinic.models import ClinicCase, Diagnosis, WeeklyUpdate
from tashil.core.jalali import today


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_an_expert_sees_only_their_centres_cases_centre_and_updates(world, api_as):
    expert = api_as("clinic_expert")
    assert ids(expert.get("/api/clinic/cases/")) == {world.case_a.pk}
    assert ids(expert.get("/api/clinic/centres/")) == {world.centre_a.pk}
    assert ids(expert.get("/api/clinic/updates/")) == {world.update_a.pk}
    assert ids(expert.get("/api/clinic/diagnoses/")) == {world.diagnosis_a.pk}
    assert ids(expert.get("/api/clinic/action-items/")) == {world.action_a.pk}
    assert expert.get(f"/api/clinic/cases/{world.case_b.pk}/").status_code == 404
    assert ids(api_as("nation_manager").get("/api/clinic/cases/")) == {world.case_a.pk, world.case_b.pk}


def test_the_case_detail_carries_the_weighted_progress(world, api_as):
    world.action_a.progress = 50
    world.action_a.save()
    body = api_as("clinic_expert").get(f"/api/clinic/cases/{world.case_a.pk}/").json()
    assert body["progress"] == 50.0 and body["status"] == "execution"


def test_an_expert_cannot_post_into_another_centres_case(world, api_as):
    expert = api_as("clinic_expert")
    response = expert.post(
        "/api/clinic/updates/", {"case": world.case_b.pk, "date": str(today()), "done": "نفوذ"}, format="json"
    )
    assert response.status_code in (400, 403, 404)
    assert not WeeklyUpdate.objects.filter(case=world.case_b).exists()


def test_weekly_update_and_closing_through_the_api(world, api_as):
    expert = api_as("clinic_expert")
    future = str(today() + datetime.timedelta(days=2))
    refused = expert.post("/api/clinic/updates/", {"case": world.case_a.pk, "date": future, "done": "x"}, format="json")
    assert refused.status_code == 400 and "روزهای آینده" in refused.content.decode()
    created = expert.post(
        "/api/clinic/updates/", {"case": world.case_a.pk, "date": str(today()), "done": "مذاکره"}, format="json"
    )
    assert created.status_code == 201 and created.json()["author"] == world.users["clinic_expert"].pk
    bad = expert.post(f"/api/clinic/cases/{world.case_a.pk}/close/", {"outcome": "magic"}, format="json")
    assert bad.status_code == 400
    proposed = expert.post(f"/api/clinic/cases/{world.case_a.pk}/close/", {"outcome": "revived"}, format="json")
    assert proposed.status_code == 200 and proposed.json()["status"] == "awaiting" and not proposed.json()["revival"]
    confirmed = api_as("secretariat").post(
        f"/api/clinic/cases/{world.case_a.pk}/review/", {"decision": "confirm"}, format="json"
    )
    assert confirmed.status_code == 200 and confirmed.json()["outcome"] == "revived" and confirmed.json()["revival"]
    again = expert.post(f"/api/clinic/cases/{world.case_a.pk}/advance/")
    assert again.status_code == 400 and "بسته شده" in again.content.decode()
    assert ClinicCase.objects.get(pk=world.case_a.pk).status == "closed"


def test_a_manager_reads_but_does_not_advance(world, api_as):
    assert api_as("manager").post(f"/api/clinic/cases/{world.case_a.pk}/advance/").status_code == 403
    assert api_as("unit_rep_b").get(f"/api/clinic/cases/{world.case_a.pk}/").status_code == 200


def test_a_diagnosis_recorded_through_the_api_is_the_pages_event(world, api_as):
    """The API saves a diagnosis through clinic.services.save_diagnosis, as the diagnosis page does: the expert
    who records it is kept, and a case outside the expert's centre is refused."""
    case = ClinicCase.objects.create(unit=world.unit_a, centre=world.centre_a, reason="inactive")
    case.experts.add(world.users["clinic_expert"])
    expert = api_as("clinic_expert")
    created = expert.post(
        "/api/clinic/diagnoses/", {"case": case.pk, "summary": "سرمایه در گردش ندارد", "levers": []}, format="json"
    )
    assert created.status_code == 201, created.content
    case.refresh_from_db()
    assert case.diagnosis.summary == "سرمایه در گردش ندارد"
    assert case.diagnosis.diagnosed_by == world.users["clinic_expert"]
    elsewhere = world.case_b  # another province's clinic
    refused = expert.post("/api/clinic/diagnoses/", {"case": elsewhere.pk, "summary": "x"}, format="json")
    assert refused.status_code in (400, 403, 404)
    assert not Diagnosis.objects.filter(case=elsewhere).exists()
