"""Inserting an import's new rows fast: COPY on PostgreSQL (ids drawn from
the table's sequence first, so rows that refer to them can follow),
bulk_create elsewhere. Values go to psycopg as Python values (dates,
booleans, decimals), so no text escaping is done here."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert `objects` (unsaved) and set their primary keys."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects)
        return
    table = model._meta.db_table
    fields = [f for f in model._meta.concrete_fields]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    names = [f.attname for f in fields]
    raw = connection.connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row([getattr(obj, name) for name in names])
    for obj in objects:
        obj._state.adding = False
