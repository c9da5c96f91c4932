"""Table rows are built in Python (``{% table_rows %}``): the same HTML as django-tables2's template loop."""

import datetime
import itertools

import django_tables2 as tables
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django_tables2 import RequestConfig

from tashil.core.tables import JalaliDateColumn, NumberColumn, TashilTable

TEMPLATE_LOOP = Template(
    "{% for row in table.paginated_rows %}<tr {{ row.attrs.as_html }}>"
    "{% for column, cell in row.items %}<td {{ column.attrs.td.as_html }}>{{ cell }}</td>{% endfor %}"
    "</tr>{% endfor %}"
)
PYTHON_ROWS = Template("{% load tashil %}{% table_rows table %}")


class Sample(TashilTable):
    name = tables.Column(attrs={"td": {"data-late": lambda record: "yes" if record["late"] else "no"}})
    count = NumberColumn()
    plain = tables.Column()
    day = JalaliDateColumn()
    late = tables.BooleanColumn()

    class Meta(TashilTable.Meta):
        row_attrs = {"class": lambda record: "table-warning" if record["late"] else ""}


ROWS = [
    {"name": "<b>فولاد</b> & شرکا", "count": 1234567, "plain": 7, "day": datetime.date(2024, 10, 14), "late": True},
    {"name": 'کاشی "میبد"', "count": 0, "plain": None, "day": None, "late": False},
]


def rendered(template, data):
    request = RequestFactory().get("/")
    table = Sample(data)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return template.render(Context({"table": table, "request": request}))


def test_python_rows_match_the_template_loop_cell_for_cell():
    html = rendered(PYTHON_ROWS, ROWS)
    assert html == rendered(TEMPLATE_LOOP, ROWS)
    assert "&lt;b&gt;فولاد&lt;/b&gt; &amp; شرکا" in html, "cell text is escaped"
    assert 'class="table-warning even"' in html and 'data-late="yes"' in html and 'data-late="no"' in html
    assert "۱٬۲۳۴٬۵۶۷" in html or "۱,۲۳۴,۵۶۷" in html
    assert "۱۴۰۳/۰۷/۲۳" in html


def test_an_empty_table_says_so_across_every_column():
    html = rendered(PYTHON_ROWS, [])
    assert 'colspan="5"' in html and "موردی یافت نشد." in html


def test_every_list_page_shows_the_rows_the_template_loop_would(world, client_as):
    """Every list page of the project, as the roles that hold its rows, on the world: linked cells, choices
    shown by their labels, tables' own render methods, badges, Jalali dates and callable attributes."""
    from .test_no_leaks import LIST_ROUTES

    clients = {role: client_as(role) for role in ("admin", "agency_officer", "clinic_expert")}
    compared, differing = 0, []
    for route, kind in (param.values for param in LIST_ROUTES):
        if kind != "page":
            continue
        for role, client in clients.items():
            response = client.get(reverse(route.name) + route.query, {"per_page": 100})
            if response.status_code != 200 or not response.context["table"].paginator.count:
                continue
            table = response.context["table"]
            context = Context({"table": table, "request": response.wsgi_request})
            rows = []
            for template in (PYTHON_ROWS, TEMPLATE_LOOP):
                table._counter = itertools.count()  # odd/even from the first row, as each render of a table does
                rows.append(template.render(context))
            if rows[0] != rows[1]:
                differing.append(f"{route.name} as {role}")
            compared += 1
    assert not differing, differing
    assert compared > 30


def test_a_table_of_a_grouped_queryset_keeps_its_models_order(world):
    """Counting something per row (a GROUP BY) drops the model's Meta.ordering in Django: such a table gets it
    back, with the primary key breaking ties; an order of the view's own, or a sort link's, is kept."""
    from django.db.models import Count

    from tashil.geo.models import County
    from tashil.geo.tables import CountyTable

    grouped = County.objects.annotate(zone_count=Count("zones"))
    assert not grouped.ordered
    table = CountyTable(grouped)
    assert table.data.data.query.order_by == (*County._meta.ordering, "pk")
    assert [row.record.pk for row in table.rows] == list(
        County.objects.order_by(*County._meta.ordering, "pk").values_list("pk", flat=True)
    )
    own = CountyTable(grouped.order_by("-code"))
    assert own.data.data.query.order_by == ("-code",)
    request = RequestFactory().get("/", {"sort": "-name"})
    assert CountyTable(grouped, request=request).data.data.query.order_by == ("-name",)


def test_the_meeting_lists_show_the_newest_meeting_first_with_its_resolutions_counted(world, client_as):
    """A county's meetings, on the list and on its series' page, newest first (they were oldest first: the
    resolution count made the query a GROUP BY, which loses Meta.ordering); each with its resolution count,
    counted for the rows shown (RowCount), not by grouping every meeting in scope."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tashil.core.jalali import today
    from tashil.meetings.models import Meeting

    older = Meeting.objects.create(series=world.series_a, date=today() - dt.timedelta(days=70))
    newer = Meeting.objects.create(series=world.series_a, date=today() + dt.timedelta(days=7))
    client = client_as("secretariat")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/meetings/")
    rows = [(row.record, row.record.resolution_count) for row in page.context["table"].paginated_rows]
    dates = [meeting.date for meeting, _count in rows]
    assert dates == sorted(dates, reverse=True) and rows[0][0] == newer and rows[-1][0] == older
    counts = {meeting.pk: count for meeting, count in rows}
    assert counts[world.meeting_a.pk] == world.meeting_a.resolutions.count() == 2 and counts[newer.pk] == 0
    listed = [q["sql"] for q in queries if q["sql"].startswith('SELECT "meetings_meeting"."id"')]
    assert listed and all("GROUP BY" not in sql for sql in listed), listed
    tab = client.get(f"/meetings/series/{world.series_a.pk}/", {"tab": "meetings"})
    shown = [row.record.pk for row in tab.context["table"].paginated_rows]
    assert shown[0] == newer.pk and shown[-1] == older.pk
    series = client.get("/meetings/series/")
    assert {row.record.pk: row.record.meeting_count for row in series.context["table"].paginated_rows}[
        world.series_a.pk
    ] == world.series_a.meetings.count()


def test_a_render_methods_signature_is_read_once_and_is_django_tables2s():
    from django_tables2.utils import signature as read_signature

    from tashil.core import table_rows as tags

    class Table:
        def render_name(self, value, record):
            return value

    def row_class(record, **rest):
        return ""

    table = Table()
    for function in (table.render_name, Table.render_name, row_class, lambda table: "", len):
        assert tags.signature(function) == read_signature(function)
    assert tags.signature(table.render_name) == (("value", "record"), None)
    assert tags.signature(Table.render_name) == (("self", "value", "record"), None)
    assert Table.render_name in tags._SIGNATURES and row_class in tags._SIGNATURES
