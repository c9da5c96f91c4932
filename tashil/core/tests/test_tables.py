"""Table rows are built in Python (``{% table_rows %}``): the same HTML as django-tables2's template loop."""

import datetime

import django_tables2 as tables
from django.template import Context, Template
from django.test import RequestFactory
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
