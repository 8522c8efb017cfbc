"""The database session's limits: what long-running commands lift for themselves."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def without_statement_timeout() -> Iterator[None]:
    """No `statement_timeout` (settings.DB_STATEMENT_TIMEOUT bounds the site's requests, not
    a migration building an index or an import) while the block runs."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (before,) = cursor.fetchone()
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        if connection.connection is not None and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, false)", [before])
