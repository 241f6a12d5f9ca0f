"""Writing an import's rows fast.

On PostgreSQL new rows go in with binary COPY as tuples of Python values
(dates, booleans, decimals, bytes: psycopg writes each as its column's
type, no text to escape here or to parse in the server),
their ids drawn from the table's sequence first so that rows referring to
them can follow in the same batch, and existing rows are found with one
`= ANY(array)` statement per batch. No model instance is made for a new
row: `Rows` fills every column a row does not name from the model's own
defaults, taken once. Elsewhere (SQLite, for `make run`) the same rows go
through `bulk_create`.
"""

from __future__ import annotations

import struct
import weakref
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, models
from psycopg import adapt, adapters, pq
from psycopg._copy_base import format_row_binary
from psycopg.abc import Transformer


def postgres() -> bool:
    return connection.vendor == "postgresql"


class Rows:
    """New rows of `model` as lists of every concrete column's value, in
    the model's column order. `fixed` values (a batch's moment, say) and
    the model's defaults are computed once, by making one instance."""

    def __init__(self, model: type[models.Model], **fixed: Any) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        template = model(**fixed)
        self.names = [f.attname for f in self.fields]
        self.defaults = [getattr(template, name) for name in self.names]
        self.position = {name: i for i, name in enumerate(self.names)}
        self.rows: list[list[Any]] = []

    def add(self, values: dict[str, Any]) -> list[Any]:
        row = self.defaults.copy()
        position = self.position
        for name, value in values.items():
            row[position[name]] = value
        self.rows.append(row)
        return row

    def __len__(self) -> int:
        return len(self.rows)

    def write(self) -> None:
        """Insert the rows; their `id` must be set (`new_ids`), except on a
        database other than PostgreSQL, where it may be None."""
        if not self.rows:
            return
        if not postgres():
            objects = [self.model(**dict(zip(self.names, row, strict=True))) for row in self.rows]
            self.model._default_manager.bulk_create(objects)
            if self.rows[0][self.position["id"]] is None:
                for row, obj in zip(self.rows, objects, strict=True):
                    row[self.position["id"]] = obj.pk
            return
        copy_rows(self.model._meta.db_table, [str(f.column) for f in self.fields], self.rows)


# PostgreSQL's binary COPY: the file's signature, flags and header
# extension; its trailer.
_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_TRAILER = b"\xff\xff"
_FIELDS = struct.Struct("!h")


def _transformer(types: Sequence[str]) -> Transformer:
    transformer = adapt.Transformer()
    transformer.set_dumper_types([adapters.types.get_oid(t) for t in types], pq.Format.BINARY)
    return transformer


class Encoder:
    """New rows of `model` in PostgreSQL's binary COPY form, all but their
    `late` columns encoded where the entries are read (a process with no
    connection, reading.Forked): the importing process then only puts the
    late values in front (an id from the sequence, the batch's moment) and
    sends the bytes (`Encoded`), instead of building each row's values and
    having psycopg encode them (a third of its CPU for MARC records).

    Made where a connection is (the columns' types come from the catalog,
    `column_types`); the values are written as `copy_rows` writes them,
    each as its column's type. `fixed` values and the model's defaults fill
    every early column a row does not name (`Rows`)."""

    def __init__(self, model: type[models.Model], late: Sequence[str], **fixed: Any) -> None:
        template = Rows(model, **fixed)
        column_of = {f.attname: str(f.column) for f in template.fields}
        self.late = tuple(late)
        self.early = [name for name in template.names if name not in self.late]
        self.table = model._meta.db_table
        self.columns = [column_of[name] for name in (*self.late, *self.early)]
        types = column_types(self.table, self.columns)
        self.late_transformer = _transformer(types[: len(self.late)])
        self._early_transformer = _transformer(types[len(self.late) :])
        self._defaults = [template.defaults[template.position[name]] for name in self.early]
        self._position = {name: i for i, name in enumerate(self.early)}

    def encode(self, values: Mapping[str, Any]) -> bytes:
        """The early columns of one row (`values` by attribute name over the
        defaults), without the row's field count."""
        row = self._defaults.copy()
        position = self._position
        for name, value in values.items():
            row[position[name]] = value
        out = bytearray()
        format_row_binary(row, self._early_transformer, out)
        return bytes(out[_FIELDS.size :])


class Encoded:
    """A batch's new rows of an `Encoder`'s model, each its late values and
    its encoded early columns, written with one binary COPY."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self._count = _FIELDS.pack(len(encoder.columns))
        self._data = bytearray(_SIGNATURE)
        self.rows = 0

    def add(self, late: Sequence[Any], early: bytes) -> None:
        data = self._data
        start = len(data)
        format_row_binary(late, self.encoder.late_transformer, data)
        # The count written is the late values'; the row's is all of them.
        data[start : start + _FIELDS.size] = self._count
        data += early
        self.rows += 1

    def __len__(self) -> int:
        return self.rows

    def write(self) -> None:
        if not self.rows:
            return
        self._data += _TRAILER
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.encoder.columns)
        sql = f"COPY {self.encoder.table} ({quoted}) FROM STDIN (FORMAT BINARY)"
        with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            copy.write(self._data)


def new_ids(model: type[models.Model], count: int) -> list[int] | list[None]:
    """`count` ids from the table's sequence (PostgreSQL); Nones elsewhere,
    where bulk_create sets them."""
    if not count:
        return []
    if not postgres():
        return [None] * count
    with connection.cursor() as cursor:
        # The sequence is looked up once, not for each id: in the select
        # list pg_get_serial_sequence (a catalog search) ran once per row,
        # 2.4 ms of 2.7 for a thousand ids.
        cursor.execute(
            "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq) "
            "SELECT nextval(s.seq) FROM s, generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


# Each connection's column types by (table, columns), read once.
_column_types: weakref.WeakKeyDictionary[Any, dict[tuple[str, tuple[str, ...]], list[str]]] = (
    weakref.WeakKeyDictionary()
)


def column_types(table: str, columns: Sequence[str]) -> list[str]:
    """The PostgreSQL type of each of `table`'s `columns`, read from the
    catalog once per connection."""
    raw = connection.connection
    known = _column_types.setdefault(raw, {})
    key = (table, tuple(columns))
    if key not in known:
        with raw.cursor() as cursor:
            cursor.execute(
                "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                [table],
            )
            types = dict(cursor.fetchall())
        known[key] = [types[column] for column in columns]
    return known[key]


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """COPY `rows` (Python values, in `columns`' order) into `table`, in
    PostgreSQL's binary format: psycopg writes each value as the column's
    type (`column_types`), so the server parses no text (a timestamp read
    from text costs it more than the rest of a row) and nothing is
    escaped."""
    quoted = ", ".join(connection.ops.quote_name(str(c)) for c in columns)
    types = column_types(table, columns)
    raw = connection.connection
    sql = f"COPY {table} ({quoted}) FROM STDIN (FORMAT BINARY)"
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        copy.set_types(types)
        write = copy.write_row
        for row in rows:
            write(row)


def text_array(values: Sequence[str]) -> str:
    """PostgreSQL's text form of an array of `values`, passed as one
    string in the place of a list. psycopg writes a list element by element
    in Python, each tested against a pattern: 2.7 ms for 5,000 barcodes,
    against 0.1 ms for a join (elements are escaped only when one holds a
    quote or a backslash)."""
    if '"' in (raw := "".join(values)) or "\\" in raw:
        values = [v.replace("\\", "\\\\").replace('"', '\\"') for v in values]
    return '{"' + '","'.join(values) + '"}' if values else "{}"


def integer_array(values: Sequence[int]) -> str:
    """As `text_array`, for integers: 3.3 ms for 5,000 as a list, 0.5 ms
    joined."""
    return "{" + ",".join(map(str, values)) + "}"


def existing(
    table: str, column: str, values: list[str], *, nonblank: bool = False, **equal: str
) -> set[str]:
    """The `values` found in `table`.`column` (one statement on PostgreSQL),
    among rows whose `equal` columns have the values given. `nonblank`
    (for a unique index that leaves out blank values) says so in the
    statement: PostgreSQL proves a partial index's condition from an
    `= ANY(array)` of at most 100 values, so for a batch of a thousand it
    could not use the index and read the whole table instead, once per
    batch (130 million rows for 500,000 MARC records)."""
    if not values:
        return set()
    extra = "".join(f" AND {name} = %s" for name in equal)
    if nonblank:
        extra += f" AND {column} <> ''"
    with connection.cursor() as cursor:
        if postgres():
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE {column} = ANY(%s){extra}",  # noqa: S608
                [text_array(values), *equal.values()],
            )
            return {value for (value,) in cursor.fetchall()}
        found: set[str] = set()
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE {column} IN ({marks}){extra}",  # noqa: S608
                [*chunk, *equal.values()],
            )
            found.update(value for (value,) in cursor.fetchall())
        return found


def analyze(
    tables: Iterable[type[models.Model] | tuple[type[models.Model], Sequence[str]]],
) -> None:
    """Refresh the planner's statistics of the tables an import is filling
    (PostgreSQL), of every column or, for a (model, columns) pair, of
    those columns only. A table filled from empty has none until
    autovacuum gets to it, which on a busy server may be never during the
    run; without them PostgreSQL takes `source_system = %s` to match 0.5 %
    of the titles and plans the record-number lookup as a scan of every
    title of the source with `= ANY(array)` as a filter, instead of one
    probe of the unique index per number: 102 million index entries and
    their rows read for 410,000 records, the run slowing as the catalogue
    grew."""
    if not postgres():
        return
    with connection.cursor() as cursor:
        for table in tables:
            model, columns = table if isinstance(table, tuple) else (table, ())
            listed = f" ({', '.join(columns)})" if columns else ""
            cursor.execute(f"ANALYZE {model._meta.db_table}{listed}")
