"""Fast inserts for generated data: rows go straight to the database (COPY on PostgreSQL, executemany on
SQLite), bypassing model instances, save() and signals. Missing columns take their field's default."""

import json

from django.db import connection
from django.db.models.fields.files import FieldFile
from django.utils import timezone


class Inserter:
    """Collect rows for one model as keyword values; ``flush()`` writes them in one round."""

    def __init__(self, model, batch=20_000):
        self.model = model
        self.batch = batch
        self.fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.name == "id")]
        self.include_id = False
        now = timezone.now()
        if connection.vendor == "sqlite":
            now = connection.ops.adapt_datetimefield_value(now)
        self.defaults = {}
        self.json_columns = {f.attname for f in self.fields if f.get_internal_type() == "JSONField"}
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            elif field.has_default():
                value = field.get_default()
                self.defaults[field.attname] = json.dumps(value) if field.get_internal_type() == "JSONField" else value
            elif field.null:
                self.defaults[field.attname] = None
            else:
                self.defaults[field.attname] = ""
        self.rows = []
        self.written = 0

    def add(self, **values):
        """A row: the columns given (None for a column means «use its default» when it has no null)."""
        for column in self.json_columns & values.keys():
            if not isinstance(values[column], str):
                values[column] = json.dumps(values[column], ensure_ascii=False)
        if "id" in values:
            self.include_id = True
        self.rows.append(values)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        columns = (["id"] if self.include_id else []) + [f.attname for f in self.fields]
        defaults = self.defaults
        tuples = [tuple(defaults.get(c) if row.get(c) is None else row[c] for c in columns) for row in self.rows]
        table = self.model._meta.db_table
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                    for row in tuples:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})", tuples
                )
        self.written += len(tuples)
        self.rows = []


def reserve_ids(model, count):
    """``count`` new primary keys for ``model``, taken from its sequence on PostgreSQL (so concurrent writers
    never collide) or after the largest on SQLite (whose write lock the caller's transaction holds)."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def row_values(instance, fields):
    """A model instance as the column values an Inserter takes (a file field as the name it stores)."""
    values = {}
    for field in fields:
        value = getattr(instance, field.attname)
        if isinstance(value, FieldFile):
            value = value.name or ""
        values[field.attname] = value
    return values
