"""The few SQL fragments that differ between PostgreSQL and SQLite.

Retention runs as set-based SQL; PostgreSQL is the production database,
SQLite the zero-setup default of `make run`, where the job runs as well.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from typing import Any

from django.db import connection


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def no_jit(cursor: Any) -> None:
    """Inside a transaction: no JIT compilation for its statements.

    The planner's estimates for the correlated anti-joins are large enough
    to trigger JIT, which then costs seconds per statement and saves
    nothing on statements that touch one bounded batch.
    """
    if is_postgres():
        cursor.execute("SET LOCAL jit = off")


def skip_locked(alias: str) -> str:
    """Row locks for a batch; rows another transaction holds are left for
    the next run. SQLite locks the whole database instead."""
    return f" FOR UPDATE OF {alias} SKIP LOCKED" if is_postgres() else ""


def row_locator() -> str:
    """The column that locates a row physically: fetching by it needs no
    index lookup. Valid within one statement, or while the row is locked."""
    return "ctid" if is_postgres() else "rowid"


def in_query(column: str, query: str) -> str:
    """`column` is one of the ids that `query` yields. On PostgreSQL as an
    array, which the planner answers with index probes, never with a scan of
    the whole table (its row estimate for a batch is only a guess)."""
    if is_postgres():
        return f"{column} = ANY (ARRAY({query}))"
    return f"{column} IN ({query})"


def in_batch(column: str) -> str:
    """`column` is one of the ids of the batch being expunged."""
    return in_query(column, "SELECT id FROM batch")


def ids_relation(ids: Sequence[int]) -> tuple[str, list[Any]]:
    """A query yielding `ids` as the column `id`, as a single parameter."""
    if is_postgres():
        return "SELECT unnest(%s::bigint[]) AS id", [list(ids)]
    return "SELECT value AS id FROM json_each(%s)", [json.dumps(list(ids))]


def in_ids(column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """`column` is one of ids, as a single parameter whatever the count."""
    if is_postgres():
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]


def year_of(expr: str) -> str:
    if is_postgres():
        return f"CAST(EXTRACT(YEAR FROM {expr}) AS integer)"
    return f"CAST(strftime('%%Y', {expr}) AS integer)"


def day_after(expr: str) -> str:
    if is_postgres():
        return f"({expr} + 1)"
    return f"date({expr}, '+1 day')"


def json_list_covers(column: str) -> str:
    """SQL true when the JSON list `column` is empty or holds the parameter."""
    if is_postgres():
        return f"(jsonb_array_length({column}) = 0 OR {column} @> jsonb_build_array(%s::text))"
    return (
        f"(json_array_length({column}) = 0 OR "
        f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = %s))"
    )


def json_without(column: str, paths: Sequence[Sequence[str]]) -> str:
    """`column` with the keys at `paths` removed (NULL stays NULL)."""
    if not paths:
        return column
    if is_postgres():
        expr = column
        for path in paths:
            expr = f"({expr} #- '{{{','.join(path)}}}')"
        return expr
    args = ", ".join("'$." + ".".join(path) + "'" for path in paths)
    return f"json_remove({column}, {args})"


def json_has_any(column: str, paths: Sequence[Sequence[str]]) -> str:
    """SQL true when the JSON `column` holds a value (even null) at one of
    `paths`."""
    if not paths:
        return "1 = 0"
    if is_postgres():
        return " OR ".join(f"{column} #> '{{{','.join(path)}}}' IS NOT NULL" for path in paths)
    return " OR ".join(f"json_type({column}, '$.{'.'.join(path)}') IS NOT NULL" for path in paths)


def dt(value: datetime.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def day(value: datetime.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def in_values(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column` is one of a few fixed values (statuses and other choices),
    one parameter each, so that the planner can match partial indexes."""
    marks = ", ".join(["%s"] * len(values))
    return f"{column} IN ({marks})", [str(v) for v in values]
