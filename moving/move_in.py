"""The move-in path: a large import into (nearly) empty tables builds the
tables' secondary indexes and foreign keys once, at the end, as pg_restore
does, instead of updating them row by row for every batch.

Set aside: every index of the tables that is neither the primary key nor
unique (the title search's GIN among them), and the tables' own foreign
keys. Kept: the primary keys and the unique indexes, which the import
relies on to find rows again by natural key and to refuse a duplicate.

Crash safety: the indexes are dropped in one transaction with a
`DeferredIndex` row per index (its definition); each is built again in a
transaction that also deletes its row. So at every moment an index is
either in place or recorded, never lost: a run killed half-way (SIGKILL, a
lost connection) leaves its rows, and the next committed import, the
same command resuming, or any other, builds them again (a resumed run
keeps its own set aside until it ends). A foreign key is added back with
its check of every row, so a row the import wrote that broke it would
fail the rebuild loudly instead of passing unseen.

PostgreSQL only; elsewhere (SQLite for `make run`) nothing is set aside.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models, transaction

from moving.models import DeferredIndex, ImportRun

# Below this many rows in the file, updating the indexes as rows go in
# costs less than building them again over the whole table.
MIN_ROWS = 50_000
# "Far smaller than the file": the table holds at most this share of the
# rows the file brings.
SHARE = 0.25
# Memory for one index build, in this session only (the server's default
# of 64 MB makes the title search's GIN spill to disk).
BUILD_MEMORY = "256MB"
# Two runs setting indexes aside or building them at once take turns.
_LOCK = 0x4C534449  # "LSDI"


def _lock(cursor: object) -> None:
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])  # type: ignore[attr-defined]


def available() -> bool:
    return connection.vendor == "postgresql"


def worth_it(
    models_: Iterable[type[models.Model]], file_rows: int, minimum: int | None = None
) -> bool:
    """Whether a file of about `file_rows` rows is a move-in for these
    tables: large (`minimum` rows, MIN_ROWS unless the importer knows
    better), and each table holds far fewer rows than it brings."""
    if not available() or file_rows < (MIN_ROWS if minimum is None else minimum):
        return False
    limit = int(file_rows * SHARE) + 1
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {model._meta.db_table} LIMIT %s) AS t",  # noqa: S608
                [limit],
            )
            if cursor.fetchone()[0] >= limit:
                return False
    return True


def set_aside(run: ImportRun, models_: Iterable[type[models.Model]]) -> list[str]:
    """Drop the tables' non-unique secondary indexes and their foreign
    keys, recording each; the names set aside."""
    tables = [m._meta.db_table for m in models_]
    names: list[str] = []
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        for table in tables:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                [table],
            )
            for name, definition in cursor.fetchall():
                DeferredIndex.objects.create(
                    run_id=run.pk, table=table, name=name, definition=definition, foreign_key=True
                )
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                names.append(name)
            cursor.execute(
                """
                SELECT i.relname, pg_get_indexdef(i.oid)
                  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                 WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                 ORDER BY i.relname
                """,
                [table],
            )
            for name, definition in cursor.fetchall():
                DeferredIndex.objects.create(
                    run_id=run.pk, table=table, name=name, definition=definition
                )
                cursor.execute(f'DROP INDEX "{name}"')
                names.append(name)
    return names


def pending(run: ImportRun | None = None) -> list[DeferredIndex]:
    if not available():
        return []
    rows = DeferredIndex.objects.order_by("pk")
    return list(rows.filter(run_id=run.pk) if run is not None else rows)


def build(run: ImportRun | None = None, *, keep: ImportRun | None = None) -> int:
    """Build again what was set aside (by `run`, or by every run but
    `keep`), each index or key in a transaction of its own with the
    deletion of its record. How many were built."""
    done = 0
    for deferred in pending(run):
        if keep is not None and deferred.run_id == keep.pk:
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            _lock(cursor)
            if not DeferredIndex.objects.filter(pk=deferred.pk).exists():
                continue  # another run built it meanwhile
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
            if deferred.foreign_key:
                cursor.execute(
                    "SELECT 1 FROM pg_constraint WHERE conrelid = %s::regclass AND conname = %s",
                    [deferred.table, deferred.name],
                )
                if cursor.fetchone() is None:
                    cursor.execute(
                        f'ALTER TABLE {deferred.table} ADD CONSTRAINT "{deferred.name}" '
                        f"{deferred.definition}"
                    )
            else:
                cursor.execute("SELECT to_regclass(%s)", [f'"{deferred.name}"'])
                if cursor.fetchone()[0] is None:
                    cursor.execute(deferred.definition)
            DeferredIndex.objects.filter(pk=deferred.pk).delete()
            done += 1
    return done
