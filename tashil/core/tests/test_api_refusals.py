"""Ordinary bad API requests are refused with a Persian message (400, 404, 409), never a server error: the cases
the security test of issue 20 found, each a plain regression test beside the schemathesis fuzzing."""

import datetime

import pytest
from django.db import DataError
from django.urls import reverse

from tashil.core.api.exceptions import exception_handler
from tashil.core.jalali import today
from tashil.geo.models import IndustrialZone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "key", "blocker"),
    [
        ("/api/units/units/{}/", "unit_a2", "پرونده"),
        ("/api/geo/zones/{}/", "zone_a", "واحد"),
        ("/api/orgs/agencies/{}/", "agency_a", "ارجاع"),
        ("/api/meetings/meetings/{}/", "meeting_a", "مصوب"),
        ("/api/clinic/centres/{}/", "centre_a", "پرونده"),
    ],
)
def test_deleting_what_others_refer_to_is_a_409_naming_them(world, api_as, path, key, blocker):
    obj = getattr(world, key)
    response = api_as("admin").delete(path.format(obj.pk))
    assert response.status_code == 409, response.content
    detail = response.json()["detail"]
    assert str(obj) in detail and "حذف نشد" in detail and blocker in detail
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_the_delete_page_refuses_with_the_same_message(world, client_as, api_as):
    response = client_as("admin").post(reverse("geo:industrialzone_delete", args=[world.zone_a.pk]), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    refused = api_as("admin").delete(f"/api/geo/zones/{world.zone_a.pk}/").json()["detail"]
    assert shown == [refused]
    assert IndustrialZone.objects.filter(pk=world.zone_a.pk).exists()


@pytest.mark.parametrize(
    ("path", "key", "field"),
    [
        ("/api/obstacles/obstacles/{}/", "obstacle_a", "reported_date"),
        ("/api/clinic/cases/{}/", "case_a", "opened_date"),
        ("/api/catalog/exhibitions/{}/", "exhibition_a", "start_date"),
    ],
)
@pytest.mark.parametrize("value", ["0999-01-01", "9999-12-31"])
def test_a_date_outside_the_jalali_years_is_a_400_naming_the_field(world, api_as, path, key, field, value):
    obj = getattr(world, key)
    before = getattr(obj, field)
    response = api_as("admin").patch(path.format(obj.pk), {field: value}, format="json")
    assert response.status_code == 400, response.content
    message = response.json()[field][0]
    assert value in message and "۱۳۰۰/۰۱/۰۱" in message
    obj.refresh_from_db()
    assert getattr(obj, field) == before


@pytest.mark.parametrize(
    ("path", "key", "field"),
    [("/api/clinic/centres/{}/", "centre_a", "specialties"), ("/api/clinic/diagnoses/{}/", "diagnosis_a", "levers")],
)
@pytest.mark.parametrize(("value", "format"), [("null", "multipart"), (None, "json"), (5, "json"), ("{}", "multipart")])
def test_a_list_field_sent_as_null_or_a_number_is_a_400_naming_it(world, api_as, path, key, field, value, format):
    obj = getattr(world, key)
    response = api_as("admin").patch(path.format(obj.pk), {field: value}, format=format)
    assert response.status_code == 400, response.content
    assert response.json()[field][0].strip()


def test_a_list_field_still_takes_a_list(world, api_as):
    response = api_as("admin").patch(
        f"/api/clinic/diagnoses/{world.diagnosis_a.pk}/", {"levers": ["working_capital"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["levers"] == ["working_capital"]


def test_an_id_beyond_64_bits_is_a_400_naming_the_field(world, api_as):
    """A list of ids reaches the database as an IN (…): SQLite overflowed (a 500); PostgreSQL took it."""
    world.workshop_a.date = today() - datetime.timedelta(days=1)
    world.workshop_a.save()
    url = f"/api/workshops/workshops/{world.workshop_a.pk}/attendance/"
    response = api_as("admin").post(url, {"present": [10**20]}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["present"]


@pytest.mark.parametrize("error", [OverflowError("Python int too large to convert to SQLite INTEGER"), DataError()])
def test_a_value_the_database_cannot_hold_is_a_400_wherever_it_comes_from(error):
    """The net under every field's bounds: a query parameter or a list that still reaches the database."""
    response = exception_handler(error, {})
    assert response.status_code == 400
    assert "بسیار بزرگ" in response.data["non_field_errors"][0]


def test_an_unknown_id_is_a_404_in_persian(world, api_as):
    response = api_as("secretariat").get(f"/api/units/units/{world.unit_b.pk}/")
    assert response.status_code == 404
    assert response.json()["detail"] == "چنین موردی پیدا نشد، یا بیرون از حوزه دسترسی شماست."


def test_an_unreadable_body_is_a_400_in_persian(world, api_as):
    response = api_as("admin").generic("POST", "/api/geo/zones/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("بدنه درخواست خوانا نیست")


def test_a_null_body_is_a_400_in_persian(world, api_as):
    response = api_as("admin").generic(
        "PATCH", f"/api/catalog/inquiries/{world.inquiry_a.pk}/", "null", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith("درخواست داده‌ای ندارد")
