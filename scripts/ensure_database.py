"""Create the PostgreSQL database named in DATABASE_URL if it does not exist yet (for `make serve`)."""

import os
import sys
from urllib.parse import urlparse

url = urlparse(os.environ["DATABASE_URL"])
if url.scheme not in ("postgres", "postgresql"):
    sys.exit(0)
import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402

name = url.path.lstrip("/")
admin = url._replace(path="/postgres").geturl()
with psycopg.connect(admin, autocommit=True) as connection:
    exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not exists:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"created database {name}")
