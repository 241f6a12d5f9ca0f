"""Writing generated rows: COPY on PostgreSQL, batched bulk_create anywhere,
and dropping a table's indexes and foreign keys around a large load."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.db import connection, models

from .plan import COLUMNS
from .vocabulary import BATCH_ROWS, NULL, SQLITE_BATCH


def copy_rows(model: type[models.Model], rows: Iterable[tuple[str, ...]]) -> int:
    columns = COLUMNS[model].split()
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    n = 0
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        lines: list[str] = []
        for row in rows:
            lines.append("\t".join(row))
            if len(lines) >= BATCH_ROWS:
                lines.append("")
                copy.write("\n".join(lines))
                n += len(lines) - 1
                lines.clear()
        if lines:
            lines.append("")
            copy.write("\n".join(lines))
            n += len(lines) - 1
    return n


def copy_text(model: type[models.Model], text: IO[str]) -> None:
    columns = COLUMNS[model].split()
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    text.seek(0)
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        while chunk := text.read(1 << 20):
            copy.write(chunk)


def _converters(model: type[models.Model]) -> list[tuple[str, Callable[[str], Any]]]:
    converters = []
    for column in COLUMNS[model].split():
        f = next(f for f in model._meta.concrete_fields if f.attname == column)
        if f.get_internal_type() == "BooleanField":
            converters.append((column, lambda v: v == "t"))
        elif f.is_relation or f.get_internal_type().endswith("AutoField"):
            converters.append((column, int))
        else:
            converters.append((column, f.to_python))
    return converters


def bulk_insert(model: type[models.Model], rows: Iterable[tuple[str, ...]]) -> int:
    """The same rows through bulk_create, in batches (any database)."""
    converters = _converters(model)
    # auto_now would overwrite the generated timestamps (COPY keeps them).
    auto_now = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in auto_now:
        f.auto_now = False  # type: ignore[attr-defined]
    try:
        batch: list[Any] = []
        n = 0
        for row in rows:
            values = {
                column: (None if value == NULL else convert(value))
                for (column, convert), value in zip(converters, row, strict=True)
            }
            batch.append(model(**values))
            if len(batch) >= SQLITE_BATCH:
                model.objects.bulk_create(batch)  # type: ignore[attr-defined]
                n += len(batch)
                batch.clear()
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]
        return n + len(batch)
    finally:
        for f in auto_now:
            f.auto_now = True  # type: ignore[attr-defined]


def text_rows(text: IO[str]) -> Iterator[tuple[str, ...]]:
    text.seek(0)
    for line in text:
        yield tuple(line.rstrip("\n").split("\t"))


class IndexRebuild:
    """Drop a table's secondary indexes and foreign keys for a bulk load,
    then recreate them (a unique index or a foreign key that the new rows
    broke fails here, and the whole load rolls back)."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.indexes: list[tuple[str, str]] = []
        self.foreign_keys: list[tuple[str, str]] = []

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT i.relname, pg_get_indexdef(i.oid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                """,
                [self.table],
            )
            self.indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [self.table],
            )
            self.foreign_keys = cursor.fetchall()
            for name, _ in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {self.table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')

    def restore(self) -> None:
        with connection.cursor() as cursor:
            for _, definition in self.indexes:
                cursor.execute(definition)
            for name, definition in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {self.table} ADD CONSTRAINT "{name}" {definition}')


# --- the command -----------------------------------------------------------
