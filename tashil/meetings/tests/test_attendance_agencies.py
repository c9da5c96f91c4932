"""The attendance form offers the agencies a meeting's working group can invite: its county's, its province's
and national ones; another county's or province's agency is neither offered nor accepted (page or API)."""

import pytest
from django.urls import reverse

from tashil.core.choices import ScopeLevel
from tashil.meetings.models import Attendance
from tashil.site.testing.factories import AgencyFactory


@pytest.fixture
def agencies(world):
    return {
        "county": world.agency_a,
        "province": AgencyFactory(
            name="اداره کل صمت استان الف", level=ScopeLevel.PROVINCE, county=None, province=world.province_a
        ),
        "nation": AgencyFactory(name="سازمان ملی استاندارد", level=ScopeLevel.NATION, county=None, province=None),
        "neighbour_county": AgencyFactory(name="اداره برق الف دو", county=world.county_a2),
        "other_county": world.agency_b,
        "other_province": AgencyFactory(
            name="اداره کل صمت استان ب", level=ScopeLevel.PROVINCE, county=None, province=world.province_b
        ),
    }


def test_only_the_meetings_place_agencies_are_offered(world, client_as, agencies):
    page = client_as("province_secretariat").get(reverse("meetings:attendance_add"), {"meeting": world.meeting_a.pk})
    offered = set(page.context["form"].fields["agency"].queryset)
    assert {agencies["county"], agencies["province"], agencies["nation"]} <= offered
    assert not {agencies["neighbour_county"], agencies["other_county"], agencies["other_province"]} & offered


@pytest.mark.parametrize("key", ["neighbour_county", "other_province"])
def test_another_places_agency_is_refused_and_the_typed_kept(world, client_as, agencies, key):
    client = client_as("province_secretariat")
    data = {"meeting": world.meeting_a.pk, "agency": agencies[key].pk, "position": "معاون فنی", "status": "invited"}
    response = client.post(reverse("meetings:attendance_add"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="معاون فنی"' in page
    assert not Attendance.objects.filter(agency=agencies[key]).exists()


def test_the_model_refuses_it_for_the_api_and_imports(world, api_as, agencies):
    refused = api_as("admin").post(
        "/api/meetings/attendance/",
        {"meeting": world.meeting_a.pk, "agency": agencies["other_province"].pk, "status": "invited"},
        format="json",
    )
    assert refused.status_code == 400 and "به این جلسه دعوت نمی‌شود" in refused.content.decode()
    accepted = api_as("secretariat").post(
        "/api/meetings/attendance/",
        {"meeting": world.meeting_a.pk, "agency": agencies["nation"].pk, "status": "invited"},
        format="json",
    )
    assert accepted.status_code == 201, accepted.content
