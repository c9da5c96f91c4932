"""The access log and the change log: written as things happen, readable by administrators, changeable by no one."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tashil.accounts.models import AccessEvent
from tashil.core.demo import DEMO_PASSWORD
from tashil.core.models import ChangeLogEntry

pytestmark = pytest.mark.django_db


def test_sign_in_failure_and_sign_out_are_logged(world):
    client = Client()
    client.post(reverse("accounts:login"), {"username": "secretariat", "password": "wrong-password"})
    client.post(reverse("accounts:login"), {"username": "secretariat", "password": DEMO_PASSWORD})
    client.post(reverse("accounts:logout"))
    kinds = list(AccessEvent.objects.filter(username="secretariat").order_by("pk").values_list("kind", flat=True))
    assert kinds == ["sign_in_failed", "sign_in", "sign_out"]
    event = AccessEvent.objects.get(username="secretariat", kind="sign_in")
    assert event.user == world.users["secretariat"] and event.address == "127.0.0.1"


def test_every_export_is_logged_with_the_list_and_format(world, client_as):
    client = client_as("secretariat")
    response = client.get("/registry/units/?status=active&export=xlsx")
    b"".join(response.streaming_content)
    client.get(reverse("reports:scorecard") + "?export=csv")
    exports = AccessEvent.objects.filter(kind="export", user=world.users["secretariat"]).order_by("pk")
    details = [e.detail for e in exports]
    assert len(details) == 2
    assert "واحدهای صنعتی" in details[0] and "status=active" in details[0] and details[0].endswith("(xlsx)")
    assert "کارنامه دستگاه‌ها" in details[1] and details[1].endswith("(csv)")


def test_an_export_refused_by_scope_is_not_logged_as_done(world, client_as):
    meeting = world.meeting_a
    response = client_as("secretariat_b").get(reverse("meetings:meeting_minutes", kwargs={"pk": meeting.pk}))
    assert response.status_code == 404
    assert not AccessEvent.objects.filter(kind="export", user=world.users["secretariat_b"]).exists()


def test_the_logs_cannot_be_changed_or_removed(world, client_as):
    AccessEvent.objects.create(kind="sign_in", username="x")
    event = AccessEvent.objects.latest("pk")
    event.detail = "rewritten"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    entry = ChangeLogEntry.objects.first()
    entry.message = "rewritten"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    admin = client_as("admin")
    for url in (reverse("core:changelogentry", kwargs={"pk": entry.pk}), reverse("accounts:accessevent_list")):
        assert admin.post(url, {"message": "x"}).status_code == 405
    assert admin.get(reverse("accounts:accessevent_list")).status_code == 200
    assert client_as("secretariat").get(reverse("accounts:accessevent_list")).status_code == 403
