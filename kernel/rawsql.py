"""Fixed SQL for the hottest reads, with the ORM's own value conversion.

Building a queryset with annotations and subqueries costs a few
milliseconds of Python per request, before the database sees anything:
more than the statement itself takes to run. The desk summary, read on
every card scanned, therefore uses hand-written SQL that runs unchanged
on PostgreSQL and SQLite, and converts each column the way the ORM would
convert the model field it comes from (SQLite returns dates as text and
booleans as integers; PostgreSQL returns them typed).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import connection, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Field
from django.db.models.expressions import Col

Converter = Callable[[Any, Any, Any], Any]


Plan = list[tuple[int, Col, list[Converter]]]
_plans: dict[tuple[str, tuple[Field | None, ...]], Plan] = {}


def _plan(db: Any, fields: Sequence[Field | None]) -> Plan:
    """Each converted column's index, expression and converters, worked out
    once per database and field list (the lookups cost more than the
    conversion itself on a summary of a few rows)."""
    key = (db.alias, tuple(fields))
    plan = _plans.get(key)
    if plan is None:
        plan = []
        for i, field in enumerate(fields):
            if field is None:
                continue
            column = Col("raw", field)
            converters = [*db.ops.get_db_converters(column), *field.get_db_converters(db)]
            if converters:
                plan.append((i, column, converters))
        _plans[key] = plan
    return plan


def fetch(
    sql: str, params: Sequence[Any] | Mapping[str, Any], fields: Sequence[Field | None]
) -> list[list[Any]]:
    """Rows of `sql`, each column converted as its model field (None: as is).

    `fields` has one entry per selected column, in order.
    """
    db = connections[connection.alias]  # the connection itself, not its proxy
    plan = _plan(db, fields)
    with _cursor() as cursor:
        cursor.execute(sql, _adapted(params))
        rows = cursor.fetchall()
    out = []
    for raw in rows:
        row = list(raw)
        if len(row) != len(fields):
            raise ValueError(f"{len(row)} columns selected but {len(fields)} fields given")
        for i, column, converters in plan:
            value = row[i]
            for convert in converters:
                value = convert(value, column, db)
            row[i] = value
        out.append(row)
    return out


def instances_from_json(model: Any, rows: Any) -> list[Any]:
    """Model instances from a JSON array of row objects (PostgreSQL's
    json_agg(row_to_json(...)) over all the model's concrete columns), as
    the ORM would load them: dates and moments parsed, `_state` set.

    For models whose fields are text, numbers, booleans, keys, dates and
    moments; any other field type is refused rather than guessed."""
    if rows is None:
        return []
    if isinstance(rows, str | bytes):
        rows = json.loads(rows)
    fields = model._meta.concrete_fields
    parse: list[Callable[[Any], Any] | None] = []
    for f in fields:
        kind = f.get_internal_type()
        if kind == "DateTimeField":
            parse.append(datetime.datetime.fromisoformat)
        elif kind == "DateField":
            parse.append(datetime.date.fromisoformat)
        elif kind in _JSON_AS_IS:
            parse.append(None)
        else:
            raise ValueError(f"{model.__name__}.{f.name}: {kind} is not read from JSON")
    names = [f.attname for f in fields]
    db = connections[connection.alias]
    out = []
    for row in rows:
        values = []
        for f, convert in zip(fields, parse, strict=True):
            value = row[f.column]
            values.append(value if value is None or convert is None else convert(value))
        out.append(model.from_db(db.alias, names, values))
    return out


_JSON_AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def execute(sql: str, params: Sequence[Any] | Mapping[str, Any]) -> int:
    """Run a fixed data-changing statement; the number of rows it touched."""
    with _cursor() as cursor:
        cursor.execute(sql, _adapted(params))
        return int(cursor.rowcount)


def _adapted(params: Sequence[Any] | Mapping[str, Any]) -> list[Any] | dict[str, Any]:
    if isinstance(params, Mapping):
        return {name: _adapt(value) for name, value in params.items()}
    return [_adapt(value) for value in params]


def _adapt(value: Any) -> Any:
    """A parameter as the ORM would send it (SQLite stores datetimes as
    naive UTC text, and compares them as text)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _cursor() -> Any:
    """Django's cursor; on PostgreSQL one that binds on the server.

    Wrapped as Django wraps its own (query logging, execute wrappers,
    error translation), so these statements count and show like any other.
    """
    # The connection itself: each attribute read through the `connection`
    # proxy is a thread-local lookup, and this runs for every statement.
    db = connections[connection.alias]
    if db.vendor != "postgresql":
        return db.cursor()
    import psycopg
    from django.db.backends.postgresql.psycopg_any import register_tzloader

    db.close_if_health_check_failed()
    db.ensure_connection()
    with db.wrap_database_errors:
        raw = psycopg.Cursor(db.connection)
        tzloader = db.connection.adapters.get_loader(
            psycopg.postgres.types["timestamptz"].oid, psycopg.pq.Format.TEXT
        )
        if db.timezone != getattr(tzloader, "timezone", None):
            register_tzloader(db.timezone, raw)
        db.validate_thread_sharing()
        if db.queries_logged:
            return _LoggedCursor(raw, db)  # type: ignore[arg-type]
        return db.make_cursor(raw)  # type: ignore[arg-type]


class _LoggedCursor(CursorDebugWrapper):
    """Django's debug cursor, logging the statement with its parameters
    inlined (Django reads them back from a client-side binding cursor,
    which this one is not)."""

    def execute(self, sql: Any, params: Any = None) -> Any:
        logged = self.db.ops.compose_sql(sql, params)
        with self.debug_sql(logged, use_last_executed_query=False):
            return CursorWrapper.execute(self, sql, params)


class Columns:
    """A model's columns in fixed SQL, and the instances built from them.

    `Columns(Card, "c")` selects every concrete field of Card from the
    table aliased `c`; `exclude` leaves fields out, and the instances then
    have them deferred, as QuerySet.defer() would.
    """

    def __init__(self, model: Any, alias: str, exclude: Sequence[str] = ()) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if f.name not in exclude]
        self.attnames = [f.attname for f in self.fields]
        self.sql = ", ".join(f"{alias}.{connection.ops.quote_name(f.column)}" for f in self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def instance(self, values: Sequence[Any]) -> Any:
        """The model instance of these columns' converted values."""
        return self.model.from_db(connection.alias, self.attnames, list(values))
