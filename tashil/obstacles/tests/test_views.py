import io

from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from tashil.core.testing.plans import unsorted_plan
from tashil.core.testing.views import DeleteTests, ExportTests, ModelViewTests
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import ObstacleStatus, Source
from tashil.obstacles.models import Attachment, Obstacle, ObstacleEvent

from .world import make_overdue


class TestObstacleViews(ModelViewTests, ExportTests, DeleteTests):
    model = Obstacle
    changed_field = "severity"

    def make(self, world):
        return Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="کمبود نقدینگی آزمون")

    def add_data(self, world):
        return {
            "unit": world.unit_a.pk,
            "group": world.group_finance.pk,
            "title": "مانع تازه‌ثبت",
            "source": "field_visit",
            "severity": "3",
            "jobs_at_risk": "۱۲",
            "amount": "۲۵۰٬۰۰۰٬۰۰۰٬۰۰۰",
            "reported_date": "۱۴۰۴/۰۸/۱۰",
        }

    def edit_data(self, world, obj):
        return {
            "unit": obj.unit_id,
            "group": obj.group_id,
            "title": obj.title,
            "source": obj.source,
            "severity": "4",
            "reported_date": "1404/08/10",
        }

    def bad_data(self, world):
        data = self.add_data(world)
        data["capacity_blocked"] = "۱۵۰"
        return data, "capacity_blocked", "«۱۵۰» درصد پذیرفتنی نیست"


def test_quick_entry_from_the_unit_page(world, client_as):
    client = client_as("secretariat")
    page = client.get(world.unit_a.get_absolute_url() + "?tab=obstacles").content.decode()
    assert 'data-testid="add-obstacle"' in page and "برگ تشخیص مالیات الف" in page
    form = client.get(f"/obstacles/add/?unit={world.unit_a.pk}").content.decode()
    assert f'<option value="{world.unit_a.pk}" selected>' in form


def test_a_representative_files_only_for_their_unit_with_the_unit_request_source(world, client_as):
    client = client_as("unit_rep")
    data = {
        "unit": world.unit_a.pk,
        "group": world.group_finance.pk,
        "title": "درخواست نماینده",
        "source": "field_visit",
        "severity": "2",
        "reported_date": "1404/08/10",
    }
    refused = client.post("/obstacles/add/", data)
    assert refused.status_code == 400, "a representative's source is always the unit's own request"
    data["source"] = Source.UNIT_REQUEST
    assert client.post("/obstacles/add/", data).status_code == 302
    data["unit"], data["title"] = world.unit_a2.pk, "برای واحد دیگر"
    assert client.post("/obstacles/add/", data).status_code == 400
    assert not Obstacle.objects.filter(title="برای واحد دیگر").exists()


def test_internal_comments_are_hidden_from_the_representative_in_pages_and_api(world, client_as):
    obstacle_services.comment(
        world.obstacle_a, "یادداشت محرمانه درباره بدهی", user=world.users["secretariat"], internal=True
    )
    obstacle_services.comment(world.obstacle_a, "یادداشت عمومی", user=world.users["secretariat"])
    staff_page = client_as("secretariat").get(world.obstacle_a.get_absolute_url()).content.decode()
    assert "یادداشت محرمانه" in staff_page
    rep_page = client_as("unit_rep").get(world.obstacle_a.get_absolute_url()).content.decode()
    assert "یادداشت محرمانه" not in rep_page and "یادداشت عمومی" in rep_page
    api = APIClient()
    api.force_authenticate(world.users["unit_rep"])
    texts = [e["text"] for e in api.get(f"/api/obstacles/obstacles/{world.obstacle_a.pk}/events/").json()]
    assert "یادداشت عمومی" in texts and not any("محرمانه" in t for t in texts)
    assert all(not e["internal"] for e in api.get("/api/obstacles/events/").json()["results"])
    # A representative cannot mark a comment internal.
    client_as("unit_rep").post(f"/obstacles/{world.obstacle_a.pk}/comment/", {"text": "از نماینده", "internal": "on"})
    assert ObstacleEvent.objects.get(text="از نماینده").internal is False


def test_attachments_are_type_and_size_limited(world, client_as, settings):
    client = client_as("secretariat")
    url = f"/obstacles/{world.obstacle_a.pk}/comment/"
    evil = io.BytesIO(b"<script>alert(1)</script>")
    evil.name = "letter.html"
    client.post(url, {"file": evil})
    fake = io.BytesIO(b"MZ this is an exe")
    fake.name = "invoice.pdf"
    client.post(url, {"file": fake})
    settings.TASHIL_ATTACHMENT_MAX_MB = 1
    big = io.BytesIO(b"%PDF" + b"0" * (1024 * 1024 + 10))
    big.name = "big.pdf"
    response = client.post(url, {"file": big}, follow=True)
    assert "بزرگ‌تر از" in response.content.decode()
    assert Attachment.objects.count() == 1  # only the world's
    good = io.BytesIO(b"%PDF-1.4 a letter")
    good.name = "نامه بانک.pdf"
    client.post(url, {"file": good, "text": "نامه بانک"})
    attachment = Attachment.objects.latest("pk")
    assert attachment.name.endswith(".pdf") and attachment.size == 17


def test_attachments_are_served_only_in_scope_as_downloads(world, client_as):
    response = client_as("secretariat").get(world.attachment_a.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_as("secretariat_b").get(world.attachment_a.get_absolute_url()).status_code == 404
    assert client_as("unit_rep_b").get(world.attachment_a.get_absolute_url()).status_code == 404
    world.attachment_a.internal = True
    world.attachment_a.save()
    assert client_as("unit_rep").get(world.attachment_a.get_absolute_url()).status_code == 404


def test_obstacle_list_filters(world, client_as):
    make_overdue(world.referral_a)
    client = client_as("province_secretariat")
    assert "برگ تشخیص مالیات الف" in client.get("/obstacles/", {"overdue": "true"}).content.decode()
    other = Obstacle.objects.create(unit=world.unit_a2, group=world.group_finance, title="مانع بی‌تأخیر")
    page = client.get("/obstacles/", {"overdue": "true"}).content.decode()
    assert "مانع بی‌تأخیر" not in page
    assert "مانع بی‌تأخیر" not in client.get("/obstacles/", {"agency": world.agency_a.pk}).content.decode()
    obstacle_services.escalate(world.obstacle_a)
    page = client.get("/obstacles/", {"escalated": "province"}).content.decode()
    assert "برگ تشخیص مالیات الف" in page and "مانع بی‌تأخیر" not in page
    page = client.get("/obstacles/", {"domain": world.domain_finance.pk}).content.decode()
    assert "مانع بی‌تأخیر" in page and "برگ تشخیص مالیات الف" not in page
    obstacle_services.close(other, "withdrawn")
    assert "مانع بی‌تأخیر" not in client.get("/obstacles/", {"state": "open"}).content.decode()
    assert "مانع بی‌تأخیر" in client.get("/obstacles/", {"status": ObstacleStatus.WITHDRAWN}).content.decode()


def test_refer_close_and_escalate_pages(world, client_as):
    client = client_as("secretariat")
    obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title="مسیر صفحه‌ها")
    refused = client.post(f"/obstacles/{obstacle.pk}/refer/", {"days": ""})
    assert refused.status_code == 400
    response = client.post(
        f"/obstacles/{obstacle.pk}/refer/", {"agencies": [world.agency_a.pk, world.agency_a2.pk], "days": "۵"}
    )
    assert response.status_code == 302
    assert obstacle.referrals.count() == 2
    assert client.post(f"/obstacles/{obstacle.pk}/close/", {"outcome": "unresolvable"}).status_code == 400
    assert (
        client.post(
            f"/obstacles/{obstacle.pk}/close/", {"outcome": "unresolvable", "failure_party": "agency"}
        ).status_code
        == 302
    )
    again = client.post(f"/obstacles/{obstacle.pk}/close/", {"outcome": "resolved"})
    assert again.status_code == 400 and "بسته شده" in again.content.decode()
    assert client_as("manager").post(f"/obstacles/{obstacle.pk}/escalate/").status_code == 403


def test_bulk_escalation_of_overdue_referrals(world, client_as):
    make_overdue(world.referral_a)
    response = client_as("secretariat").post(
        "/obstacles/referrals/escalate/", {"referral": [world.referral_a.pk, world.referral_b.pk]}
    )
    assert response.status_code == 302
    world.referral_a.refresh_from_db()
    world.referral_b.refresh_from_db()
    assert world.referral_a.status == "escalated"
    assert world.referral_b.status == "pending", "another county's referral is out of reach"


def test_the_overdue_filters_split_referrals_and_resolutions_into_the_overdue_and_the_rest(world):
    import datetime

    from tashil.core.jalali import today
    from tashil.meetings.filtersets import ResolutionFilterSet
    from tashil.meetings.models import Resolution
    from tashil.obstacles.filtersets import ReferralFilterSet
    from tashil.obstacles.models import Referral

    past, future = today() - datetime.timedelta(days=3), today() + datetime.timedelta(days=3)
    referrals = list(Referral.objects.order_by("pk"))
    Referral.objects.filter(pk=referrals[0].pk).update(due_date=past, status="pending")
    Referral.objects.filter(pk=referrals[-1].pk).update(due_date=future, status="pending")
    resolutions = list(Resolution.objects.order_by("pk"))
    Resolution.objects.filter(pk=resolutions[0].pk).update(deadline=past, status="pending")
    Resolution.objects.filter(pk=resolutions[-1].pk).update(deadline=future, status="pending")
    for model, filterset in ((Referral, ReferralFilterSet), (Resolution, ResolutionFilterSet)):
        every = set(model.objects.values_list("pk", flat=True))
        split = {
            value: set(filterset({"overdue": value}, queryset=model.objects.all()).qs.values_list("pk", flat=True))
            for value in ("true", "false")
        }
        assert split["true"] == set(model.objects.overdue().values_list("pk", flat=True)) != set()
        assert split["true"] | split["false"] == every and not split["true"] & split["false"], model


def test_the_obstacle_search_finds_by_the_obstacles_words_or_its_units_in_any_spelling(world, client_as):
    """The list's search reads the obstacle's title and description, and its unit's name and national ID
    (matched among units first, then the obstacles of those units); Arabic letters and digits find them."""
    other = Obstacle.objects.create(
        unit=world.unit_a2, group=world.group_finance, title="قطعی برق", description="تعمیر ترانسفورماتور شهرک"
    )
    client = client_as("secretariat")

    def found(text):
        page = client.get("/obstacles/", {"q": text}).content.decode()
        return {title for title in ("برگ تشخیص مالیات الف", "قطعی برق") if title in page}

    assert found("تشخيص ماليات") == {"برگ تشخیص مالیات الف"}  # the title, in Arabic letters
    assert found("ترانسفورماتور") == {"قطعی برق"}  # the description
    assert found("کارخانه همسایه") == {"قطعی برق"}  # its unit's name
    assert found("۱۰۳۸۰۲۸۴۷۹۰") == {"برگ تشخیص مالیات الف"}  # its unit's national ID, in Persian digits
    assert found("صنایع آزمایشی") == {"برگ تشخیص مالیات الف"}  # unit_b's obstacle is another county's
    assert other.pk in set(Obstacle.objects.search("همسايه").values_list("pk", flat=True))


def test_a_search_counts_its_matches_only_up_to_a_cap(world, client_as, monkeypatch):
    """A common word across the nation matches a hundred thousand obstacles: the searched list counts at
    most SEARCH_COUNT_CAP + 1 of them and says «بیش از …», its pages ending at the cap; every count it runs
    is bounded. A list without a search still says exactly how many rows it holds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tashil.core.views.generic import ObjectListView

    for i in range(7):
        Obstacle.objects.create(unit=world.unit_a, group=world.group_finance, title=f"کمبود نقدینگی {i}")
    client = client_as("secretariat")
    monkeypatch.setattr(ObjectListView, "SEARCH_COUNT_CAP", 5)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/obstacles/", {"q": "نقدینگی", "per_page": "25"}).content.decode()
    assert "بیش از ۵ مورد" in page and "جست‌وجو را دقیق‌تر کنید" in page
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and 'FROM "obstacles_obstacle"' in q["sql"]]
    assert counts and all("LIMIT 6" in sql for sql in counts), counts

    monkeypatch.setattr(ObjectListView, "PAGE_SIZES", (2, 25))
    paged = client.get("/obstacles/", {"q": "نقدینگی", "per_page": "2"}).content.decode()
    assert "صفحه ۱" in paged and "صفحه ۱ از" not in paged  # no last page number past the cap
    assert 'page=3"' in paged and 'page=4"' not in paged  # five counted rows, two a page: three pages

    monkeypatch.setattr(ObjectListView, "SEARCH_COUNT_CAP", 7)
    assert "۷ مورد" in client.get("/obstacles/", {"q": "نقدینگی"}).content.decode()  # not above the cap
    unsearched = client.get("/obstacles/").content.decode()
    total = Obstacle.objects.filter(county=world.county_a).count()
    assert total > 7 and f"{total} مورد".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in unsearched


def test_the_obstacle_search_reads_the_trigram_indexes_not_every_obstacle(world):
    """On PostgreSQL "the obstacle's words or its unit's" is two index scans ORed: obstacle_search_trgm_idx,
    and the unit_id index for the units unit_search_trgm_idx found (an IN subquery or a join would read
    every obstacle: 1.4 s for one search of the nation's million). Told to avoid other plans at this size.
    SQLite has no such indexes: there the unit's half is the plain ``unit_id IN (subquery)``, not a join."""
    from django.db import connection

    searched = Obstacle.objects.search("نقدینگی").order_by()
    sql, params = searched.query.sql_with_params()
    assert "JOIN" not in sql, sql
    if connection.vendor != "postgresql":
        assert '"unit_id" IN (SELECT' in sql, sql
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "obstacle_search_trgm_idx" in plan and "unit_search_trgm_idx" in plan and "BitmapOr" in plan, plan


def test_a_countys_list_newest_first_reads_the_county_by_date_index(world, client_as):
    """A county secretariat's obstacle list (open ones, newest first) walks obstacle_county_reported_idx and
    stops after a page: without it PostgreSQL walked every obstacle of the nation by date, keeping the
    county's (80 ms at national size, 2 ms with it). Told not to sort, so that the plan shows which index
    gives the order at this size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client_as("secretariat").get("/obstacles/", {"state": "open"}).status_code == 200
    (sql,) = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "obstacles_obstacle"."id"') and "LIMIT" in q["sql"]
    ]
    plan = unsorted_plan(sql)
    assert "obstacle_county_reported_idx" in plan, plan


def test_a_countys_referrals_are_found_from_its_obstacles(world, client_as):
    """A county's staff see their county's referrals, found through its obstacles (an IN subquery, or
    ``= ANY(ARRAY(...))`` on PostgreSQL) rather than a join that PostgreSQL walked the nation's referrals by
    due date for; a province's staff see their province's; neither sees another county's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client_as("secretariat").get("/obstacles/referrals/")
    listed = {row.record.pk for row in page.context["table"].paginated_rows}
    assert world.referral_a.pk in listed and world.referral_b.pk not in listed
    (sql,) = [q["sql"] for q in queries if q["sql"].startswith('SELECT "obstacles_referral"."id"')]
    form = '"obstacle_id" = ANY(ARRAY(SELECT' if connection.vendor == "postgresql" else '"obstacle_id" IN (SELECT'
    assert form in sql, sql
    province = client_as("province_secretariat").get("/obstacles/referrals/")
    listed = {row.record.pk for row in province.context["table"].paginated_rows}
    assert world.referral_a.pk in listed and world.referral_b.pk not in listed


def test_the_referral_list_opens_on_the_referrals_still_waiting_for_an_answer(world, client_as):
    """The list opens on the referrals waiting for an answer (unanswered, on an open obstacle), the longest
    overdue at the top, and says so in its «پیگیری» filter; sorting or paging keeps to them. «همه» shows every
    referral, the unanswered still first however early the answered ones were due; «پاسخ‌گرفته یا بسته» the
    rest, an unanswered referral of a closed obstacle among them. The export follows what is shown."""
    import datetime

    from tashil.core.jalali import today
    from tashil.obstacles.models import Referral

    unit, group, agency = world.unit_a, world.group_finance, world.agency_a
    answered = obstacle_services.refer(Obstacle.objects.create(unit=unit, group=group, title="پاسخ‌داده"), [agency])[0]
    waiting = obstacle_services.refer(Obstacle.objects.create(unit=unit, group=group, title="در انتظار"), [agency])[0]
    later = obstacle_services.refer(Obstacle.objects.create(unit=unit, group=group, title="در دست اقدام"), [agency])[0]
    moot = Obstacle.objects.create(unit=unit, group=group, title="مانع بسته")
    moot_referral = obstacle_services.refer(moot, [agency])[0]
    obstacle_services.close(moot, "resolved")
    day = datetime.timedelta(days=1)
    Referral.objects.filter(pk=answered.pk).update(status="done", due_date=today() - 400 * day)
    Referral.objects.filter(pk=waiting.pk).update(status="pending", due_date=today() - 9 * day)
    Referral.objects.filter(pk=later.pk).update(status="in_progress", due_date=today() + 5 * day)
    Referral.objects.filter(pk=moot_referral.pk).update(status="in_progress", due_date=today() - 30 * day)
    Referral.objects.filter(pk=world.referral_a.pk).update(status="rejected")
    client = client_as("secretariat")

    def listed(**query):
        page = client.get("/obstacles/referrals/", query)
        return [row.record.pk for row in page.context["table"].paginated_rows]

    assert listed() == [waiting.pk, later.pk]
    page = client.get("/obstacles/referrals/").content.decode()
    assert '<option value="waiting" selected>در انتظار پاسخ</option>' in page
    assert listed(sort="-due_date") == [later.pk, waiting.pk]  # a sort keeps to the waiting ones
    assert listed(overdue="true") == [waiting.pk]

    every = listed(state="")
    assert set(every) == {answered.pk, waiting.pk, later.pk, moot_referral.pk, world.referral_a.pk}
    assert every[:3] == [moot_referral.pk, waiting.pk, later.pk], "unanswered first, by due date"
    assert listed(state="", sort="due_date")[0] == answered.pk  # the oldest due date, when people sort by it
    assert set(listed(state="settled")) == {answered.pk, moot_referral.pk, world.referral_a.pk}

    response = client.get("/obstacles/referrals/", {"export": "csv"})
    exported = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "در انتظار" in exported and "پاسخ‌داده" not in exported and "مانع بسته" not in exported


def test_the_nations_referral_list_reads_its_first_page_from_the_open_first_index(world, client_as):
    """The nation's million referrals are not sorted for the list's first page: its order (unanswered first,
    then by due date) is the expression of referral_open_first_idx, walked until a page is found (0.5 ms at
    national size, for the waiting ones and for every one). Told not to sort, so that the plan shows which
    index gives the order. SQLite reads it for every referral; for the waiting ones it reads them by status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("nation_manager")
    for query in ({"state": ""}, {}) if connection.vendor == "postgresql" else ({"state": ""},):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/obstacles/referrals/", query).status_code == 200
        (sql,) = [q["sql"] for q in queries if q["sql"].startswith('SELECT "obstacles_referral"."id"')]
        plan = unsorted_plan(sql)
        assert "referral_open_first_idx" in plan, (query, plan)


def test_an_officer_reads_only_their_own_agencys_referral_on_the_timeline_history_and_api(world, client_as, api_as):
    from tashil.core.changelog import acting_as
    from tashil.obstacles.choices import ReferralStatus

    secretariat = world.users["secretariat"]
    with acting_as(user=secretariat, source="web"):
        other = obstacle_services.refer(world.obstacle_a, [world.agency_a2], user=secretariat, note="ارجاع به برق")[0]
        obstacle_services.answer(other, ReferralStatus.REJECTED, "برق پاسخ داد: در حوزه ما نیست", user=secretariat)
    url = world.obstacle_a.get_absolute_url()
    assert "برق پاسخ داد" in client_as("secretariat").get(url, {"tab": "timeline"}).content.decode()
    for tab in ("timeline", "history", "referrals"):
        page = client_as("agency_officer").get(url, {"tab": tab}).content.decode()
        assert "برق پاسخ داد" not in page and "ارجاع به برق" not in page and "اداره برق الف" not in page, tab
    officer = api_as("agency_officer")
    events = officer.get(f"/api/obstacles/obstacles/{world.obstacle_a.pk}/events/").json()
    assert events and all(e["referral"] in (None, world.referral_a.pk) for e in events)
    assert all(e["referral"] != other.pk for e in officer.get("/api/obstacles/events/").json()["results"])
    assert officer.get(f"/api/obstacles/referrals/{other.pk}/").status_code == 404
    # Their own agency's entries stay, and the representative still follows every agency's answer.
    assert any(e["referral"] == world.referral_a.pk for e in events)
    assert "برق پاسخ داد" in client_as("unit_rep").get(url, {"tab": "timeline"}).content.decode()


def test_an_escalation_for_a_late_referral_belongs_to_that_referrals_agency(world):
    make_overdue(world.referral_a)
    obstacle_services.escalate_referral(world.referral_a)
    escalation = ObstacleEvent.objects.get(obstacle=world.obstacle_a, kind="escalation")
    assert escalation.referral == world.referral_a


def test_an_internal_attachment_is_not_named_in_the_representatives_history(world, client_as):
    def attach(name):
        return Attachment.objects.create(
            obstacle=world.obstacle_a,
            file=ContentFile(b"%PDF-1.4 x", name="x.pdf"),
            name=name,
            size=10,
            content_type="application/pdf",
            internal=True,
        )

    attach("گزارش-بازرسی-محرمانه.pdf")
    attach("نامه-حذف‌شده-محرمانه.pdf").delete()
    url = world.obstacle_a.get_absolute_url()
    staff = client_as("secretariat").get(url, {"tab": "history"}).content.decode()
    assert "گزارش-بازرسی-محرمانه" in staff and "نامه-حذف‌شده-محرمانه" in staff
    history = client_as("unit_rep").get(url, {"tab": "history"}).content.decode()
    assert "گزارش-بازرسی-محرمانه" not in history and "نامه-حذف‌شده-محرمانه" not in history
    assert "letter.pdf" in history  # the attachment the representative may open


def test_a_refused_attachment_keeps_the_comment_typed_with_it(world, client_as):
    client = client_as("secretariat")
    program = io.BytesIO(b"MZ\x90\x00 a program")
    program.name = "setup.exe"
    url = f"/obstacles/{world.obstacle_a.pk}/comment/"
    page = client.post(url, {"text": "نامه بانک درباره تقسیط", "file": program}, follow=True).content.decode()
    assert "نوع فایل «setup.exe» پذیرفته نیست" in page
    assert "نامه بانک درباره تقسیط</textarea>" in page
    again = client.get(world.obstacle_a.get_absolute_url()).content.decode()
    assert "نامه بانک درباره تقسیط</textarea>" not in again, "shown once, then forgotten"


def test_the_status_filters_stay_dropdowns_after_the_api_schema_is_built(world, client_as):
    """Building the OpenAPI schema makes each filter's form field on the filter-set class; a widget set on a
    filter after that was lost, and the worker's filter bars turned into plain multi-selects until it restarted."""
    from drf_spectacular.generators import SchemaGenerator

    SchemaGenerator().get_schema(request=None, public=True)
    client = client_as("secretariat")
    for url in ("/obstacles/", "/obstacles/referrals/", "/meetings/resolutions/"):
        page = client.get(url).content.decode()
        assert 'class="dropdown dropdown-checkboxes"' in page and 'name="status"' in page, url
