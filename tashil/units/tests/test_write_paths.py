"""One write path per event: the same unit event through the page, the API and the import ends the same.

Each event is done three times from the same world, each in a savepoint rolled back afterwards: through the
pages (the test client follows the page's own links and posts the form it serves), through the API, and by
uploading a sheet on the import page and pressing «ثبت». Each time the outcome is read as a person meets it:
the unit's stored values, its change log and status history, the county dashboard's figures (with the
figures cache on, as in production), the public directory's search for the unit's name, and the clinic case's
revival credit. The three outcomes must be equal, and each must show the event happened.

The provenance differs by design and is left out: the change log's and the history's source (web, API,
import) and a new unit's first reason («ثبت واحد در بانک اطلاعات» or «… با ورود از فایل»).
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.forms.models import model_to_dict
from openpyxl import Workbook

from tashil.core.changelog import history_for
from tashil.core.testing.pages import form, link
from tashil.core.testing.tasks import run_queued_tasks
from tashil.core.validators import national_id_check_digit
from tashil.site.testing.equivalence import dashboard
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit

NEW_ID = "1051234577" + str(national_id_check_digit("1051234577"))
REASON = "ورود از فایل"  # what the import writes as the reason: typed on the page and sent to the API too
NEW_NAME = "صنایع بازنام‌گذاری‌شده هم‌ارز"


def sheet(tmp_path, header, row):
    book = Workbook()
    book.active.append(header)
    book.active.append(row)
    path = tmp_path / "units.xlsx"
    book.save(path)
    return path


def directory_finds(client, name):
    """Whether the public directory's search for ``name`` lists a unit of that name."""
    page = client.get("/directory/units/", {"q": name}).context["page"]
    return [unit.name for unit in page.object_list]


def outcome(world, client, unit):
    unit.refresh_from_db()
    world.case_a.refresh_from_db()
    values = model_to_dict(unit, exclude=["id"])
    values.update(version=unit.version, status_date=unit.status_date, size_class=unit.size_class)
    values["search_text"] = unit.search_text
    log = [
        (e.action, e.user_id, e.object_repr, e.message, [(c["field"], c["old"], c["new"]) for c in e.changes])
        for e in history_for(unit).filter(content_type__model="industrialunit").order_by("pk")
    ]
    history = [(c.from_status, c.to_status, c.date, c.user_id) for c in unit.status_changes.order_by("pk")]
    revival = world.case_a.revival
    return {
        "unit": values,
        "log": log,
        "history": history,
        "dashboard": dashboard(client),
        "directory": directory_finds(client, unit.name),
        "revival": (revival.unit_id, revival.to_status, revival.date) if revival else None,
    }


def import_through_the_page(client, path, capture):
    """Upload ``path`` from the unit list's «ورود از فایل» link, wait for the check, press «ثبت»."""
    upload = form(client.get(link(client.get("/registry/units/"), text="ورود از فایل")), testid="import-form")
    with capture(execute=True), open(path, "rb") as handle:
        job = upload.submit(client, file=handle)
    run_queued_tasks()
    report = client.get(job["Location"])
    with capture(execute=True):
        form(report, button_testid="apply-import").submit(client)
    run_queued_tasks()
    assert client.get(job["Location"]).context["report"]["written"], client.get(job["Location"]).context["report"]


def each_path(world, client_as, api_as, capture, paths):
    """Run every path from the same world (a savepoint each, rolled back) and return what each ended in."""
    outcomes = {}
    for name, do in paths.items():
        with transaction.atomic():
            cache.clear()  # each path starts from figures computed afresh, as the first visit of the day
            client = client_as("secretariat")
            before = dashboard(client)
            with capture(execute=True):
                unit = do(client, api_as("secretariat"))
            outcomes[name] = outcome(world, client, unit)
            outcomes[name]["before"] = before
            transaction.set_rollback(True)
    return outcomes


def assert_same(outcomes):
    """Every part of every path's outcome equals the page's; all the parts that differ are named at once."""
    page = outcomes["page"]
    differ = [f"{name}: {part}" for name in ("api", "import") for part in page if outcomes[name][part] != page[part]]
    assert not differ, "differs from the page in " + ", ".join(differ)


@pytest.mark.django_db
def test_a_unit_under_clinic_care_set_active(
    world, client_as, api_as, tmp_path, figures_cached, django_capture_on_commit_callbacks
):
    unit = world.unit_a2  # semi-active, under case A's care

    def page(client, api):
        unit_page = client.get(unit.get_absolute_url())
        change = form(client.get(link(unit_page, testid="change-status")), testid="object-form")
        response = change.fill(to_status=UnitStatus.ACTIVE, reason=REASON).submit(client)
        assert response.status_code == 302, response.context["form"].errors
        return unit

    def api(client, api):
        response = api.post(
            f"/api/units/units/{unit.pk}/status/", {"to_status": UnitStatus.ACTIVE, "reason": REASON}, format="json"
        )
        assert response.status_code == 201, response.json()
        return unit

    def imported(client, api):
        path = sheet(tmp_path, ["نام واحد", "شناسه ملی", "وضعیت"], [unit.name, unit.national_id, "فعال"])
        import_through_the_page(client, path, django_capture_on_commit_callbacks)
        return unit

    outcomes = each_path(
        world, client_as, api_as, django_capture_on_commit_callbacks, {"page": page, "api": api, "import": imported}
    )
    assert_same(outcomes)
    done = outcomes["page"]
    assert done["unit"]["status"] == UnitStatus.ACTIVE
    assert done["revival"] == (unit.pk, UnitStatus.ACTIVE, done["unit"]["status_date"])
    assert done["dashboard"]["units"][UnitStatus.ACTIVE] == done["before"]["units"][UnitStatus.ACTIVE] + 1
    assert done["dashboard"]["reactivated"]["month_clinic"] == done["before"]["reactivated"]["month_clinic"] + 1
    assert done["log"][-1][3] == "وضعیت از «نیمه‌فعال» به «فعال» تغییر کرد: " + REASON


@pytest.mark.django_db
def test_a_unit_renamed(world, client_as, api_as, tmp_path, figures_cached, django_capture_on_commit_callbacks):
    unit = world.unit_a  # listed in the public directory
    old_name = unit.name

    def page(client, api):
        edit = form(client.get(link(client.get(unit.get_absolute_url()), testid="edit-button")), testid="object-form")
        response = edit.fill(name=NEW_NAME).submit(client)
        assert response.status_code == 302, response.context["form"].errors
        return unit

    def api(client, api):
        response = api.patch(f"/api/units/units/{unit.pk}/", {"name": NEW_NAME}, format="json")
        assert response.status_code == 200, response.json()
        return unit

    def imported(client, api):
        import_through_the_page(
            client,
            sheet(tmp_path, ["نام واحد", "شناسه ملی"], [NEW_NAME, unit.national_id]),
            django_capture_on_commit_callbacks,
        )
        return unit

    outcomes = each_path(
        world, client_as, api_as, django_capture_on_commit_callbacks, {"page": page, "api": api, "import": imported}
    )
    assert_same(outcomes)
    done = outcomes["page"]
    assert done["unit"]["name"] == NEW_NAME and done["directory"] == [NEW_NAME]
    assert done["log"][-1][4] == [("name", old_name, NEW_NAME)]


@pytest.mark.django_db
def test_a_new_unit(world, client_as, api_as, tmp_path, figures_cached, django_capture_on_commit_callbacks):
    typed = {"name": "صنایع تازه هم‌ارز", "national_id": NEW_ID, "status": UnitStatus.SEMI_ACTIVE, "employees": "12"}

    def page(client, api):
        add = form(client.get(link(client.get("/registry/units/"), testid="add-button")), testid="object-form")
        response = add.fill(**typed, county=str(world.county_a.pk)).submit(client)
        assert response.status_code == 302, response.context["form"].errors
        return IndustrialUnit.objects.get(national_id=NEW_ID)

    def api(client, api):
        response = api.post("/api/units/units/", {**typed, "county": world.county_a.pk}, format="json")
        assert response.status_code == 201, response.json()
        return IndustrialUnit.objects.get(national_id=NEW_ID)

    def imported(client, api):
        header = ["نام واحد", "شناسه ملی", "وضعیت", "تعداد کارکنان", "شهرستان"]
        row = [typed["name"], NEW_ID, "نیمه‌فعال", typed["employees"], world.county_a.name]
        import_through_the_page(client, sheet(tmp_path, header, row), django_capture_on_commit_callbacks)
        return IndustrialUnit.objects.get(national_id=NEW_ID)

    outcomes = each_path(
        world, client_as, api_as, django_capture_on_commit_callbacks, {"page": page, "api": api, "import": imported}
    )
    assert_same(outcomes)
    done = outcomes["page"]
    assert done["unit"]["county"] == world.county_a.pk and done["unit"]["employees"] == 12
    assert done["history"] == [("", UnitStatus.SEMI_ACTIVE, done["unit"]["status_date"], world.users["secretariat"].pk)]
    assert done["dashboard"]["units"][UnitStatus.SEMI_ACTIVE] == done["before"]["units"][UnitStatus.SEMI_ACTIVE] + 1
