"""The import loop shared by every import command.

`import_file` reads entries from an importer, groups them in batches and
hands each batch to the importer inside one transaction together with its
checkpoint row (`ImportBatch`) and the run's counts. So a run stopped at
any moment (Ctrl-C, SIGKILL, a lost connection) has written whole batches
only, and the same command resumes after the last committed one.

A dry run does the same work inside one transaction that is rolled back at
the end: its counts are exactly what `--commit` would do (duplicates within
the file included), and nothing but the run's own counts row is kept.

Importers decide by natural keys (a card's barcode, a title's record
number, a copy's barcode), so a second run of the same file creates and
updates nothing.
"""

from __future__ import annotations

import getpass
import hashlib
import itertools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Protocol, TextIO

from django.db import connection, connections, transaction
from django.db.models import F

from moving import copying, move_in, reading, seen
from moving.models import ImportBatch, ImportRun
from moving.readers import CHUNK, Entry, UnreadableFile, open_source
from organisation import clock

DEFAULT_BATCH = 1000


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    # Rows written that break a rule, said but not refused.
    notes: list[tuple[int, str]] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected.extend(other.rejected)
        self.notes.extend(other.notes)


class Importer(Protocol):
    kind: str
    # What a record is called in the report: "line" for CSV, "record" for MARC.
    unit: str

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        """The file's entries in order. Runs ahead of the batch being
        written, in a reading process of its own (`reading.Forked`, PostgreSQL) or
        thread (`reading.Prefetch`): it may read the file and compute (what it
        needs of the database is read when the importer is made), never
        touch the database. Its entries are pickled: data that pickles
        compactly (`readers.Compact`)."""
        ...

    def apply(self, entries: list[Entry]) -> Outcome:
        """Write one batch (called inside its transaction); entries carry
        data only, read errors were already counted."""
        ...

    # An importer may also have `begin(run)`, called once the run is known
    # (new or resumed) and before its first batch: the in-file duplicate
    # check (`moving.seen`) is kept by run. `tables` are those a move-in
    # loads, from `move_in_rows` rows in the file (default
    # move_in.MIN_ROWS); `analyzed` (default: `tables`) the tables, or
    # (table, columns) pairs, whose statistics are refreshed as they fill.
    # `prefetch = False` reads in the importing thread, never ahead;
    # `prefetch_thread = False` does so only where no process can read
    # (`_reader`).


class _Rollback(Exception):
    pass


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = max(total, 1)
        self.enabled = stream.isatty()

    def show(self, done: int, records: int) -> None:
        if not self.enabled:
            return
        share = min(done / self.total, 1.0)
        bar = "#" * int(share * 30)
        self.stream.write(f"\r[{bar:<30}] {share:6.1%}  {records:,} read")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def file_digest(path: str) -> tuple[str, int]:
    """SHA-256 and size, read in chunks; UnreadableFile if reading fails."""
    digest = hashlib.sha256()
    size = 0
    with open_source(path) as handle:
        try:
            while block := handle.read(CHUNK * 16):
                digest.update(block)
                size += len(block)
        except OSError as exc:
            raise UnreadableFile(f"{path}: cannot be read ({exc.strerror})") from None
    return digest.hexdigest(), size


def _resumable(kind: str, sha256: str) -> ImportRun | None:
    return (
        ImportRun.objects.filter(
            kind=kind,
            file_sha256=sha256,
            status__in=[ImportRun.Status.RUNNING, ImportRun.Status.INTERRUPTED],
        )
        .order_by("-pk")
        .first()
    )


def import_file(
    *,
    importer: Importer,
    path: str,
    commit: bool,
    out: Any,
    err: Any = None,
    batch_size: int = DEFAULT_BATCH,
    after_batch: Callable[[ImportRun], None] | None = None,
    defer_indexes: str = "auto",
) -> ImportRun:
    """Import `path` with `importer`; print each rejected record and a
    summary to `out`, a progress bar to `err` when it is a terminal.

    Raises UnreadableFile, before anything is written, for a file that
    cannot be read or whose layout is wrong. On Ctrl-C a committed run stops
    between batches (`_HeldInterrupt`): what was written is whole batches,
    the run is marked stopped, and KeyboardInterrupt goes on up.

    `defer_indexes` (a committed run on PostgreSQL): "auto" sets the
    tables' secondary indexes and foreign keys aside for a move-in (a
    large file into tables far smaller than it, `move_in.worth_it`) and
    builds them once at the end; "always" does so whatever the sizes;
    "never" writes into the indexed tables."""
    sha256, size = file_digest(path)
    handle = open_source(path)
    run: ImportRun | None = None
    prefetch: reading.Prefetch | reading.Forked | None = None
    progress = Progress(err or sys.stderr, size)
    try:
        entries = importer.entries(handle)
        # The first entry is read before anything is written: a file whose
        # header is wrong is refused here.
        first = list(itertools.islice(entries, 1))
        prefetch = _reader(importer, entries, handle)
        stream = itertools.chain(first, entries if prefetch is None else prefetch)
        where = (
            (lambda: prefetch.position)
            if isinstance(prefetch, reading.Forked)
            else (lambda: reading.position(handle))
        )
        if commit:
            run = _resumable(importer.kind, sha256)
            if run is not None:
                ImportRun.objects.filter(pk=run.pk).update(
                    resumed=F("resumed") + 1, status=ImportRun.Status.RUNNING
                )
                run.refresh_from_db()
                out.write(f"Resuming import run {run.pk} after {importer.unit} {run.checkpoint}.\n")
            else:
                run = ImportRun.objects.create(
                    kind=importer.kind,
                    file_name=os.path.basename(path)[:255],
                    file_sha256=sha256,
                    file_size=size,
                    operator=_operator(),
                )
            _prepare_move_in(importer, run, size, defer_indexes, out)
            _begin(importer, run)
            with _HeldInterrupt() as held:
                stop_if_asked = held.check
                _loop(
                    importer,
                    run,
                    stream,
                    where,
                    progress,
                    out,
                    batch_size,
                    after_batch,
                    stop_if_asked,
                )
            _build_indexes(run, out)
            with transaction.atomic():
                ImportRun.objects.filter(pk=run.pk).update(
                    status=ImportRun.Status.FINISHED, finished_at=clock.now()
                )
                # Nothing resumes a finished run: its duplicate check goes.
                seen.forget(run.pk)
        else:
            run = ImportRun(
                kind=importer.kind,
                file_name=os.path.basename(path)[:255],
                file_sha256=sha256,
                file_size=size,
                operator=_operator(),
                status=ImportRun.Status.DRY_RUN,
            )
            try:
                with transaction.atomic():
                    run.save()
                    _begin(importer, run)
                    _loop(importer, run, stream, where, progress, out, batch_size, None, None)
                    run.refresh_from_db()
                    raise _Rollback
            except _Rollback:
                pass
            run.pk = None
            run.checkpoint = 0
            run.finished_at = clock.now()
            run.save()
    except KeyboardInterrupt:
        progress.close()
        if commit and run is not None:
            ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
                status=ImportRun.Status.INTERRUPTED
            )
            run.refresh_from_db()
            out.write(
                f"Stopped after {importer.unit} {run.checkpoint}: nothing of the batch in "
                "progress was written. Run the same command again to resume.\n"
            )
            # The desk should not wait for a resumption to search titles.
            _build_indexes(run, out)
        raise
    except Exception:
        # Any other failure (a lost connection, a bug): the indexes set
        # aside are built now if the database lets us, so that the desk
        # does not wait for the next import; the error goes on up.
        if commit and run is not None and run.pk is not None:
            _build_after_failure(run, out)
        raise
    finally:
        if prefetch is not None:
            prefetch.close()
        handle.close()
    progress.close()
    assert run is not None
    run.refresh_from_db()
    _summary(run, commit, out)
    return run


def _prepare_move_in(importer: Importer, run: ImportRun, size: int, mode: str, out: TextIO) -> None:
    """Build what earlier runs left set aside (a run killed half-way),
    except this run's own when it resumes; then, for a move-in, set this
    run's tables' indexes aside."""
    if not move_in.available():
        return
    if move_in.build(keep=run):
        out.write("Built the indexes an earlier import had set aside.\n")
    tables = getattr(importer, "tables", ())
    if mode == "never" or not tables or move_in.pending(run):
        return
    if connection.in_atomic_block:
        # Inside a caller's transaction (a test, a shell) the indexes would
        # be dropped and built in savepoints of it, not in transactions of
        # their own, and PostgreSQL refuses to alter a table with foreign
        # key checks pending in it: the rows go into the indexed tables.
        return
    rows = size // max(getattr(importer, "row_bytes", 1), 1)
    minimum = getattr(importer, "move_in_rows", None)
    if mode == "always" or move_in.worth_it(tables, rows, minimum):
        names = move_in.set_aside(run, tables)
        if names:
            out.write(
                f"Moving in: {len(names)} indexes and foreign keys set aside, "
                "to be built once at the end.\n"
            )


def _build_indexes(run: ImportRun, out: TextIO) -> None:
    if move_in.pending(run):
        out.write("Building the indexes set aside for the move-in...\n")
        out.flush()
        move_in.build(run)


def _build_after_failure(run: ImportRun, out: TextIO) -> None:
    try:
        if connection.in_atomic_block:
            return  # inside a caller's transaction: nothing to build from here
        connection.close_if_unusable_or_obsolete()
        _build_indexes(run, out)
    except Exception:  # noqa: BLE001 (the import's own error is the one raised)
        out.write(
            "The indexes set aside for the move-in could not be built now: "
            "`manage.py build_import_indexes` builds them (so does the next import).\n"
        )


def _begin(importer: Importer, run: ImportRun) -> None:
    begin = getattr(importer, "begin", None)
    if begin is not None:
        begin(run)


def _operator() -> str:
    try:
        return getpass.getuser()[:150]
    except (KeyError, OSError):
        return ""


def _loop(
    importer: Importer,
    run: ImportRun,
    stream: Iterator[Entry],
    where: Callable[[], int],
    progress: Progress,
    out: TextIO,
    batch_size: int,
    after_batch: Callable[[ImportRun], None] | None,
    stop_if_asked: Callable[[], None] | None,
) -> None:
    checkpoint = run.checkpoint
    batch: list[Entry] = []
    batches = 0
    # The statistics the importer's look-ups rely on: by default every
    # column of the tables it fills.
    analyzed = getattr(importer, "analyzed", getattr(importer, "tables", ()))
    for entry in stream:
        if stop_if_asked is not None:
            stop_if_asked()  # the batch being gathered is not written
        if entry.number <= checkpoint:
            continue
        batch.append(entry)
        if len(batch) >= batch_size:
            _flush(importer, run, batch, out)
            batch = []
            batches += 1
            if analyzed and batches & (batches - 1) == 0:
                # After batches 1, 2, 4, 8, ...: the planner's statistics
                # follow tables that grow from empty (copying.analyze).
                copying.analyze(analyzed)
            progress.show(where(), run.rows_read)
            if after_batch is not None:
                after_batch(run)
    if batch:
        _flush(importer, run, batch, out)
        progress.show(where(), run.rows_read)
        if after_batch is not None:
            after_batch(run)


def _reader(
    importer: Importer, entries: Iterator[Entry], handle: IO[bytes]
) -> reading.Prefetch | reading.Forked | None:
    """What reads the entries ahead of the batch being written: a process
    of its own where one can be forked with no database connection open
    (PostgreSQL, outside a caller's transaction), else a thread, or
    nothing (the importing thread reads) for an importer that says
    `prefetch = False`, or `prefetch_thread = False` when no process
    can read."""
    if not getattr(importer, "prefetch", True):
        return None
    if (
        hasattr(os, "fork")
        and connection.vendor == "postgresql"
        and not any(connections[alias].in_atomic_block for alias in connections)
    ):
        return reading.Forked(entries, handle)
    if getattr(importer, "prefetch_thread", True):
        return reading.Prefetch(entries)
    return None


class _HeldInterrupt:
    """Ctrl-C during a committed run stops it between batches, never inside
    one: a SIGINT landing in the middle of a COPY, a commit or a rollback
    would leave the command failing on its own cleanup (exit 1, the run not
    marked stopped) instead of stopping. The first Ctrl-C is held until the
    batch being written has committed (`check` then raises
    KeyboardInterrupt); a second one stops at once. Only the main thread may
    set a signal handler; elsewhere Ctrl-C is left as it is."""

    def __init__(self) -> None:
        self.asked = False
        self._installed = False
        self._previous: Any = None

    def __enter__(self) -> _HeldInterrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum: int, frame: object) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True

    def check(self) -> None:
        if self.asked:
            raise KeyboardInterrupt


def _flush(importer: Importer, run: ImportRun, batch: list[Entry], out: TextIO) -> None:
    readable = [entry for entry in batch if not entry.error]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The batch and its checkpoint row commit together or not at
            # all, so a commit lost in a server crash is a batch the next
            # run does again: no need to wait for the disk at each one.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        outcome = importer.apply(readable) if readable else Outcome()
        outcome.rejected.extend((entry.number, entry.error) for entry in batch if entry.error)
        outcome.rejected.sort()
        first, last = batch[0].number, batch[-1].number
        ImportBatch.objects.create(
            run=run,
            first_record=first,
            last_record=last,
            created=outcome.created,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            rejected=len(outcome.rejected),
            committed_at=clock.now(),
        )
        ImportRun.objects.filter(pk=run.pk).update(
            rows_read=F("rows_read") + len(batch),
            created=F("created") + outcome.created,
            updated=F("updated") + outcome.updated,
            unchanged=F("unchanged") + outcome.unchanged,
            rejected=F("rejected") + len(outcome.rejected),
            checkpoint=last,
        )
    run.rows_read += len(batch)
    run.checkpoint = last
    for number, reason in outcome.rejected:
        out.write(f"{importer.unit} {number}: rejected: {reason}\n")
    for number, note in sorted(outcome.notes):
        out.write(f"{importer.unit} {number}: note: {note}\n")


def _summary(run: ImportRun, commit: bool, out: TextIO) -> None:
    verb = "" if commit else "would be "
    out.write(
        f"{'Import' if commit else 'Dry run'} of {run.file_name} ({run.get_kind_display()}): "
        f"{run.rows_read} read, {run.created} {verb}created, {run.updated} {verb}updated, "
        f"{run.unchanged} unchanged, {run.rejected} rejected.\n"
    )
    if not commit:
        out.write("Nothing was written. Run again with --commit to import.\n")
