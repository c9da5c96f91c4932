"""Table base and columns: Jalali dates, Persian numbers and Persian yes/no on screen; plain values in exports."""

import datetime
import decimal
import math

import django_tables2 as tables
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2.columns import library
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.rows import BoundRow
from django_tables2.utils import signature

from . import scope
from .jalali import format_jalali, format_jalali_datetime, interface_digits
from .models import ChangeLogEntry, Holiday, SavedView
from .persian import format_number


@library.register
class JalaliDateColumn(tables.Column):
    """Shows ۱۴۰۳/۰۷/۲۳; exports 1403/07/23, which the importer reads back."""

    def render(self, value):
        if isinstance(value, datetime.datetime):
            return format_jalali_datetime(value)
        return format_jalali(value)

    def value(self, value):
        if isinstance(value, datetime.datetime):
            return format_jalali_datetime(value, persian=False)
        return format_jalali(value, persian=False)

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateField):
            return cls(**kwargs)
        return None


@library.register
class NumberColumn(tables.Column):
    """Shows numbers in Persian digits with separators; exports the number itself."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_number(value)

    def value(self, value):
        return value

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField) and not field.choices:
            if isinstance(field, models.AutoField):
                return None
            return cls(**kwargs)
        return None


@library.register
class TimeColumn(tables.Column):
    """Shows ۹:۰۰ in the Persian interface; exports 09:00."""

    def render(self, value):
        return interface_digits(f"{value.hour}:{value.minute:02d}")

    def value(self, value):
        return value.strftime("%H:%M") if value else ""

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.TimeField):
            return cls(**kwargs)
        return None


class DigitsColumn(tables.Column):
    """Text made of digits (a session number, a telephone, an ISIC code) in the interface's digits on screen;
    exported as stored."""

    def render(self, value):
        return interface_digits(value)

    def value(self, value):
        return value


class OpenableLinkColumn(tables.Column):
    """Links the cell's object (or the row's) only where the table's user may open it: no 403/404 links."""

    def __init__(self, *args, action="view", **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)

    def render(self, value, record, table):
        target = value if isinstance(value, models.Model) else record
        key = (target._meta.label, target.pk, self.action)
        if target is record and self.action == "view" and table.rows_in_scope:
            table.openable[key] = True  # a row of a list restricted to what the user may view: no need to ask
        if key not in table.openable:
            # Rows of one page often share the object (resolutions of one meeting): one check each.
            table.openable[key] = table.user is not None and scope.can_object(table.user, target, self.action)
        if table.openable[key]:
            return format_html('<a href="{}">{}</a>', target.get_absolute_url(), value)
        return str(value)

    def value(self, value):
        return str(value)


@library.register
class YesNoColumn(tables.BooleanColumn):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("yesno", ("✔", "—"))
        super().__init__(*args, **kwargs)

    def value(self, value):
        return str(_("بله")) if value else str(_("خیر"))

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.BooleanField):
            return cls(**kwargs)
        return None


class PercentColumn(NumberColumn):
    def render(self, value):
        return f"{format_number(value)}٪"


class SelectColumn(tables.Column):
    """A check box per row naming its primary key, for the list's bulk actions; never exported."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("انتخاب"))
        super().__init__(
            accessor="pk",
            orderable=False,
            exclude_from_export=True,
            empty_values=(),
            attrs={"th": {"class": "bulk-select"}, "td": {"class": "bulk-select"}},
            **kwargs,
        )

    def render(self, value, record):
        return format_html(
            '<input class="form-check-input" type="checkbox" name="select" value="{}" form="bulk-form"'
            ' aria-label="{}" data-testid="select-row">',
            value,
            str(record),
        )


class TashilTable(tables.Table):
    """Every table: Persian empty text and the project template; its columns are also the export columns."""

    class Meta:
        empty_text = _("موردی یافت نشد.")
        template_name = "tables/table.html"

    # Columns kept out of the screen (to keep it readable) but present in every export.
    export_only = ()

    def __init__(self, data=None, *args, user=None, request=None, rows_in_scope=False, **kwargs):
        """``rows_in_scope``: ``data`` holds only rows the user may view (a list page's, through the scope helper)."""
        self.user = user
        self.openable = {}
        self.rows_in_scope = rows_in_scope
        super().__init__(in_a_stable_order(data), *args, **kwargs)
        for name in self.export_only:
            if name in self.columns.names():
                self.columns.hide(name)
        if request is not None:
            # The sort asked for; the pages are the view's to make (ObjectListView.pagination). Given the
            # request, django-tables2 would also paginate here with its own paginator, counting every row.
            tables.RequestConfig(request, paginate=False).configure(self)

    def rows_html(self):
        """The page's rows, ``<tr>`` by ``<tr>``, joined here rather than in the template: a list of 25 rows has
        some 250 cells, and the template engine's loop, attribute lookups and escaping per cell cost more than
        the cells. A column's ``<td>`` attributes are computed once for the page, unless one of them is a function
        of the row, which is then given the row's record and value as ``BoundRow.items`` gives them."""
        columns = []
        for column in self.columns:
            varies = any(callable(value) for value in cell_attrs({**self.attrs, **column.column.attrs}).values())
            columns.append((column, None if varies else format_html("<td {}>", column.attrs["td"].as_html())))
        parts = []
        for row, cells in self.rows_with_cells():
            parts.append(format_html("<tr {}>", row.attrs.as_html()))
            for (column, opening), cell in zip(columns, cells, strict=True):
                if opening is None:
                    column.current_record, column.current_value = row.record, cell
                    parts.append(format_html("<td {}>", column.attrs["td"].as_html()))
                else:
                    parts.append(opening)
                parts.extend((conditional_escape(cell), "</td>"))
            parts.append("</tr>")
        return mark_safe("".join(parts))  # each part escaped above or built by format_html

    def rows_with_cells(self):
        """Each row of the page with its cells rendered, column by column: what ``BoundRow.get_cell`` renders,
        through a ``CellPlan`` per column that works out once for the page what does not change from row to row."""
        plans = [CellPlan(self, column) for column in self.columns]
        for row in self.paginated_rows:
            yield row, [plan.cell(row) for plan in plans]

    def export_rows(self):
        """Header and row values of the exportable columns (hidden ones included), unpaginated."""
        columns = [column for column in self.columns.iterall() if not column.column.exclude_from_export]
        yield [str(column.header) for column in columns]
        for row in self.rows:
            yield [_plain(row.get_cell_value(column.name)) for column in columns]


class CellPlan:
    """How a column's cells are rendered on a page, as django-tables2's ``BoundRow.get_cell`` renders them — the
    value read through the column's accessor (a choice by its label), the column's default for an empty one, its
    ``render`` (or the table's ``render_<name>``) given the arguments it names, its link — with what is the same on
    every row worked out once: the render function's arguments (django-tables2 inspects the function again for
    each cell, a third of a list page's time), the bound column, whether the field has choices.

    Only public names of django-tables2 are used (``BoundColumn.render``, ``accessor``, ``link``, ``default``,
    ``Column.empty_values``, ``utils.signature``); a column of a kind not handled here (many-to-many, a link
    with a text of its own) is rendered by ``BoundRow.get_cell`` itself. ``test_tables`` renders every
    list page of the project both ways and requires the same cells."""

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = bound_column.column
        self.render = bound_column.render
        self.arguments, self.any_arguments = signature(self.render)
        # A many-to-many column's empty test asks the database; a link column with a text of its own renders it
        # where the value cannot be read: both are left to get_cell.
        self.plain = not isinstance(self.column, tables.ManyToManyColumn) and not (
            isinstance(self.column, BaseLinkColumn) and self.column.text is not None
        )
        # The labels of the choices of the model field the accessor ends on (None: no such field), known at the
        # first row; each label translated once for the page rather than once a cell.
        self.choices = None

    def cell(self, row):
        record = row.record
        if not self.plain or type(row) is not BoundRow:
            return row.get_cell(self.bound_column.name)
        accessor = self.bound_column.accessor
        if self.choices is None:
            field = accessor.get_field(record) if isinstance(record, models.Model) else None
            self.choices = choice_labels(field) if getattr(field, "choices", None) else {}
        # A value that cannot be read (a column computed from the row, whose name is no attribute) is None, as
        # get_cell has it.
        value = self.display(accessor, record) if self.choices else accessor.resolve(record, quiet=True)
        if value in self.column.empty_values:
            return self.bound_column.default
        given = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": self.table,
        }
        if self.any_arguments:
            content = self.render(**given)
        elif all(name in given for name in self.arguments):
            content = self.render(**{name: given[name] for name in self.arguments})
        else:
            content = None
        link = self.bound_column.link
        return link(content, **given) if link else content

    def display(self, accessor, record):
        """A choice field's label, as ``get_<field>_display`` of the object that holds it gives it (a value
        that is no choice as it is), else the value read through the accessor."""
        holder, remainder = accessor.penultimate(record)
        if not isinstance(holder, models.Model):
            return accessor.resolve(record, quiet=True)
        value = getattr(holder, remainder)
        return self.choices.get(make_hashable(value), value)


def choice_labels(field):
    """A model field's choices, value → label in the active language, as ``get_<field>_display`` looks them up
    (which builds this mapping anew, translating every label, for each call)."""
    return {make_hashable(value): force_str(label, strings_only=True) for value, label in field.flatchoices}


def cell_attrs(attrs):
    """The attributes of a column's cells in ``attrs`` (the table's and the column's together): ``td``, or else
    ``cell`` (both kinds), as django-tables2 reads them."""
    return attrs.get("td", attrs.get("cell", {}))


def in_a_stable_order(data):
    """A queryset in its model's order, the primary key breaking ties, if it has no order of its own.

    A list that counts something per row (meetings with their resolutions, provinces with their counties) is a
    GROUP BY query, and Django leaves a model's Meta.ordering out of those: the rows came in whatever order the
    database chose (a county's meetings oldest first, or any order), and on PostgreSQL a row could show on two
    pages and another on none. A sort link or a view's own order_by still decides where there is one."""
    if not isinstance(data, models.QuerySet) or data.ordered or data.query.is_sliced:
        return data  # a slice is its view's to order before taking it
    ordering = list(data.model._meta.ordering)
    if not {"pk", "-pk", "id", "-id"} & set(ordering):
        ordering.append("pk")
    return data.order_by(*ordering)


# A searched list (page or API) counts at most this many matches and then says «بیش از …» (SearchPaginator).
SEARCH_COUNT_CAP = 10_000


class SearchPaginator(Paginator):
    """Pages of a searched list, counting at most ``cap`` + 1 matches.

    A common word across the nation's million obstacles matches a hundred thousand of them; counting them
    all was most of the page's time (a second), and «بیش از ۱۰٬۰۰۰ مورد» tells the searcher as much. The
    table's pages come from ``rows`` as usual; ``counted`` is the same queryset, counted without its order."""

    def __init__(self, rows, per_page, *args, counted, cap, **kwargs):
        self.counted = counted
        self.cap = cap
        super().__init__(rows, per_page, *args, **kwargs)

    @cached_property
    def count(self):
        return self.counted.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self):
        """Whether there are more matches than were counted (``count`` is then cap + 1)."""
        return self.count > self.cap

    @cached_property
    def num_pages(self):
        """Django's reckoning over the first ``cap`` matches: the last page shown ends at the cap."""
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        return math.ceil(max(1, min(self.count, self.cap) - self.orphans) / self.per_page)


class CountedPaginator(Paginator):
    """Pages of a list whose rows the page has already counted another way (the unit list counts them by
    status for its status strip: their sum is the list's count, and a second COUNT would read them again)."""

    def __init__(self, rows, per_page, *args, count, **kwargs):
        super().__init__(rows, per_page, *args, **kwargs)
        self.count = count  # in place of Paginator.count, a cached property


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


class HolidayTable(TashilTable):
    date = JalaliDateColumn(verbose_name=_("تاریخ"))
    weekday_name = tables.Column(verbose_name=_("روز هفته"), orderable=False, accessor="weekday_name")
    confirmed = tables.Column(verbose_name=_("تأیید"))

    class Meta(TashilTable.Meta):
        model = Holiday
        fields = ("date", "weekday_name", "title", "is_fixed", "lunar", "confirmed")

    @cached_property
    def may_confirm(self):
        """The national secretariat's (the model's scope rule), asked once per table, not once per row."""
        return self.user is not None and scope.scope_q(Holiday, self.user, "confirm") is not None

    def value_confirmed(self, value):
        return _("تأییدشده") if value else _("در انتظار تأیید")

    def render_confirmed(self, value, record):
        """A lunar holiday still to confirm says so, with the national secretariat's button beside it."""
        if value:
            return _("تأییدشده")
        label = format_html(
            '<span class="badge text-bg-warning" data-testid="to-confirm">{}</span>', _("در انتظار تأیید")
        )
        if self.may_confirm:
            return format_html(
                '{} <a class="btn btn-sm btn-outline-primary py-0" href="{}" data-testid="confirm-holiday">{}</a>',
                label,
                reverse("core:holiday_confirm", args=[record.pk]),
                _("تأیید"),
            )
        return label

    def render_date(self, value, record):
        """The date opens the holiday's form, for those who may change holidays."""
        text = format_jalali(value)
        if self.user is not None and scope.can(self.user, Holiday, "change"):
            return format_html('<a href="{}">{}</a>', record.get_absolute_url(), text)
        return text


class ChangeLogEntryTable(TashilTable):
    time = JalaliDateColumn(verbose_name=_("زمان"), linkify=True)

    class Meta(TashilTable.Meta):
        model = ChangeLogEntry
        fields = ("time", "user_name", "source", "action", "content_type", "object_repr", "message")


class SavedViewTable(TashilTable):
    name = tables.Column(verbose_name=_("نام"), linkify=lambda record: record.get_absolute_url())
    owner = tables.Column(verbose_name=_("صاحب"))
    edit = tables.TemplateColumn(
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
        template_code=(
            "{% load i18n %}{% if record.owner_id == request.user.pk %}"
            '<a href="{% url \'core:savedview_edit\' record.pk %}">{% translate "ویرایش" %}</a> · '
            '<a class="text-danger" href="{% url \'core:savedview_delete\' record.pk %}">{% translate "حذف" %}</a>'
            "{% endif %}"
        ),
    )

    # Whether the view is in the reader's own daily digest (the owner's choice on the view, a colleague's their
    # own: SavedViewListView annotates it), with the link that changes it.
    in_my_digest = tables.Column(verbose_name=_("در خلاصه روزانه من"))

    class Meta(TashilTable.Meta):
        model = SavedView
        fields = ("name", "owner", "shared", "in_my_digest")

    def render_in_my_digest(self, record, value):
        action, label = ("digest_off", _("بیرون بردن")) if value else ("digest_on", _("افزودن"))
        return format_html(
            '{} <a class="btn btn-sm btn-outline-primary py-0" href="{}" data-testid="saved-view-{}">{}</a>',
            _("بله") if value else _("نه"),
            reverse("core:savedview_action", args=[record.pk, action]),
            action.replace("_", "-"),
            label,
        )
