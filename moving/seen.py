"""The in-file duplicate check of an import run, kept in the database.

A barcode or record number that appears twice in one file is refused the
second time, with the line or record it was first on. The keys read so far
live in `ImportSeen` (run, kind, 64-bit digest -> first number), not in the
importing process, so its memory stays flat whatever the file's size.

Each batch asks once per kind: on PostgreSQL a plain INSERT, in a
savepoint, records the batch's keys; a batch that repeats a key of an
earlier one fails it and records them with ON CONFLICT instead, which
returns the keys recorded, and a third statement reads the numbers of
those it could not record. The rows are
written in the batch's transaction, so they share its fate: a dry run's go
with its rollback, a killed run keeps its committed batches' keys and its
resume still refuses a repeat of a row from before the kill, and
`forget` deletes a finished run's.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence

from django.db import IntegrityError, connection, transaction

from moving import copying
from moving.models import ImportSeen

CARD = ImportSeen.Kind.CARD
RECORD = ImportSeen.Kind.RECORD
COPY = ImportSeen.Kind.COPY

_TABLE = ImportSeen._meta.db_table
# SQLite's limit of bound parameters per statement is 32,766 (999 before
# 3.32); a few hundred at a time stays under either.
_SQLITE_CHUNK = 300


def digest(value: str) -> int:
    """The value's 64-bit BLAKE2b digest as a signed bigint."""
    return int.from_bytes(
        hashlib.blake2b(value.encode(), digest_size=8).digest(), "big", signed=True
    )


class InFile:
    """The keys one run has read. `bind` it to the run before the first
    batch (the runner does, through the importer's `begin`)."""

    def __init__(self) -> None:
        self.run_id: int | None = None

    def bind(self, run_id: int) -> None:
        self.run_id = run_id

    def earlier(
        self,
        kind: int,
        keys: Sequence[tuple[str, int]],
        computed: Sequence[int | None] | None = None,
    ) -> list[int | None]:
        """For each (value, number) of a batch, in order: None for the first
        of its value in the run (recorded now, with its number), else the
        number the value was first seen on. `computed`, where given, are the
        values' own (`digest`), computed where the rows were read; a None
        among them is computed here. Call inside the batch's transaction."""
        if self.run_id is None:
            raise RuntimeError("InFile.earlier before bind: the run is not known")
        # Each digest's first place in the batch: two copies of one record
        # share its number, and the second is still a repeat.
        first: dict[int, int] = {}
        digests: list[int] = []
        given = computed if computed is not None else itertools.repeat(None)
        for place, ((value, _), known_key) in enumerate(zip(keys, given, strict=False)):
            key = digest(value) if known_key is None else known_key
            digests.append(key)
            first.setdefault(key, place)
        before = (
            _record(self.run_id, kind, {key: keys[place][1] for key, place in first.items()})
            if first
            else {}
        )
        result: list[int | None] = []
        for place, key in enumerate(digests):
            known = before.get(key)
            if known is not None:
                result.append(known)
            elif first[key] == place:
                result.append(None)
            else:
                result.append(keys[first[key]][1])
        return result


def _record(run_id: int, kind: int, first: dict[int, int]) -> dict[int, int]:
    """Record the batch's keys (digest -> first number in the batch) not
    recorded yet; return those recorded by earlier batches, with their
    numbers."""
    # In digest order: the primary key's pages are visited in order, not
    # at random.
    ordered = sorted(first.items())
    digests, numbers = [d for d, _ in ordered], [n for _, n in ordered]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            insert = (
                f"INSERT INTO {_TABLE} (run_id, kind, digest, number) "  # noqa: S608
                "SELECT %s, %s, d, n FROM unnest(%s::bigint[], %s::integer[]) AS t(d, n)"
            )
            params: list[int | str] = [
                run_id,
                kind,
                copying.integer_array(digests),
                copying.integer_array(numbers),
            ]
            # Most batches repeat no key of an earlier one: a plain INSERT
            # records them at half the cost of ON CONFLICT's speculative
            # insertion (12-19 ms against 27-31 ms for 5,000 keys beside
            # 186,000). A batch that repeats one fails it, in a savepoint
            # that takes it back, and goes the way below.
            try:
                with transaction.atomic():
                    cursor.execute(insert, params)
            except IntegrityError:
                pass
            else:
                return {}
            # The batch's keys are distinct, so a key not inserted is one an
            # earlier batch recorded; only then is its number read (a second
            # statement, for a batch with a repeat).
            cursor.execute(insert + " ON CONFLICT DO NOTHING RETURNING digest", params)
            added = {d for (d,) in cursor.fetchall()}
            repeats = [d for d in digests if d not in added]
            if not repeats:
                return {}
            cursor.execute(
                f"SELECT digest, number FROM {_TABLE} "  # noqa: S608
                "WHERE run_id = %s AND kind = %s AND digest = ANY(%s::bigint[])",
                [run_id, kind, copying.integer_array(repeats)],
            )
            return dict(cursor.fetchall())
        before: dict[int, int] = {}
        for start in range(0, len(digests), _SQLITE_CHUNK):
            chunk = digests[start : start + _SQLITE_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT digest, number FROM {_TABLE} "  # noqa: S608
                f"WHERE run_id = %s AND kind = %s AND digest IN ({marks})",
                [run_id, kind, *chunk],
            )
            before.update(cursor.fetchall())
        cursor.executemany(
            f"INSERT INTO {_TABLE} (run_id, kind, digest, number) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(run_id, kind, d, n) for d, n in first.items() if d not in before],
        )
        return before


def forget(run_id: int) -> None:
    """Delete a run's keys (when it has finished: nothing will resume it)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_TABLE} WHERE run_id = %s", [run_id])  # noqa: S608
