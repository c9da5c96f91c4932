"""Tables render through django-tables2's public API and the project's template (tables/table.html, the rows
joined by ``TashilTable.rows_html`` from ``table.paginated_rows`` and ``row.get_cell``): escaped cells, Persian figures, row and cell attributes, links and
choice labels on every list page."""

import datetime
from html.parser import HTMLParser

import django_tables2 as tables
from django.db.models import Model
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django_tables2 import RequestConfig

from tashil.core.tables import JalaliDateColumn, NumberColumn, TashilTable

RENDERED = Template("{% load django_tables2 %}{% render_table table %}")


class Sample(TashilTable):
    name = tables.Column(attrs={"td": {"data-late": lambda record: "yes" if record["late"] else "no"}})
    count = NumberColumn()
    # Attributes for both kinds of cell, the same on every row.
    plain = tables.Column(attrs={"cell": {"data-kind": "plain"}})
    day = JalaliDateColumn()
    late = tables.BooleanColumn()

    class Meta(TashilTable.Meta):
        row_attrs = {"class": lambda record: "table-warning" if record["late"] else ""}


ROWS = [
    {"name": "<b>فولاد</b> & شرکا", "count": 1234567, "plain": 7, "day": datetime.date(2024, 10, 14), "late": True},
    {"name": 'کاشی "میبد"', "count": 0, "plain": None, "day": None, "late": False},
]


def rendered(data):
    request = RequestFactory().get("/")
    table = Sample(data)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return RENDERED.render(Context({"table": table, "request": request}))


class BodyRows(HTMLParser):
    """The rows of a page's table bodies as a person reads them: each row's attributes, and each cell's text
    and the links in it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.rows, self.in_body, self.cell = [], 0, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody":
            self.in_body += 1
        elif self.in_body and tag == "tr":
            self.rows.append({"attrs": attrs, "cells": []})
        elif self.in_body and tag == "td":
            self.cell = {"attrs": attrs, "text": "", "links": []}
            self.rows[-1]["cells"].append(self.cell)
        elif self.cell is not None and tag == "a":
            self.cell["links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body -= 1
        elif tag == "td" and self.cell is not None:
            self.cell["text"] = " ".join(self.cell["text"].split())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def test_a_tables_cells_are_escaped_and_persian_with_their_row_and_cell_attributes():
    html = rendered(ROWS)
    rows = BodyRows(html).rows
    assert len(rows) == 2 and all(len(row["cells"]) == 5 for row in rows)
    assert "&lt;b&gt;فولاد&lt;/b&gt; &amp; شرکا" in html, "cell text is escaped"
    assert rows[0]["cells"][0]["text"] == "<b>فولاد</b> & شرکا" and rows[1]["cells"][0]["text"] == 'کاشی "میبد"'
    assert rows[0]["attrs"]["class"] == "table-warning even" and rows[1]["attrs"]["class"] == "odd"
    assert [row["cells"][0]["attrs"]["data-late"] for row in rows] == ["yes", "no"], "attributes of the row's own"
    assert [row["cells"][2]["attrs"]["data-kind"] for row in rows] == ["plain", "plain"]
    assert rows[0]["cells"][1]["text"] in ("۱٬۲۳۴٬۵۶۷", "۱,۲۳۴,۵۶۷") and rows[0]["cells"][1]["attrs"]["class"] == (
        "text-nowrap"
    )
    assert rows[0]["cells"][3]["text"] == "۱۴۰۳/۰۷/۲۳"
    assert rows[1]["cells"][2]["text"] == "—" and rows[1]["cells"][3]["text"] == "—", "an empty cell shows the default"


def test_an_empty_table_says_so_across_every_column():
    rows = BodyRows(rendered([])).rows
    assert len(rows) == 1 and len(rows[0]["cells"]) == 1
    assert rows[0]["cells"][0]["attrs"]["colspan"] == "5" and rows[0]["cells"][0]["text"] == "موردی یافت نشد."


def expected_cell(bound_column, record):
    """What a cell must show, read from the record itself: a model field with choices by its label, and the
    page a linked column's cell links to (its object's, or else the row's)."""
    accessor = str(bound_column.accessor)
    label = links = None
    value = bound_column.accessor.resolve(record, quiet=True)
    if isinstance(record, Model) and "__" not in accessor and "." not in accessor:
        field = next((f for f in record._meta.concrete_fields if f.name == accessor), None)
        if field is not None and field.choices and value not in (None, ""):
            label = str(getattr(record, f"get_{accessor}_display")())
    linked = bound_column.link is not None and type(bound_column.column) is tables.Column  # a linkify column
    if linked and value not in bound_column.column.empty_values:
        # linkify=True links the cell's object; a table's own callable may link the row's.
        links = {obj.get_absolute_url() for obj in (value, record) if hasattr(obj, "get_absolute_url")}
    return label, links


def test_every_list_page_shows_each_row_with_its_links_and_choice_labels(world, client_as):
    """Every list page of the project, as the roles that hold its rows, on the world: a row of the table's
    body for each row of the page, a cell for each column, each ``linkify`` cell linking its object's page and
    each choice shown by its label (not its stored value)."""
    from .test_no_leaks import LIST_ROUTES

    clients = {role: client_as(role) for role in ("admin", "agency_officer", "clinic_expert")}
    pages = linked = labels = compared = 0
    for route, kind in (param.values for param in LIST_ROUTES):
        if kind != "page":
            continue
        for role, client in clients.items():
            response = client.get(reverse(route.name) + route.query, {"per_page": 100})
            if response.status_code != 200 or not response.context["table"].paginator.count:
                continue
            table = response.context["table"]
            shown = [row for row in BodyRows(response.content.decode()).rows if len(row["cells"]) == len(table.columns)]
            records = [row.record for row in table.paginated_rows]
            where = f"{route.name} as {role}"
            assert len(shown) == len(records), where
            # The page's cells (TashilTable's CellPlan) are the cells django-tables2 itself renders.
            planned = [[str(cell) for cell in cells] for row, cells in table.rows_with_cells()]
            own = [[str(row.get_cell(column.name)) for column in table.columns] for row in table.paginated_rows]
            assert planned == own, where
            compared += sum(map(len, own))
            for row, record in zip(shown, records, strict=True):
                for cell, bound_column in zip(row["cells"], table.columns, strict=True):
                    label, links = expected_cell(bound_column, record)
                    if label is not None:
                        assert label in cell["text"], (where, bound_column.name, cell)
                        labels += 1
                    if links is not None:
                        assert links & set(cell["links"]), (where, bound_column.name, cell)
                        linked += 1
            pages += 1
    assert pages > 50 and linked > 200 and labels > 400 and compared > 2000, (pages, linked, labels, compared)


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
