"""On PostgreSQL, outside a caller's transaction, an import's entries are
read in a child process (reading.Forked): they arrive in file order in
whole batches, an error the child meets is raised in the importing process
after the entries read before it, the child never reaches the database,
and no child outlives a run, whether it ended, failed, was stopped or the
importing process was killed."""

from __future__ import annotations

import io
import os
import pickle
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from django.db import connection

from moving import reading
from moving.models import ImportBatch, ImportRun
from moving.readers import Entry
from moving.reading import ReaderFailed
from moving.runner import Outcome, import_file
from patrons.barcodes import make_card_barcode
from patrons.models import Patron
from tests import factories
from tests.moving.stopping import start_import, stop_when

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def children(pid: int | None = None) -> set[int]:
    """The live (not zombie) child processes of `pid` (this process)."""
    pid = pid or os.getpid()
    found: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.update(int(n) for n in handle.read().split())
        except FileNotFoundError:
            continue
    return {child for child in found if alive(child)}


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


class Counting:
    """Numbered entries, each carrying the process that read it; fails
    reading at `fail_at` with `error` if asked."""

    kind = "patrons"
    unit = "line"

    def __init__(self, count: int, fail_at: int = 0, error: BaseException | None = None) -> None:
        self.count = count
        self.fail_at = fail_at
        self.error = error or OSError("the disk went away")
        self.batches: list[list[tuple[int, int]]] = []

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        for number in range(1, self.count + 1):
            if number == self.fail_at:
                raise self.error
            if number % 97 == 0:
                yield Entry(number, error="unreadable")
            else:
                yield Entry(number, data=(number, os.getpid()))

    def apply(self, entries: list[Entry]) -> Outcome:
        self.batches.append([entry.data for entry in entries])
        return Outcome(created=len(entries))


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "file.csv"
    path.write_text("anything\n")
    return path


@pytest.mark.parametrize("commit", [True, False])
def test_entries_are_read_in_a_child_and_arrive_in_order_in_whole_batches(path, commit):
    before = children()
    importer = Counting(3456)
    run = import_file(
        importer=importer, path=str(path), commit=commit, out=io.StringIO(), batch_size=100
    )
    readable = [n for n in range(1, 3457) if n % 97]
    assert [n for batch in importer.batches for n, _ in batch] == readable
    assert len(importer.batches) == 35
    # The first entry is read before the child starts (a wrong header is
    # refused there); every other in the child.
    readers = {pid for batch in importer.batches for _, pid in batch[1:]}
    assert len(readers) == 1 and os.getpid() not in readers
    assert (run.rows_read, run.created, run.rejected) == (3456, len(readable), 35)
    assert children() == before


def test_an_error_in_the_child_is_raised_after_the_entries_before_it(path):
    before = children()
    importer = Counting(5000, fail_at=1000)
    with pytest.raises(OSError, match="the disk went away"):
        import_file(
            importer=importer, path=str(path), commit=True, out=io.StringIO(), batch_size=100
        )
    assert ImportBatch.objects.count() == 9
    assert ImportRun.objects.get().checkpoint == 900
    assert children() == before


class Unpicklable(Exception):
    def __reduce__(self):  # type: ignore[no-untyped-def]
        raise pickle.PicklingError("not this one")


def test_an_error_that_cannot_be_sent_back_is_told_by_name(path):
    importer = Counting(500, fail_at=300, error=Unpicklable("a strange failure"))
    with pytest.raises(ReaderFailed, match="Unpicklable: a strange failure"):
        import_file(
            importer=importer, path=str(path), commit=True, out=io.StringIO(), batch_size=100
        )
    assert ImportRun.objects.get().checkpoint == 200


class Querying(Counting):
    """Reads entries with a query: not allowed where entries are read."""

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        yield Entry(1, data=(1, os.getpid()))
        yield Entry(2, data=(Patron.objects.count(), os.getpid()))


def test_the_child_has_no_database(path):
    with pytest.raises(RuntimeError, match="process that has no database"):
        import_file(importer=Querying(2), path=str(path), commit=True, out=io.StringIO())
    # The importing process's own connection is untouched.
    assert Patron.objects.count() == 0


def test_a_reading_process_asked_for_directly_refuses_the_database(path):
    """The reading process itself, not through the runner's choice of
    reader, forked while the test's connection was in use: the child
    refuses the query, and the parent's connection works after it."""
    assert Patron.objects.count() == 0  # the connection is in use
    with open(path, "rb") as handle:
        entries = Querying(2).entries(handle)
        next(entries)  # the first entry, read here as the runner reads it
        reader = reading.Forked(entries, handle)
        try:
            with pytest.raises(RuntimeError, match="process that has no database"):
                list(reader)
        finally:
            reader.close()
    assert Patron.objects.count() == 0


class Killed(Counting):
    """The child dies without a word at entry 250."""

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        for entry in super().entries(handle):
            if entry.number == 250:
                os.kill(os.getpid(), signal.SIGKILL)
            yield entry


def test_a_child_that_dies_fails_the_run_and_is_reaped(path):
    before = children()
    with pytest.raises(ReaderFailed, match="signal 9"):
        import_file(
            importer=Killed(1000), path=str(path), commit=True, out=io.StringIO(), batch_size=100
        )
    assert children() == before


def test_a_run_stopped_between_batches_leaves_no_child(path):
    before = children()
    readers: set[int] = set()

    def stop(run: ImportRun) -> None:
        readers.update(children() - before)
        if run.checkpoint >= 300:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(
            importer=Counting(100_000),
            path=str(path),
            commit=True,
            out=io.StringIO(),
            batch_size=100,
            after_batch=stop,
        )
    assert readers, "a child was reading"
    assert children() == before
    run = ImportRun.objects.get()
    assert (run.status, run.checkpoint) == (ImportRun.Status.INTERRUPTED, 300)


def test_the_reader_goes_with_an_import_killed_half_way(tmp_path: Path):
    factories.BranchFactory(code="main")
    path = tmp_path / "patrons.csv"
    lines = ["cardnumber,surname,branchcode,categorycode"]
    lines += [f"{make_card_barcode(n)},Last{n},main,PT" for n in range(1, 20_001)]
    path.write_text("\n".join(lines) + "\n")
    proc = start_import("import_patrons", str(path), "--commit", "--batch-size=50")
    readers: set[int] = set()

    def reading() -> bool:
        readers.update(children(proc.pid))
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM patrons_patron")
            return cursor.fetchone()[0] >= 200 and bool(readers)

    stop_when(proc, signal.SIGKILL, reading)
    assert readers
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in readers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in readers), "the reader outlived the import"


def table(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return sorted(cursor.fetchall(), key=repr)


def catalogue_rows() -> list[tuple]:
    # Every column but the ids and the moment of the import; the copy's
    # title by its record number.
    return table(
        "SELECT t.title, t.author, t.isbn, t.issn, t.publisher, t.year, t.format, t.language, "
        "t.source_system, t.source_record_number, t.marc_syntax, t.marc_record, i.barcode, "
        "i.title, i.author, i.call_number, i.format, i.home_branch_id, i.shelving_location, "
        "i.status, i.replacement_cost FROM catalogue_title t "
        "LEFT JOIN circulation_item i ON i.title_record_id = t.id"
    )


def patron_rows() -> list[tuple]:
    return table(
        "SELECT p.first_name, p.last_name, p.date_of_birth, p.category, p.email, p.phone, "
        "p.address_line, p.city, p.postal_code, p.home_branch_id, p.keeps_loan_history, "
        "p.keeps_loan_history_since IS NOT NULL, p.shares_with_guardian, p.notes, "
        "p.created_at IS NOT NULL, p.deidentified_at, c.barcode, c.status, c.issued_on, "
        "c.expires_on, c.replaced_by_id, c.status_changed_at IS NOT NULL "
        "FROM patrons_patron p JOIN patrons_card c ON c.patron_id = p.id"
    )


def test_rows_encoded_where_read_equal_rows_written_from_their_values(tmp_path: Path):
    """New rows are encoded for COPY in the reading process (copying.Encoder);
    they are the rows the values themselves give (copying.Rows), column for
    column, for titles and copies from real files and for patrons with
    every optional column set or empty."""
    import pymarc

    from catalogue.models import MarcSyntax, Title
    from circulation.models import Item
    from moving.marc_import import MarcImporter
    from moving.patrons_csv import PatronImporter
    from patrons.barcodes import make_item_barcode
    from patrons.models import Card

    main = factories.BranchFactory(code="MAIN")
    factories.BranchFactory(code="CPL")
    marc_file = tmp_path / "titles.mrc"
    real = Path(__file__).resolve().parents[1] / "data" / "marc"
    data = (real / "koha" / "sample_usmarc.mrc").read_bytes()
    data += (real / "evergreen" / "lul_fre_100.mrc").read_bytes()
    for n, (status, price) in enumerate([("", "18.00"), ("1", ""), ("4", "3,5"), ("", "x")]):
        record = pymarc.Record(force_utf8=True)
        record.add_field(
            pymarc.Field(tag="245", subfields=[pymarc.Subfield("a", f"Title {n} /")]),
            pymarc.Field(tag="999", subfields=[pymarc.Subfield("c", f"k{n}")]),
            pymarc.Field(
                tag="952",
                subfields=[
                    pymarc.Subfield("a", "main"),
                    pymarc.Subfield("p", make_item_barcode(50 + n)),
                    pymarc.Subfield("o", "FIC X"),
                    pymarc.Subfield("c", "STACKS"),
                    pymarc.Subfield("v", price),
                    pymarc.Subfield("1", status),
                ],
            ),
        )
        data += record.as_marc()
    marc_file.write_bytes(data)

    lines = [
        "cardnumber,surname,firstname,dateofbirth,branchcode,categorycode,email,phone,"
        "streetnumber,address,city,zipcode,dateenrolled,dateexpiry,borrowernotes,privacy,lost"
    ]
    lines += [
        f"{make_card_barcode(1)},Ng,Ada,1980-02-29,main,PT,a@example.org,555,12,Elm St,Town,"
        "12345,2024-02-29,,a note,0,",
        f"{make_card_barcode(2)},Ode,,,MAIN,J,,,,,,,,2031-01-01,,1,1",
        f"{make_card_barcode(3)},Émile,Zoë,0000-00-00,main,ST,,,,,,,,,,,",
    ]
    csv_file = tmp_path / "patrons.csv"
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def imported(encoded: bool) -> tuple[list[tuple], list[tuple]]:
        Item.objects.all().delete()
        Title.objects.all().delete()
        Card.objects.all().delete()
        Patron.objects.all().delete()
        marc = MarcImporter(syntax=MarcSyntax.ISO2709, source="koha")
        patrons = PatronImporter()
        if not encoded:
            marc.title_rows = marc.item_rows = None
            patrons.patron_rows = patrons.card_rows = None
        for importer, path in ((marc, marc_file), (patrons, csv_file)):
            import_file(
                importer=importer, path=str(path), commit=True, out=io.StringIO(), batch_size=7
            )
        return catalogue_rows(), patron_rows()

    titles, cards = imported(encoded=True)
    assert len(titles) > 100 and len(cards) == 3
    assert {row[12] for row in titles} >= {make_item_barcode(50 + n) for n in range(4)}
    assert main.pk in {row[17] for row in titles}
    assert (titles, cards) == imported(encoded=False)
