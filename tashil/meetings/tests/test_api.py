import datetime

from tashil.core.jalali import today
from tashil.meetings import services as meeting_services


def test_meeting_to_verified_execution_through_the_api(world, api_as):
    secretariat = api_as("secretariat")
    meeting = world.meeting_a.pk
    assert secretariat.post(f"/api/meetings/meetings/{meeting}/hold/").status_code == 200
    created = secretariat.post(
        "/api/meetings/resolutions/",
        {
            "meeting": meeting,
            "text": "بانک تسهیلات بدهد",
            "agency": world.agency_a2.pk,
            "deadline": str(today() + datetime.timedelta(days=10)),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    resolution = created.json()["id"]
    assert api_as("manager").post(f"/api/meetings/meetings/{meeting}/approve/").status_code == 200
    officer = api_as("agency_officer")
    assert (
        officer.post(f"/api/meetings/resolutions/{resolution}/execute/", {"evidence": "x"}, format="json").status_code
        == 404
    ), "another agency's resolution"
    reported = officer.post(
        f"/api/meetings/resolutions/{world.resolution_a.pk}/execute/", {"evidence": "انجام شد"}, format="json"
    )
    assert reported.status_code == 200 and reported.json()["awaiting_verification"]
    assert officer.post(f"/api/meetings/resolutions/{world.resolution_a.pk}/verify/").status_code == 403
    verified = secretariat.post(f"/api/meetings/resolutions/{world.resolution_a.pk}/verify/")
    assert verified.status_code == 200 and verified.json()["status"] == "executed"


def test_the_api_refuses_edits_to_approved_minutes(world, api_as):
    meeting_services.hold(world.meeting_a)
    meeting_services.approve(world.meeting_a)
    response = api_as("secretariat").patch(
        f"/api/meetings/resolutions/{world.resolution_a.pk}/", {"text": "دستکاری"}, format="json"
    )
    assert response.status_code == 403 and "اصلاحیه" in response.content.decode()
    world.resolution_a.refresh_from_db()
    assert world.resolution_a.text != "دستکاری"


def test_objection_window_through_the_api(world, api_as):
    officer = api_as("agency_officer")
    too_early = officer.post(
        f"/api/meetings/resolutions/{world.resolution_a.pk}/object/", {"text": "مخالفیم"}, format="json"
    )
    assert too_early.status_code == 400 and "پس از تأیید" in too_early.content.decode()
    meeting_services.hold(world.meeting_a)
    meeting_services.approve(world.meeting_a)
    ok = officer.post(f"/api/meetings/resolutions/{world.resolution_a.pk}/object/", {"text": "مخالفیم"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "objected"


def test_minutes_pdf_through_the_api(world, api_as):
    response = api_as("secretariat").get(f"/api/meetings/meetings/{world.meeting_a.pk}/minutes/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert api_as("secretariat_b").get(f"/api/meetings/meetings/{world.meeting_a.pk}/minutes/").status_code == 404
