"""Where no process can read ahead (inside a caller's transaction, as in
these tests, or on SQLite; test_reading_process has the process), the
import loop reads entries in a thread of its own, ahead of the batch being
written: entries still arrive in file order, whole batches commit,
an error met while reading is raised where the import runs after the
entries read before it are written, and no reading thread outlives a run."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from typing import IO

import pytest

from moving.models import ImportBatch, ImportRun
from moving.patrons_csv import PatronImporter
from moving.readers import Entry
from moving.runner import Outcome, import_file

pytestmark = pytest.mark.django_db


class Counting:
    """An importer of numbered entries that remembers the batches it was
    given; it fails reading at entry `fail_at` if asked."""

    kind = "patrons"
    unit = "line"

    def __init__(self, count: int, fail_at: int = 0) -> None:
        self.count = count
        self.fail_at = fail_at
        self.batches: list[list[int]] = []

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        for number in range(1, self.count + 1):
            if number == self.fail_at:
                raise OSError("the disk went away")
            if number % 97 == 0:
                yield Entry(number, error="unreadable")
            else:
                yield Entry(number, data=number)

    def apply(self, entries: list[Entry]) -> Outcome:
        self.batches.append([entry.data for entry in entries])
        return Outcome(created=len(entries))


def readers_alive() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "import-reader"]


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "file.csv"
    path.write_text("anything\n")
    return path


@pytest.mark.parametrize("commit", [True, False])
def test_entries_arrive_in_order_in_whole_batches_and_the_reader_ends(path, commit):
    importer = Counting(1234)
    run = import_file(
        importer=importer, path=str(path), commit=commit, out=io.StringIO(), batch_size=100
    )
    readable = [n for n in range(1, 1235) if n % 97]
    assert [n for batch in importer.batches for n in batch] == readable
    # Batches of 100 entries (unreadable ones reported, not handed over).
    assert len(importer.batches) == 13
    assert importer.batches[0] == [n for n in range(1, 101) if n % 97]
    assert (run.rows_read, run.created, run.rejected) == (1234, len(readable), 12)
    assert not readers_alive()


def test_an_error_met_reading_ahead_is_raised_after_the_entries_before_it(path):
    importer = Counting(5000, fail_at=1000)
    with pytest.raises(OSError, match="the disk went away"):
        import_file(
            importer=importer, path=str(path), commit=True, out=io.StringIO(), batch_size=100
        )
    # Entries 1-999 were read: nine whole batches written, the tenth never
    # was (it would have needed entry 1000).
    assert ImportBatch.objects.count() == 9
    assert ImportRun.objects.get().checkpoint == 900
    assert len(importer.batches) == 9 and importer.batches[-1][-1] == 900
    assert not readers_alive()


class Inline(Counting):
    """A Counting importer that asks to be read in the importing thread,
    and notes the threads its entries were read in."""

    prefetch = False

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.threads: set[str] = set()

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        for entry in super().entries(handle):
            self.threads.add(threading.current_thread().name)
            yield entry


def test_an_importer_may_be_read_in_the_importing_thread(path):
    importer = Inline(250)
    run = import_file(
        importer=importer, path=str(path), commit=True, out=io.StringIO(), batch_size=100
    )
    assert importer.threads == {threading.current_thread().name}
    assert [n for batch in importer.batches for n in batch] == [n for n in range(1, 251) if n % 97]
    assert run.rows_read == 250 and len(importer.batches) == 3


def test_the_patron_import_reads_in_the_importing_thread_where_no_process_can():
    # Inside a caller's transaction (these tests') or on SQLite no child
    # process reads (test_reading_process), and a thread does not pay for
    # patron lines.
    assert getattr(PatronImporter, "prefetch", True) is True
    assert PatronImporter.prefetch_thread is False
