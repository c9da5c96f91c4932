"""Query expressions Django lacks, written for PostgreSQL and SQLite alike."""

from django.db.models import BooleanField, F, Func, IntegerField, Subquery
from django.db.models.functions import Length


class InRows(Func):
    """``column`` is one of the values ``rows`` (a one-column queryset) gives: ``IN (subquery)`` on SQLite,
    ``= ANY(ARRAY(subquery))`` on PostgreSQL.

    The two mean the same, but PostgreSQL plans an ``IN (subquery)`` that is ORed with another condition as a
    filter on every row, while ``= ANY(ARRAY(...))`` runs the subquery once and reads ``column``'s index,
    so the OR becomes a BitmapOr of two index scans: "obstacles whose words, or whose unit's words, hold the
    key" reads two indexes instead of a million rows.
    """

    arity = 2
    output_field = BooleanField()
    conditional = True

    def __init__(self, column, rows, **extra):
        super().__init__(F(column) if isinstance(column, str) else column, Subquery(rows), **extra)

    def as_sql(self, compiler, connection, template="{column} IN {rows}", **extra):
        (column, column_params), (rows, rows_params) = (compiler.compile(e) for e in self.source_expressions)
        return template.format(column=column, rows=rows), (*column_params, *rows_params)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="{column} = ANY(ARRAY{rows})", **extra)


class RowCount(Subquery):
    """How many rows ``queryset`` holds (one correlated on the outer row by OuterRef), as a column.

    ``Count("resolutions")`` in a list makes it a GROUP BY over every row the list could show (the nation's
    50,000 meetings counted and grouped to show 25) and Django then drops the model's Meta.ordering. This counts
    for the rows on the page only, and leaves the list's order alone."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)


def numeric_order(field, descending=False):
    """Order by a number typed as text as by a number: 1, 2, 10, 11, not 1, 10, 11, 2 (shorter first, then by
    its characters), on PostgreSQL and SQLite alike. Its digits must be stored as one kind (DigitsCharField)."""
    if descending:
        return (Length(field).desc(), F(field).desc())
    return (Length(field).asc(), F(field).asc())
