"""A trigram index on the obstacles' search text (PostgreSQL only), as units have (units 0005): a search
of the whole nation's million obstacles reads the index instead of every row. With ``InRows`` for the
unit's words, "the obstacle's words or its unit's" is two index scans ORed together.

SQLite (``make run``) has no such index and scans its few thousand rows."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS obstacle_search_trgm_idx ON obstacles_obstacle USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS obstacle_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("obstacles", "0003_covering_overdue_indexes"), ("units", "0005_unit_search_trigram")]

    operations = [migrations.RunPython(create, drop)]
