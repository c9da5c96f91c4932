"""Template filters for Persian display: Jalali dates, Persian digits and numbers, and a few helpers."""

import django_tables2 as tables
from django import template
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2.utils import signature

from tashil.core import jalali
from tashil.core.persian import format_number, to_persian_digits

register = template.Library()


@register.filter
def jdate(value, pattern=None):
    """۱۴۰۳/۰۷/۲۳ (or a pattern such as "{d} {month} {y}")."""
    if pattern:
        return jalali.format_jalali(value, pattern)
    return jalali.format_jalali(value)


@register.filter
def jdatetime(value):
    """۱۴۰۳/۰۷/۲۳ ۱۴:۳۰ in Tehran time."""
    return jalali.format_jalali_datetime(value)


@register.filter
def jdate_long(value):
    """۲۳ مهر ۱۴۰۳."""
    return jalali.format_jalali(value, "{d} {month} {y}")


@register.filter
def num(value, decimals=None):
    """A number with grouped thousands in Persian digits (Latin in the English interface)."""
    return format_number(value, decimals, persian=jalali.persian_digits_active())


@register.filter
def fa(value):
    """Digits of any text in Persian (in the Persian interface)."""
    if value is None:
        return ""
    return to_persian_digits(value) if jalali.persian_digits_active() else str(value)


@register.filter
def billions(value):
    """Rials in billions (میلیارد), one decimal: amounts at stake read at a glance."""
    if value in (None, ""):
        return ""
    from decimal import Decimal

    return format_number(round(Decimal(value) / Decimal(10**9), 1), persian=jalali.persian_digits_active())


@register.filter
def percent(value, decimals=0):
    if value is None or value == "":
        return "—"
    return f"{format_number(value, decimals, persian=jalali.persian_digits_active())}٪"


@register.filter
def status_colour(value):
    """The Bootstrap colour registered for a status value (see core.badges)."""
    from tashil.core.badges import COLOURS

    return COLOURS.get(str(value), "secondary")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def status_badge(label, css="secondary"):
    return format_html('<span class="badge text-bg-{}">{}</span>', css, label)


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """The <tr> rows of a django-tables2 table's current page, built in Python.

    The same cells, row attributes and per-cell <td> attributes (callables included) as a template loop
    over ``row.items`` (values localised and escaped as ``{{ cell }}`` would be), without the template
    engine's cost per cell, and with each column's render method looked at once per table rather than once
    per cell (django-tables2 reads its signature for every cell: a sixth of a table's time)."""
    columns = list(table.columns)
    renderers = {column.name: _cell_renderer(column) for column in columns}
    # A column whose <td> attributes hold no callable has the same ones on every row: built once.
    fixed_td = {column.name: column.attrs["td"].as_html() for column in columns if not _td_attrs_vary(column)}
    parts = []
    for row in table.paginated_rows:
        parts.append(f"<tr {row.attrs.as_html()}>")
        for column in columns:
            # BoundRow.items(), with the render call above: the value, get_FOO_display, defaults and links
            # are still django-tables2's own (its row method takes the render function as an argument).
            cell = row._get_and_render_with(column, render_func=renderers[column.name](row), default=column.default)
            column.current_value, column.current_record = cell, row.record  # read by callable td attrs
            td = fixed_td.get(column.name)
            if td is None:
                td = column.attrs["td"].as_html()
            parts.append(f"<td {td}>{render_value_in_context(cell, context)}</td>")
        parts.append("</tr>")
    if not parts:
        parts.append(
            format_html(
                '<tr><td colspan="{}" class="text-center text-muted py-4">{}</td></tr>',
                len(table.columns),
                table.empty_text,
            )
        )
    return mark_safe("".join(parts))  # every piece above is escaped or already safe HTML


def _td_attrs_vary(bound_column):
    """Whether the column's <td> attributes (BoundColumn.attrs: the table's, then the column's) may differ
    from row to row: a callable anywhere in them, or a table that names its cells' classes itself."""
    attrs = {**bound_column._table.attrs, **bound_column.column.attrs}
    td = attrs.get("td", attrs.get("cell", {}))

    def has_callable(value):
        return callable(value) or (isinstance(value, dict) and any(has_callable(v) for v in value.values()))

    own_classes = type(bound_column._table).get_column_class_names is not tables.Table.get_column_class_names
    return own_classes or has_callable(td)


def _cell_renderer(bound_column):
    """BoundRow._call_render for one column, its render method's parameters read once (call_with_appropriate)."""
    render = bound_column.render
    names, catch_all = signature(render)
    link = bound_column.link

    def for_row(row):
        def call(bound_column, value=None):
            available = row._optional_cell_arguments(bound_column, value)
            if catch_all:
                content = render(**available)
            elif all(name in available for name in names):
                content = render(**{name: available[name] for name in names})
            else:
                content = None
            return link(content, **available) if link else content

        return call

    return for_row
