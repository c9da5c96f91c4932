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
