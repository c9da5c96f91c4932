"""One write path per event: attendance taken and a registration cancelled through the page's own form or button
and through the API end in the same state, change log and notifications (``workshops/services.py``, declared once
in ``actions.py``); a refusal is shown where it was made, with what was chosen kept, and the API refuses with the
same words."""

import datetime

from django.test import Client
from django.urls import reverse

from tashil.accounts.models import User
from tashil.core.jalali import today
from tashil.core.models import ChangeLogEntry
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.notifications.models import Notification
from tashil.workshops import services
from tashil.workshops.choices import RegistrationStatus, WorkshopStatus
from tashil.workshops.models import Registration, Workshop

from .world import make_workshop

WATCHED = (
    (ChangeLogEntry, ("content_type__model", "object_id", "action", "message", "changes", "user_id")),
    (Notification, ("recipient_id", "kind", "title", "body", "url")),
)


def register(workshop, name, mobile, unit=None, user=None):
    return services.save_registration(
        Registration(workshop=workshop, unit=unit, full_name=name, mobile=mobile, registered_by=user)
    )


def state_of(workshop):
    def state():
        return {
            "workshop": list(Workshop.objects.filter(pk=workshop.pk).values("status")),
            "registrations": list(
                Registration.objects.filter(workshop=workshop).order_by("pk").values("full_name", "status", "attended")
            ),
        }

    return state


def held_yesterday(world):
    """A workshop of county A held yesterday: two seats taken, one person waiting (a registration is made while
    the workshop is still open, so the date is moved back after)."""
    workshop = make_workshop(world.county_a, days=1, capacity=2)
    people = [register(workshop, name, f"0912000000{i}", unit=world.unit_a) for i, name in enumerate("ابج")]
    Workshop.objects.filter(pk=workshop.pk).update(date=today() - datetime.timedelta(days=1))
    workshop.refresh_from_db()
    return workshop, people


def test_taking_attendance(world, client_as, api_as):
    workshop, (came, _absent, waiting) = held_yesterday(world)
    assert waiting.status == RegistrationStatus.WAITLISTED
    outcome = same_both_ways(
        WATCHED,
        by_page(
            client_as("secretariat"),
            workshop.get_absolute_url() + "?tab=attendance",
            testid="attendance-form",
            present=[came.pk],
        ),
        by_api(api_as("secretariat"), f"/api/workshops/workshops/{workshop.pk}/attendance/", {"present": [came.pk]}),
        state_of(workshop),
    )
    assert outcome["state"]["workshop"] == [{"status": WorkshopStatus.HELD}]
    assert [r["attended"] for r in outcome["state"]["registrations"]] == [True, False, False]
    entries = outcome["core.ChangeLogEntry"]
    attended = [e for e in entries if e["content_type__model"] == "registration"]
    assert [(e["object_id"], e["action"], [c["field"] for c in e["changes"]]) for e in attended] == [
        (came.pk, "update", ["attended"])
    ], "the registration whose attendance changed is named in the change log, once"
    assert any(e["content_type__model"] == "workshop" and "۱ نفر حاضر" in e["message"] for e in entries)


def test_a_registration_cancelled_since_the_sheet_was_opened_is_refused_with_the_ticks_kept(world, client_as, api_as):
    workshop, (came, absent, _waiting) = held_yesterday(world)
    client = client_as("secretariat")
    sheet = client.get(workshop.get_absolute_url() + "?tab=attendance")
    Registration.objects.filter(pk=absent.pk).update(status=RegistrationStatus.CANCELLED)
    url = reverse("workshops:workshop_attendance", kwargs={"pk": workshop.pk})
    assert url in sheet.content.decode()
    response = client.post(url, {"present": [came.pk, absent.pk]})
    assert response.status_code == 400
    assert "معتبر" in response.content.decode(), "the choice refused in Persian"
    assert response.context["form"]["present"].value() == [str(came.pk), str(absent.pk)]
    future = make_workshop(world.county_a, days=5)
    api = api_as("secretariat").post(
        f"/api/workshops/workshops/{future.pk}/attendance/", {"present": []}, format="json"
    )
    assert api.status_code == 400 and "روز کارگاه" in api.json()["non_field_errors"][0]
    page = client.post(reverse("workshops:workshop_attendance", kwargs={"pk": future.pk}), {"present": []})
    assert page.status_code == 400 and "روز کارگاه" in page.content.decode()
    assert not Registration.objects.filter(workshop=workshop, attended=True).exists()


def test_cancelling_a_seat_passes_it_to_the_first_who_waits(world, client_as, api_as):
    workshop = make_workshop(world.county_a, capacity=1)
    seated = register(workshop, "نشسته", "09120000001", unit=world.unit_a, user=world.users["unit_rep"])
    register(workshop, "منتظر", "09120000002", unit=world.unit_a, user=world.users["unit_rep"])
    outcome = same_both_ways(
        WATCHED,
        by_page(client_as("unit_rep"), seated.get_absolute_url(), action="/cancel/"),
        by_api(api_as("unit_rep"), f"/api/workshops/registrations/{seated.pk}/cancel/"),
        state_of(workshop),
    )
    assert [(r["full_name"], r["status"]) for r in outcome["state"]["registrations"]] == [
        ("نشسته", RegistrationStatus.CANCELLED),
        ("منتظر", RegistrationStatus.REGISTERED),
    ]
    told = outcome["notifications.Notification"]
    assert [n["recipient_id"] for n in told] == [world.users["unit_rep"].pk] and "منتظر" in told[0]["body"]


def test_cancelling_an_attended_registration_is_refused_alike(world, client_as, api_as):
    registration = world.registration_a  # marked present
    page = client_as("unit_rep").post(
        reverse("workshops:registration_cancel", kwargs={"pk": registration.pk}), follow=True
    )
    assert "ثبت‌نامش را نمی‌توان لغو کرد" in page.content.decode()
    api = api_as("unit_rep").post(f"/api/workshops/registrations/{registration.pk}/cancel/")
    assert api.status_code == 400 and "ثبت‌نامش را نمی‌توان لغو کرد" in api.json()["non_field_errors"][0]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_a_registration_added_in_the_admin_waits_when_the_seats_are_taken(world):
    """The admin's inline registers through the same event: a full workshop puts the newcomer on the waiting list."""
    workshop = make_workshop(world.county_a, capacity=1)
    seated = register(workshop, "نشسته", "09120000001")
    admin = Client()
    admin.force_login(User.objects.create_superuser("workshops-admin", "workshops-admin@example.com", "x"))
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    form = admin.get(url).context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update(
        {
            "date": workshop.date.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "is_public": "on",
            "registrations-TOTAL_FORMS": "2",
            "registrations-INITIAL_FORMS": "1",
            "registrations-0-id": seated.pk,
            "registrations-0-workshop": workshop.pk,
            "registrations-0-full_name": "نشسته",
            "registrations-0-mobile": "09120000001",
            "registrations-1-workshop": workshop.pk,
            "registrations-1-full_name": "تازه‌وارد",
            "registrations-1-mobile": "09120000002",
        }
    )
    response = admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    newcomer = Registration.objects.get(workshop=workshop, full_name="تازه‌وارد")
    assert newcomer.status == RegistrationStatus.WAITLISTED
