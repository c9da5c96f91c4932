from django.contrib.contenttypes.models import ContentType

from tashil.core.changelog import acting_as, history_for, log_event
from tashil.core.choices import ChangeAction, ChangeSource
from tashil.core.models import ChangeLogEntry
from tashil.geo.models import IndustrialZone
from tashil.orgs.models import AgencyContact


def entries(obj):
    return ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def test_create_update_delete_each_write_one_entry(world):
    user = world.users["secretariat"]
    with acting_as(user=user, source=ChangeSource.WEB):
        zone = IndustrialZone.objects.create(county=world.county_a, name="شهرک تازه")
        zone.area_hectares = 120
        zone.name = "شهرک تازه‌تر"
        zone.save()
        zone.save()  # nothing changed: no entry
        pk = zone.pk
        zone.delete()
    log = list(ChangeLogEntry.objects.filter(object_id=pk, content_type__model="industrialzone").order_by("pk"))
    assert [e.action for e in log] == [ChangeAction.CREATE, ChangeAction.UPDATE, ChangeAction.DELETE]
    assert all(e.user == user for e in log)
    changes = {c["field"]: c for c in log[1].changes}
    assert set(changes) == {"name", "area_hectares"}
    assert changes["name"]["old"] == "شهرک تازه" and changes["name"]["new"] == "شهرک تازه‌تر"
    assert changes["area_hectares"]["new"] == "۱۲۰"
    assert changes["name"]["label"] == "نام"


def test_loaded_objects_diff_against_what_was_read(world):
    zone = IndustrialZone.objects.get(pk=world.zone_a.pk)
    zone.county = world.county_a2
    zone.save()
    entry = entries(zone).filter(action=ChangeAction.UPDATE).get()
    assert entry.changes == [{"field": "county", "label": "شهرستان", "old": "شهرستان الف", "new": "شهرستان الف دو"}]


def test_children_show_in_the_parent_history(world):
    contact = AgencyContact.objects.create(agency=world.agency_a, name="رابط آزمایشی")
    history = list(history_for(world.agency_a))
    assert any(e.object_id == contact.pk and e.content_type.model == "agencycontact" for e in history)


def test_business_events_are_readable(world):
    with acting_as(user=world.users["secretariat"]):
        log_event(world.agency_a, "موضوع به این دستگاه ارجاع شد")
    entry = entries(world.agency_a).get(action=ChangeAction.EVENT)
    assert entry.message == "موضوع به این دستگاه ارجاع شد"
    assert entry.user_name == world.users["secretariat"].get_full_name()


def test_without_an_actor_the_source_is_the_system(world):
    zone = IndustrialZone.objects.create(county=world.county_a, name="بی‌کاربر")
    entry = entries(zone).get()
    assert entry.user is None and entry.source == ChangeSource.SYSTEM


def test_the_change_log_page_is_for_administrators_only(world, client_as):
    assert client_as("admin").get("/core/changelog/").status_code == 200
    assert client_as("secretariat").get("/core/changelog/").status_code == 403
