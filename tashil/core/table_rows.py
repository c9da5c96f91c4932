"""A table's rows written in Python ({% table_rows table %}): the HTML of django-tables2's template loop.

The same cells, row attributes and per-cell <td> attributes, callables included; a parity test renders
every list page of the project both ways."""

import types
import weakref

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django_tables2.columns.base import LinkTransform
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import Accessor, AttributeDict
from django_tables2.utils import signature as read_signature


def rows_html(table, context):
    """The <tr> rows of a django-tables2 table's current page, built in Python.

    The same cells, row attributes and per-cell <td> attributes (callables included) as a template loop
    over ``row.items`` (values localised and escaped as ``{{ cell }}`` would be), without the template
    engine's cost per cell. What django-tables2 works out again for every cell (a column's render method's
    signature, its accessor, whether its field has choices, its default, a row-attribute callable's
    signature) is worked out once per table: 25 rows of eight columns cost 10 ms the other way."""
    cells = [_CellWriter(column) for column in table.columns]
    row_attrs = _row_attrs_writer(table)
    parts = []
    for row in table.paginated_rows:
        parts.append(f"<tr {row_attrs(row)}>")
        for cell in cells:
            value = cell.value(row)
            column = cell.bound_column
            column.current_value, column.current_record = value, row.record  # read by callable td attrs
            td = cell.fixed_td if cell.fixed_td is not None else column.attrs["td"].as_html()
            parts.append(f"<td {td}>{render_value_in_context(value, context)}</td>")
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


class _CellWriter:
    """One column's cells: BoundRow._get_and_render_with and _call_render, with what they look up per cell
    looked up once. A model field (or attribute) named by the column is read directly, through its
    get_FOO_display() when the field has choices; any other accessor (across a relation, a dict's key) or a
    many-to-many column goes through django-tables2's own code."""

    ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")

    def __init__(self, bound_column):
        self.bound_column = bound_column
        self.column = bound_column.column
        self.render = bound_column.render
        names, catch_all = signature(self.render)
        self.render_names = self.ARGUMENTS if catch_all else names
        self.renders = catch_all or all(name in self.ARGUMENTS for name in names)
        self.link = _plain_link(bound_column) or bound_column.link
        self.default = bound_column.default
        self.empty_values = self.column.empty_values
        self.accessor = Accessor(bound_column.accessor)
        simple = self.accessor.SEPARATOR not in self.accessor and not isinstance(self.column, tables.ManyToManyColumn)
        self.name = str(self.accessor) if simple else None
        self.displays = {}  # model class → the name of its get_FOO_display, or "" when the field has no choices
        # A column whose <td> attributes hold no callable has the same ones on every row: built once.
        self.fixed_td = None if _td_attrs_vary(bound_column) else bound_column.attrs["td"].as_html()

    def display_of(self, model):
        display = self.displays.get(model)
        if display is None:
            try:
                field = model._meta.get_field(self.name)
            except FieldDoesNotExist:
                field = None
            name = f"get_{self.name}_display"
            display = self.displays[model] = name if getattr(field, "choices", ()) and hasattr(model, name) else ""
        return display

    def value(self, row):
        record = row.record
        if self.name is None or not isinstance(record, Model):
            return row._get_and_render_with(self.bound_column, render_func=self.call(row), default=self.default)
        display = self.display_of(type(record))
        if display:
            value = getattr(record, display)()
        else:
            try:
                value = self.accessor.resolve(record)
            except Exception:
                if isinstance(self.column, BaseLinkColumn) and self.column.text is not None:
                    return self.call(row)(self.bound_column)
                value = None
        if value in self.empty_values:
            return self.default
        return self.call(row)(self.bound_column, value)

    def call(self, row):
        def render(bound_column, value=None):
            if not self.renders:
                return self.link(None, **row._optional_cell_arguments(bound_column, value)) if self.link else None
            available = {
                "value": value,
                "record": row.record,
                "column": self.column,
                "bound_column": bound_column,
                "bound_row": row,
                "table": row.table,
            }
            content = self.render(**{name: available[name] for name in self.render_names})
            return self.link(content, **available) if self.link else content

        return render


def _row_attrs_writer(table):
    """BoundRow.attrs.as_html() for each row: the table's row_attrs (callables called with the arguments they
    name, their signatures read once) and the row's even/odd class."""
    if any(isinstance(value, dict) for value in table.row_attrs.values()):
        return lambda row: row.attrs.as_html()  # nested attributes: django-tables2's own reckoning
    fixed, computed = {}, {}
    for key, value in table.row_attrs.items():
        if callable(value):
            names, catch_all = signature(value)
            computed[key] = (value, None if catch_all else names)
        else:
            fixed[key] = value

    def attrs(row):
        arguments = {"table": table, "record": row.record}
        values = dict(fixed)
        for key, (function, names) in computed.items():
            if names is None:
                values[key] = function(**arguments)
            elif all(name in arguments for name in names):
                values[key] = function(**{name: arguments[name] for name in names})
            else:
                values[key] = None
        css = row.get_even_odd_css_class()
        values["class"] = f"{values['class']} {css}" if values.get("class") else css
        return _attributes_html(values)

    return attrs


def _attributes_html(values):
    """AttributeDict(values).as_html() for values already computed, without format_html_join's checks for
    lazy strings on every attribute."""
    return " ".join(
        f'{conditional_escape(key)}="{conditional_escape(value)}"'
        for key, value in values.items()
        if key not in AttributeDict.blacklist and value is not None
    )


_SIGNATURES = weakref.WeakKeyDictionary()


def signature(function):
    """django-tables2's signature(): the parameter names of a render method or a row-attribute callable and
    its catch-all, read once per function rather than once per table (inspect is slow: a list's columns cost
    it half a millisecond a page). A bound method's are its function's less the instance."""
    plain = getattr(function, "__func__", function)
    if not isinstance(plain, types.FunctionType):
        return read_signature(function)
    known = _SIGNATURES.setdefault(plain, {})
    bound = plain is not function
    if bound not in known:
        known[bound] = read_signature(function)
    return known[bound]


def _td_attrs_vary(bound_column):
    """Whether the column's <td> attributes (BoundColumn.attrs: the table's, then the column's) may differ
    from row to row: a callable anywhere in them, or a table that names its cells' classes itself."""
    attrs = {**bound_column._table.attrs, **bound_column.column.attrs}
    td = attrs.get("td", attrs.get("cell", {}))

    def has_callable(value):
        return callable(value) or (isinstance(value, dict) and any(has_callable(v) for v in value.values()))

    own_classes = type(bound_column._table).get_column_class_names is not tables.Table.get_column_class_names
    return own_classes or has_callable(td)


def _plain_link(bound_column):
    """A column's ``linkify=True`` link, as django-tables2's LinkTransform writes it (<a href="…">…</a> to the
    cell's object's, or else the row's, get_absolute_url()), without rebuilding an attribute dictionary and
    reading a signature for every cell; None for any other link (a url, attrs or reverse arguments of its own)."""
    link = bound_column.link
    if type(link) is not LinkTransform or link.url or link.attrs or link.reverse_args:
        return None
    accessor = Accessor(link.accessor if link.accessor is not None else bound_column.name)

    def plain(content, record, **_arguments):
        target = accessor.resolve(record)
        if not hasattr(target, "get_absolute_url"):
            if not hasattr(record, "get_absolute_url"):
                return link(content, record=record, **_arguments)  # django-tables2's own error
            target = record
        href = target.get_absolute_url()
        return content if href is None else format_html('<a href="{}">{}</a>', href, content)

    return plain
