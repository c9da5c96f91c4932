"""Lost updates: two people edit the same unit (or obstacle, or resolution) at once; the second save is
refused with what changed, in the pages and the API, and nothing of the first is lost."""

import re

import pytest
from django.urls import reverse

from tashil.core.jalali import format_jalali
from tashil.units import services as unit_services
from tashil.units.models import IndustrialUnit

pytestmark = pytest.mark.django_db


def form_values(page):
    """The hidden version and opened-at fields a form carries."""
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    opened = re.search(r'name="opened_at" value="([^"]+)"', page).group(1)
    return version, opened


def unit_data(unit, **changes):
    data = {"name": unit.name, "county": unit.county_id, "zone": unit.zone_id or "", "employees": unit.employees or ""}
    data.update(changes)
    return data


def test_the_second_of_two_edits_is_refused_with_what_changed(world, client_as):
    unit = world.unit_a
    url = reverse("units:industrialunit_edit", kwargs={"pk": unit.pk})
    first, second = client_as("secretariat"), client_as("province_secretariat")
    version_1, opened_1 = form_values(first.get(url).content.decode())
    version_2, opened_2 = form_values(second.get(url).content.decode())
    assert version_1 == version_2
    saved = first.post(url, unit_data(unit, employees="55", version=version_1, opened_at=opened_1))
    assert saved.status_code == 302
    refused = second.post(
        url, unit_data(unit, employees="90", activity="فعالیت تازه", version=version_2, opened_at=opened_2)
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "پس از باز شدن این فرم تغییر کرده است" in page and "تعداد کارکنان" in page
    assert 'value="فعالیت تازه"' in page, "what the second person typed is still there"
    unit.refresh_from_db()
    assert unit.employees == 55 and unit.activity != "فعالیت تازه", "the first save stands"
    # Having seen it, the second person may save knowingly over it.
    version_3, opened_3 = form_values(page)
    assert int(version_3) == unit.version
    again = second.post(
        url, unit_data(unit, employees="90", activity="فعالیت تازه", version=version_3, opened_at=opened_3)
    )
    assert again.status_code == 302
    unit.refresh_from_db()
    assert unit.employees == 90


def test_business_actions_bump_the_version_so_an_open_form_notices(world, client_as):
    unit = world.unit_a
    url = reverse("units:industrialunit_edit", kwargs={"pk": unit.pk})
    client = client_as("secretariat")
    version, opened = form_values(client.get(url).content.decode())
    unit_services.change_status(IndustrialUnit.objects.get(pk=unit.pk), "semi_active", "کمبود نقدینگی")
    response = client.post(url, unit_data(unit, employees="7", version=version, opened_at=opened))
    assert response.status_code == 409


def test_the_api_refuses_a_stale_version_with_409_or_412(world, api_as):
    obstacle = world.obstacle_a
    client = api_as("secretariat")
    url = reverse("api:obstacle-detail", kwargs={"pk": obstacle.pk})
    read = client.get(url)
    etag = read["ETag"]
    version = read.json()["version"]
    assert etag == f'"{version}"'
    assert client.patch(url, {"title": "اول", "version": version}, format="json").status_code == 200
    stale = client.patch(url, {"title": "دوم", "version": version}, format="json")
    assert stale.status_code == 409 and "تغییر کرده است" in stale.json()["detail"]
    stale = client.patch(url, {"title": "دوم"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    obstacle.refresh_from_db()
    assert obstacle.title == "اول"
    fresh = client.get(url)["ETag"]
    assert client.patch(url, {"title": "دوم"}, format="json", HTTP_IF_MATCH=fresh).status_code == 200


def test_a_resolution_edit_is_versioned_too(world, client_as):
    resolution = world.resolution_a
    url = reverse("meetings:resolution_edit", kwargs={"pk": resolution.pk})
    page = client_as("secretariat").get(url).content.decode()
    assert 'name="version"' in page


def meeting_data(meeting, **changes):
    data = {
        "series": meeting.series_id,
        "date": format_jalali(meeting.date, persian=False),
        "place": meeting.place,
        "chair_name": meeting.chair_name,
        "notes": meeting.notes,
    }
    data.update(changes)
    return data


def test_two_secretaries_editing_one_meeting(world, client_as):
    """The county's and the province's secretariat open the same meeting; the second save is refused."""
    meeting = world.meeting_a
    url = reverse("meetings:meeting_edit", kwargs={"pk": meeting.pk})
    first, second = client_as("secretariat"), client_as("province_secretariat")
    version_1, opened_1 = form_values(first.get(url).content.decode())
    version_2, opened_2 = form_values(second.get(url).content.decode())
    saved = first.post(url, meeting_data(meeting, place="سالن شورا", version=version_1, opened_at=opened_1))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    refused = second.post(
        url, meeting_data(meeting, place="فرمانداری", notes="یادداشت دوم", version=version_2, opened_at=opened_2)
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "پس از باز شدن این فرم تغییر کرده است" in page and "یادداشت دوم" in page
    meeting.refresh_from_db()
    assert meeting.place == "سالن شورا" and meeting.notes != "یادداشت دوم", "the first save stands"


def test_a_meeting_series_edit_is_versioned_and_a_post_without_it_refused(world, client_as):
    series = world.series_a
    url = reverse("meetings:meetingseries_edit", kwargs={"pk": series.pk})
    client = client_as("secretariat")
    assert 'name="version"' in client.get(url).content.decode()
    data = {"county": series.county_id, "kind": series.kind, "title": "عنوان بی‌نسخه", "weekday": series.weekday}
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "نگفت از کدام نسخه" in page and 'value="عنوان بی‌نسخه"' in page
    series.refresh_from_db()
    assert series.title != "عنوان بی‌نسخه"


def test_a_conditional_claim_keeps_versions_exact_for_saves_that_do_not_say(world):
    """Saves that do not name a version (business actions) still raise it, and read back the row's value."""
    meeting = world.meeting_a
    other = type(meeting).objects.get(pk=meeting.pk)
    other.save()
    meeting.place = "جای تازه"
    meeting.save()
    assert meeting.version == other.version + 1 == type(meeting).objects.get(pk=meeting.pk).version


def test_the_api_refuses_a_stale_meeting(world, api_as):
    client = api_as("secretariat")
    url = reverse("api:meeting-detail", kwargs={"pk": world.meeting_a.pk})
    read = client.get(url)
    version = read.json()["version"]
    assert read["ETag"] == f'"{version}"'
    assert client.patch(url, {"place": "سالن یک", "version": version}, format="json").status_code == 200
    stale = client.patch(url, {"place": "سالن دو"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert stale.status_code == 412
    world.meeting_a.refresh_from_db()
    assert world.meeting_a.place == "سالن یک"


def test_a_conflict_does_not_name_internal_fields_to_those_who_may_not_read_them(world, api_as):
    from tashil.core.changelog import acting_as

    unit = world.unit_a
    url = reverse("api:industrialunit-detail", kwargs={"pk": unit.pk})
    version = api_as("unit_rep").get(url).json()["version"]
    with acting_as(user=world.users["secretariat"], source="web"):
        unit.notes, unit.employees = "یادداشت تازه", 44
        unit.save()
    stale = api_as("unit_rep").patch(url, {"activity": "تولید لوله", "version": version}, format="json")
    assert stale.status_code == 409
    detail = stale.json()["detail"]
    assert "تعداد کارکنان" in detail and "یادداشت داخلی" not in detail
    stale = api_as("secretariat").patch(url, {"activity": "تولید لوله", "version": version}, format="json")
    assert "یادداشت داخلی" in stale.json()["detail"]
