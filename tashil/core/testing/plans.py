"""Query plans for the tests that check which index gives a list its order."""

from django.db import connection


def unsorted_plan(sql):
    """The database's plan for ``sql`` as text, PostgreSQL told not to sort (so that the plan names the index
    that gives the order, whatever the test database's size makes cheapest); SQLite's EXPLAIN QUERY PLAN."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_incremental_sort = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row) for row in cursor.fetchall())
