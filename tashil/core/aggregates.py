"""Database functions the reports need on both PostgreSQL and SQLite: percentiles and days between two dates.

PostgreSQL has ``percentile_cont``; SQLite gets an equivalent aggregate registered on each new connection
(``register_sqlite_functions``), so a median is one aggregate query on either database.
"""

import math

from django.db.models import Aggregate, FloatField, Func


class Percentile(Aggregate):
    """The continuous percentile (``fraction`` 0.5 is the median) of an expression, as PostgreSQL defines it."""

    name = "Percentile"
    output_field = FloatField()

    def __init__(self, expression, fraction, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        self.fraction = float(fraction)
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self._with_template(
            f"PERCENTILE_CONT({self.fraction!r}) WITHIN GROUP (ORDER BY %(expressions)s)"
        ).as_sql(compiler, connection, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self._with_template(f"TASHIL_PERCENTILE(%(expressions)s, {self.fraction!r})").as_sql(
            compiler, connection, **extra
        )

    def _with_template(self, template):
        # Aggregate.as_sql wraps ``self.template`` in its FILTER clause, so the template is set, not passed.
        clone = self.copy()
        clone.template = template
        return clone


class DaysBetween(Func):
    """``end - start`` in days (fractional for times), for dates and date-times alike."""

    output_field = FloatField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        end, start = (compiler.compile(expression) for expression in self.source_expressions)
        return f"(julianday({end[0]}) - julianday({start[0]}))", (*end[1], *start[1])

    def as_postgresql(self, compiler, connection, **extra):
        end, start = (compiler.compile(expression) for expression in self.source_expressions)
        sql = f"(EXTRACT(EPOCH FROM (CAST({end[0]} AS timestamp) - CAST({start[0]} AS timestamp))) / 86400.0)"
        return sql, (*end[1], *start[1])


class _SqlitePercentile:
    """``percentile_cont`` for SQLite: linear interpolation between the closest ranks."""

    def __init__(self):
        self.values = []
        self.fraction = 0.5

    def step(self, value, fraction):
        if value is not None:
            self.values.append(value)
            self.fraction = fraction

    def finalize(self):
        if not self.values:
            return None
        values = sorted(self.values)
        position = (len(values) - 1) * self.fraction
        low, high = math.floor(position), math.ceil(position)
        return values[low] + (values[high] - values[low]) * (position - low)


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("TASHIL_PERCENTILE", 2, _SqlitePercentile)
