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


def analyze(*models) -> None:
    """Fresh planner statistics for these models' tables (and their many-to-many tables).

    Autovacuum may be off (it is on the project's machines) or late: after a large import,
    the planner would otherwise keep believing a table is as small as it was."""
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [
            field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
        ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def next_ids(model, count: int) -> list[int]:
    """`count` primary keys taken from the model's sequence, for rows that other rows must
    point to before they are inserted."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def defer_foreign_keys_to(model) -> None:
    """Checks of the foreign keys pointing to `model` wait for the transaction's end.

    Django makes them DEFERRABLE INITIALLY DEFERRED; a session may have made them immediate
    (the tests do, for the data versions): rows may then point to rows inserted just after."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(quote_ident(conname), ', ') FROM pg_constraint "
            "WHERE contype = 'f' AND condeferrable AND confrelid = %s::regclass",
            [model._meta.db_table],
        )
        (names,) = cursor.fetchone()
        if names:
            cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")


def version_triggers(concept: str, tables: list[str]) -> str:
    """The SQL of the triggers that bump `concept`'s `DataVersion` on a write to `tables`
    (the function `places_bump_data_version` of places' migration 0003): every app's
    migration adds its tables with `RunSQL(version_triggers(...), drop_version_triggers(...))`.
    TRUNCATE has no row to defer: it bumps at once."""
    return "".join(
        f"""
CREATE CONSTRAINT TRIGGER {table}_data_version
  AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION places_bump_data_version('{concept}');
CREATE TRIGGER {table}_data_version_truncate AFTER TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION places_bump_data_version('{concept}');
"""
        for table in tables
    )


def drop_version_triggers(tables: list[str]) -> str:
    return "".join(
        f"DROP TRIGGER IF EXISTS {table}_data_version ON {table};\n"
        f"DROP TRIGGER IF EXISTS {table}_data_version_truncate ON {table};\n"
        for table in tables
    )
