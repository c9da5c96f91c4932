"""Asking the representatives of many stale units to confirm their data (issue 26 §4): the unit list's bulk action
with its confirmation page, all or nothing, one request and one history entry per unit, a notice to each
representative; the representative's «اطلاعات واحد درست است» on the unit page; another county's unit answers
404."""

import logging

from tashil.core.changelog import history_for
from tashil.core.jalali import today
from tashil.core.models import ChangeLogEntry
from tashil.core.testing.pages import form
from tashil.notifications import services as notification_services
from tashil.notifications.models import Notification, OutgoingSMS
from tashil.units.choices import DataCheckStatus
from tashil.units.models import DataCheckRequest, IndustrialUnit

BULK = "/registry/units/bulk/"


def unit_entries(unit):
    return ChangeLogEntry.objects.filter(content_type__model="industrialunit", object_id=unit.pk)


def stale_units(world):
    """Units A and A2 of the world, never verified (stale), each with its representative (who has a mobile)."""
    for key in ("unit_rep", "unit_rep_b"):
        user = world.users[key]
        user.mobile = "09121234567" if key == "unit_rep" else "09121234568"
        user.save()
    return [world.unit_a, world.unit_a2]


def test_the_stale_list_offers_the_request_to_the_secretariat_only(world, client_as):
    page = client_as("secretariat").get("/registry/units/?stale=true").content.decode()
    assert 'data-testid="bulk-data_check"' in page and f'name="select" value="{world.unit_a.pk}"' in page
    for role in ("manager", "unit_rep", "agency_officer"):
        assert 'data-testid="bulk-data_check"' not in client_as(role).get("/registry/units/").content.decode()


def test_the_preview_names_each_unit_and_sends_nothing(world, client_as):
    units = stale_units(world)
    client = client_as("secretariat")
    bulk = form(client.get("/registry/units/?stale=true"), testid="bulk-form")
    preview = client.post(bulk.action, {**bulk.data, "action": "data_check", "select": [u.pk for u in units]})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert all(unit.name in page for unit in units) and "نماینده" in page
    assert not DataCheckRequest.objects.exists() and not Notification.objects.filter(kind="data_check").exists()


def test_each_units_representative_is_asked_once_logged_once_and_told(world, client_as):
    units = stale_units(world)
    before = {unit.pk: unit_entries(unit).count() for unit in units}
    client = client_as("secretariat")
    preview = client.post(BULK, {"action": "data_check", "select": [u.pk for u in units]})
    done = form(preview, button_testid="bulk-confirm-button").submit(client)
    assert done.status_code == 302
    for unit, rep in zip(units, ("unit_rep", "unit_rep_b"), strict=True):
        request = DataCheckRequest.objects.get(unit=unit)
        assert request.status == DataCheckStatus.PENDING and request.requested_by == world.users["secretariat"]
        assert unit_entries(unit).count() == before[unit.pk] + 1
        assert "خواسته شد درستی اطلاعات واحد را تأیید کند" in unit_entries(unit).first().message
        notice = Notification.objects.get(recipient=world.users[rep], kind="data_check")
        assert unit.name in notice.title and notice.url == unit.get_absolute_url()
        # A unit's representative gets this notice by SMS too unless they turned it off.
        assert OutgoingSMS.objects.filter(recipient=world.users[rep], kind="data_check").count() == 1
    assert "از نماینده ۲ واحد تأیید اطلاعات خواسته شد" in client.get(done.url).content.decode()
    # Each unit's request is on its page.
    page = client.get(world.unit_a.get_absolute_url()).content.decode()
    assert 'data-testid="data-checks"' in page and 'data-testid="data-check-pending"' in page


def test_a_unit_the_check_refuses_stops_the_whole_batch(world, client_as):
    units = stale_units(world)
    nobody = IndustrialUnit.objects.create(name="واحد بی‌نماینده", county=world.county_a)
    fresh = IndustrialUnit.objects.create(name="واحد تازه‌بررسی", county=world.county_a, last_verified=today())
    client = client_as("secretariat")
    chosen = [u.pk for u in (*units, nobody, fresh)]
    before = ChangeLogEntry.objects.count()
    refused = client.post(BULK, {"action": "data_check", "select": chosen, "confirmed": "1"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "«واحد بی‌نماینده» نماینده فعالی در سامانه ندارد" in page
    assert "اطلاعات «واحد تازه‌بررسی» کهنه نیست" in page
    assert not DataCheckRequest.objects.exists()
    assert not Notification.objects.filter(kind="data_check").exists()
    assert not OutgoingSMS.objects.filter(kind="data_check").exists()
    assert ChangeLogEntry.objects.count() == before


class Injected(Exception):
    """A failure injected into the notice to the second unit's representative."""


def test_a_notice_that_fails_on_the_second_unit_asks_nobody_and_says_which(world, client_as, monkeypatch, caplog):
    units = stale_units(world)
    client = client_as("secretariat")
    preview = client.post(BULK, {"action": "data_check", "select": [u.pk for u in units]})
    before = {unit.pk: unit_entries(unit).count() for unit in units}
    real_notify, notified = notification_services.notify, []

    def notify_then_fail(recipients, kind, title, *args, **kwargs):
        notified.append(title)
        if len(notified) == 2:
            raise Injected
        return real_notify(recipients, kind, title, *args, **kwargs)

    monkeypatch.setattr(notification_services, "notify", notify_then_fail)
    with caplog.at_level(logging.ERROR, logger="tashil.core.views.generic"):
        failed = form(preview, button_testid="bulk-confirm-button").submit(client)
    assert len(notified) == 2, "the first unit's request, history entry and notice were written before the failure"
    # Nothing of the first unit's request remains: no request, no history entry, no notice, no SMS.
    assert not DataCheckRequest.objects.exists()
    assert not Notification.objects.filter(kind="data_check").exists()
    assert not OutgoingSMS.objects.filter(kind="data_check").exists()
    assert {unit.pk: unit_entries(unit).count() for unit in units} == before
    # The secretariat sees which unit failed, on the confirmation page with the same selection to send again.
    assert failed.status_code == 400
    second = next(unit for unit in units if unit.name in notified[1])
    page = " ".join(failed.content.decode().split())
    assert f"کار بر «{second}» با خطایی در سامانه روبه‌رو شد" in page and "هیچ ردیفی تغییر نکرد" in page
    assert sorted(form(failed, button_testid="bulk-confirm-button").data["select"]) == sorted(str(u.pk) for u in units)
    # The administrators get the traceback in the log.
    (record,) = [r for r in caplog.records if r.name == "tashil.core.views.generic"]
    assert record.exc_info[0] is Injected and f"pk={second.pk}" in record.getMessage()


def test_a_second_request_the_same_day_is_refused(world, client_as):
    units = stale_units(world)
    client = client_as("secretariat")
    assert client.post(BULK, {"action": "data_check", "select": [units[0].pk], "confirmed": "1"}).status_code == 302
    again = client.post(BULK, {"action": "data_check", "select": [u.pk for u in units], "confirmed": "1"})
    assert again.status_code == 400 and "امروز پیش‌تر" in again.content.decode()
    assert DataCheckRequest.objects.filter(unit=units[1]).count() == 0


def test_another_countys_unit_answers_404_and_nobody_is_asked(world, client_as):
    units = stale_units(world)
    client = client_as("secretariat")
    selection = {"action": "data_check", "select": [units[0].pk, world.unit_b.pk], "confirmed": "1"}
    assert client.post(BULK, selection).status_code == 404
    assert not DataCheckRequest.objects.exists() and not Notification.objects.filter(kind="data_check").exists()
    assert client_as("manager").post(BULK, {**selection, "select": [units[0].pk]}).status_code == 403


def test_the_representative_confirms_from_the_unit_page(world, client_as):
    units = stale_units(world)
    client_as("secretariat").post(BULK, {"action": "data_check", "select": [units[0].pk], "confirmed": "1"})
    rep = client_as("unit_rep")
    page = rep.get(world.unit_a.get_absolute_url())
    assert 'data-testid="data-check-pending"' in page.content.decode()
    done = form(page, button_testid="confirm-data").submit(rep)
    assert done.status_code == 302
    unit = IndustrialUnit.objects.get(pk=world.unit_a.pk)
    assert unit.last_verified == today() and not unit.is_stale
    request = DataCheckRequest.objects.get(unit=unit)
    assert request.status == DataCheckStatus.CONFIRMED and request.confirmed_by == world.users["unit_rep"]
    assert "درستی اطلاعات واحد را تأیید کرد" in unit_entries(unit).first().message
    after = rep.get(done.url).content.decode()
    assert (
        'data-testid="data-check-pending"' not in after and "درستی اطلاعات «صنایع آزمایشی الف» امروز تأیید شد" in after
    )


def test_only_the_units_own_representative_confirms(world, client_as):
    url = f"/registry/units/{world.unit_a.pk}/confirm-data/"
    assert client_as("unit_rep_b").post(url).status_code == 404
    assert client_as("secretariat").post(url).status_code == 403
    assert IndustrialUnit.objects.get(pk=world.unit_a.pk).last_verified is None


def test_the_secretariats_verification_answers_a_waiting_request(world, client_as):
    units = stale_units(world)
    client = client_as("secretariat")
    client.post(BULK, {"action": "data_check", "select": [units[0].pk], "confirmed": "1"})
    client.post(f"/registry/units/{units[0].pk}/verify/")
    request = DataCheckRequest.objects.get(unit=units[0])
    assert request.status == DataCheckStatus.CONFIRMED and request.confirmed_by == world.users["secretariat"]
    assert request.confirmed_at is not None


def test_each_request_answered_in_bulk_has_its_change_log_entry(world, client_as):
    """The secretariat's verification answers every waiting request with one write: each request it closes gets
    its entry (status, time, who), on the unit's history — and a request already answered gets none."""
    units = stale_units(world)
    secretariat = world.users["secretariat"]
    waiting = [
        DataCheckRequest.objects.create(unit=units[0], requested_by=secretariat, sent_to="نماینده") for _ in "ab"
    ]
    answered = DataCheckRequest.objects.create(
        unit=units[0], sent_to="نماینده", status=DataCheckStatus.CONFIRMED, confirmed_by=world.users["unit_rep"]
    )
    client_as("secretariat").post(f"/registry/units/{units[0].pk}/verify/")
    entries = ChangeLogEntry.objects.filter(content_type__model="datacheckrequest")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(r.pk for r in waiting)
    for entry in entries:
        assert entry.user == secretariat and entry.action == "update" and entry.source == "web"
        assert {c["field"] for c in entry.changes} == {"status", "confirmed_at", "confirmed_by"}
    assert not entries.filter(object_id=answered.pk).exists()
    assert set(history_for(units[0]).filter(content_type__model="datacheckrequest")) == set(entries)
