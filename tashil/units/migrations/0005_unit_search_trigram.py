"""A trigram index on the units' search text (PostgreSQL only), so a search of the whole nation's units
reads the index instead of every row: the search is ``LIKE '%key%'``, which a B-tree cannot serve.

pg_trgm comes with PostgreSQL and is a trusted extension: the database's owner may create it. SQLite
(``make run``) has no such index and scans its few thousand rows."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS unit_search_trgm_idx ON units_industrialunit USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS unit_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("units", "0004_image_limits")]

    operations = [migrations.RunPython(create, drop)]
