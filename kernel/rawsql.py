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
import itertools
import json
import logging
import re
import select
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import connection, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Field
from django.db.models.expressions import Col

logger = logging.getLogger("django.db.backends")

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


class Sent:
    """A data-changing statement sent to PostgreSQL and not yet waited for
    (send()). Until result() is called the connection is busy: any other
    statement on it first waits for this one (an execute wrapper)."""

    def __init__(
        self,
        db: Any = None,
        sql: str = "",
        rowcount: int | None = None,
        again: _Prepared | None = None,
    ) -> None:
        self._db = db
        self._sql = sql
        self._rowcount = rowcount
        self._again = again
        self._error: Exception | None = None
        self._started = time.monotonic()
        if rowcount is None:
            db.execute_wrappers.append(self._finish_first)

    def result(self) -> int:
        """Wait for the statement's end (outside a transaction: its commit)
        and return the number of rows it touched; raises its error as
        Django's cursor would. Idempotent."""
        if self._error is not None:
            raise self._error
        if self._rowcount is not None:
            return self._rowcount
        import psycopg

        db = self._db
        db.execute_wrappers.remove(self._finish_first)
        try:
            with db.wrap_database_errors:
                try:
                    self._rowcount = _collect(db.connection)
                except psycopg.errors.InvalidSqlStatementName as gone:
                    if self._again is None:
                        raise
                    # Dropped by a DEALLOCATE ALL since it was prepared:
                    # nothing ran (outside a transaction nothing is left to
                    # undo), so it is prepared and run again, waited for.
                    self._rowcount = self._again.run(db.connection, gone)
        except Exception as error:
            self._error = error
            raise
        finally:
            if db.queries_logged:
                duration = time.monotonic() - self._started
                db.queries_log.append({"sql": self._sql, "time": f"{duration:.3f}"})
                logger.debug("(%.3f) %s; args=None; alias=%s", duration, self._sql, db.alias)
        return self._rowcount

    def _finish_first(self, execute: Any, *args: Any) -> Any:
        self.result()
        return execute(*args)


def send(sql: str, params: Sequence[Any] | Mapping[str, Any]) -> Sent:
    """Send a fixed data-changing statement without waiting for it: the
    caller does other work (rendering) while PostgreSQL runs and, outside
    a transaction, commits it, then calls result() (it must, before the
    work's outcome leaves). Elsewhere than PostgreSQL the statement runs
    here and result() only returns its row count.

    The values are bound on the server, as psycopg's own cursor binds
    them. Inside a transaction that psycopg has not begun yet the BEGIN
    goes in the same message, and the values are then bound on the client
    (psycopg's own quoting): the protocol that binds on the server takes
    one statement only. Outside a transaction (it commits as it ends) the
    statement is prepared once per connection, its first send waiting for
    that, and then run by name; one that a DEALLOCATE ALL dropped
    meanwhile (psycopg sends one with every ROLLBACK) is prepared and run
    again by result(). On error the statement's exception is raised by
    result()."""
    db = connections[connection.alias]
    if db.vendor != "postgresql":
        return Sent(rowcount=execute(sql, params))
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    import psycopg

    with db.wrap_database_errors:
        conn = db.connection
        pgconn = conn.pgconn
        status = pgconn.transaction_status
        if status == psycopg.pq.TransactionStatus.ACTIVE:
            raise psycopg.OperationalError("another statement is in progress")
        values = _adapted(params)
        logged = ""
        if not conn.autocommit and status == psycopg.pq.TransactionStatus.IDLE:
            # Inside atomic() psycopg opens the transaction only when its
            # own cursor runs the first statement; sent past it, this one
            # would run, and commit, on its own. The BEGIN goes with it.
            logged = _inlined(conn, sql, values)
            pgconn.send_query(("BEGIN; " + logged).encode(conn.info.encoding))
        else:
            if db.queries_logged:
                logged = _inlined(conn, sql, values)
            query, names = _numbered(sql)
            ordered = (
                [values[name] for name in names]  # type: ignore[call-overload]
                if isinstance(values, Mapping)
                else values
            )
            dumper = psycopg.adapt.Transformer(conn)
            dumped = dumper.dump_sequence(ordered, [psycopg.adapt.PyFormat.AUTO] * len(ordered))
            encoded = query.encode(conn.info.encoding)
            if conn.autocommit and conn.prepare_threshold is not None:
                # On its own (it commits as it ends): run as a statement
                # prepared once per connection, as psycopg runs Django's.
                # Parsing and planning it anew took PostgreSQL longer than
                # running it (the desk's access entry: 0.40 ms a run
                # unprepared, 0.22 ms prepared).
                again = _Prepared(encoded, tuple(dumper.types or ()), dumped, dumper.formats)
                pgconn.send_query_prepared(again.name(conn), dumped, param_formats=dumper.formats)
                _flush(pgconn)
                return Sent(db, logged, again=again)
            pgconn.send_query_params(
                encoded, dumped, param_types=dumper.types, param_formats=dumper.formats
            )
        _flush(pgconn)
    return Sent(db, logged)


def _flush(pgconn: Any) -> None:
    while pgconn.flush():
        select.select([], [pgconn.socket], [])


# The statements send() prepared, by connection, by statement and types.
_prepared_on: weakref.WeakKeyDictionary[Any, dict[tuple[bytes, tuple[int, ...]], bytes]] = (
    weakref.WeakKeyDictionary()
)


_names = itertools.count()


class _Prepared:
    """A statement send() runs prepared: its name on the connection
    (prepared on first use, one round trip), and how to run it again."""

    def __init__(
        self, query: bytes, types: tuple[int, ...], values: Sequence[Any], formats: Any
    ) -> None:
        self.key = (query, types)
        self.values = values
        self.formats = formats

    def name(self, conn: Any) -> bytes:
        names = _prepared_on.setdefault(conn, {})
        name = names.get(self.key)
        if name is None:
            name = f"_lsd_send_{next(_names)}".encode()
            _check(conn, conn.pgconn.prepare(name, self.key[0], param_types=self.key[1]))
            names[self.key] = name
        return name

    def run(self, conn: Any, gone: Exception) -> int:
        """Prepare the statement again and run it, waiting for its end."""
        names = _prepared_on.get(conn)
        if names is None or names.pop(self.key, None) is None:
            raise gone
        # The rest went with it.
        names.clear()
        result = conn.pgconn.exec_prepared(self.name(conn), self.values, param_formats=self.formats)
        _check(conn, result)
        return int(result.command_tuples or 0)


def _check(conn: Any, result: Any) -> None:
    import psycopg

    if result.status not in (psycopg.pq.ExecStatus.COMMAND_OK, psycopg.pq.ExecStatus.TUPLES_OK):
        raise psycopg.errors.error_from_result(result, encoding=conn.info.encoding)


def _inlined(conn: Any, sql: str, values: Any) -> str:
    """The statement with its values quoted in, as psycopg quotes them."""
    import psycopg

    with psycopg.ClientCursor(conn) as binder:
        return binder.mogrify(sql, values)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%%")
_numbered_sql: dict[str, tuple[str, tuple[str, ...]]] = {}


def _numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """`sql` with its placeholders numbered as the server's ($1, $2, ...)
    and the parameter names in that order (a name used twice is one
    parameter; positional %s are numbered in turn and have no name),
    worked out once per statement."""
    found = _numbered_sql.get(sql)
    if found is not None:
        return found
    names: list[str] = []
    positional = 0

    def number(match: re.Match[str]) -> str:
        nonlocal positional
        token = match.group(0)
        if token == "%%":
            return "%"
        if token == "%s":
            positional += 1
            return f"${positional}"
        name = match.group(1)
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    query = _PLACEHOLDER.sub(number, sql)
    if names and positional:
        raise ValueError("a statement has named or positional placeholders, not both")
    found = (query, tuple(names))
    _numbered_sql[sql] = found
    return found


def _collect(conn: Any) -> int:
    """The rows touched by the statement sent on `conn`, once it ends."""
    import psycopg

    pgconn = conn.pgconn
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        select.select([pgconn.socket], [], [])
    error = None
    rowcount = 0
    while (result := pgconn.get_result()) is not None:
        if result.status == psycopg.pq.ExecStatus.COMMAND_OK:
            rowcount = int(result.command_tuples or 0)
        elif error is None:
            error = psycopg.errors.error_from_result(result, encoding=conn.info.encoding)
    if error is not None:
        raise error
    return rowcount


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
