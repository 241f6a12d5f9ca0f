"""The in-file duplicate check lives in the database (moving.seen), not in
the importing process: a barcode or record number read twice is refused the
second time with the line or record it was first on, across batches, in a
dry run, and across a resume after the run was killed; a finished run and a
dry run leave none of its rows behind."""

from __future__ import annotations

import io
import signal
from pathlib import Path

import pymarc
import pytest
from django.core.management import call_command
from django.db import connection

from moving import seen
from moving.marc_import import MarcImporter
from moving.models import ImportRun, ImportSeen
from moving.patrons_csv import PatronImporter
from moving.runner import import_file
from patrons.barcodes import make_card_barcode, make_item_barcode
from patrons.models import Card, Patron
from tests import factories
from tests.moving.stopping import start_import, stop_when

pytestmark = pytest.mark.django_db

HEADER = "cardnumber,surname,firstname,branchcode,categorycode"


def patrons_file(tmp_path: Path, numbers: list[int]) -> Path:
    """A patron CSV whose line n + 1 holds card number numbers[n - 1]."""
    lines = [HEADER] + [f"{make_card_barcode(n)},Last{n},First,main,PT" for n in numbers]
    path = tmp_path / "patrons.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def record(number: int, *barcodes: str) -> bytes:
    fields = [
        pymarc.Field(tag="245", subfields=[pymarc.Subfield("a", f"Title {number}")]),
        pymarc.Field(tag="999", subfields=[pymarc.Subfield("c", str(number))]),
    ]
    fields += [
        pymarc.Field(
            tag="952", subfields=[pymarc.Subfield("a", "main"), pymarc.Subfield("p", barcode)]
        )
        for barcode in barcodes
    ]
    marc = pymarc.Record(force_utf8=True)
    marc.add_field(*fields)
    return marc.as_marc()


def item(n: int) -> str:
    return make_item_barcode(n)


@pytest.fixture
def main(db):
    return factories.BranchFactory(code="main")


def import_patrons(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_patrons", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def import_marc(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_marc", str(path), "--source=koha", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.parametrize("commit", [True, False], ids=["commit", "dry-run"])
def test_a_barcode_repeated_in_a_later_batch_is_refused_naming_its_first_line(
    tmp_path, main, commit
):
    # Lines 2-11; line 9 repeats line 3 and line 11 repeats line 3 too, in
    # batches of three lines: (2-4), (5-7), (8-10), (11).
    path = patrons_file(tmp_path, [1, 2, 3, 4, 5, 6, 7, 2, 8, 2])
    report = import_patrons(path, "--batch-size=3", *(["--commit"] if commit else []))
    assert "line 9: rejected: duplicate barcode (also on line 3)" in report
    assert "line 11: rejected: duplicate barcode (also on line 3)" in report
    verb = "" if commit else "would be "
    assert f"10 read, 8 {verb}created, 0 {verb}updated, 0 unchanged, 2 rejected" in report
    assert Patron.objects.count() == (8 if commit else 0)
    # Nothing of the check is left: the finished run's rows were deleted,
    # the dry run's rolled back with it.
    assert not ImportSeen.objects.exists()


def test_repeats_within_one_batch_and_within_one_record_are_refused(tmp_path, main):
    path = tmp_path / "titles.mrc"
    path.write_bytes(
        record(1, item(1), item(1))  # one record, the same copy twice
        + record(2, item(2))
        + record(1, item(3))  # record number 1 again
        + record(4, item(2), item(4))  # record 2's copy again
    )
    report = import_marc(path, "--commit")
    assert "record 1: rejected: copy 2 (952): duplicate barcode (also in record 1)" in report
    assert "record 3: rejected: duplicate record number (also record 1)" in report
    assert "record 4: rejected: copy 1 (952): duplicate barcode (also in record 2)" in report
    assert "4 read, 6 created, 0 updated, 0 unchanged, 3 rejected" in report
    assert not ImportSeen.objects.exists()


@pytest.mark.parametrize("commit", [True, False], ids=["commit", "dry-run"])
def test_record_numbers_and_copies_repeated_in_later_batches_are_refused(tmp_path, main, commit):
    path = tmp_path / "titles.mrc"
    path.write_bytes(
        record(1, item(1))
        + record(2, item(2))
        + record(3, item(3))
        + record(2, item(9))  # record 2's number again, in the second batch
        + record(5, item(3), item(5))  # record 3's copy again
        + record(6, item(9))  # the copy of the refused record 4 was never taken
    )
    report = import_marc(path, "--batch-size=2", *(["--commit"] if commit else []))
    assert "record 4: rejected: duplicate record number (also record 2)" in report
    assert "record 5: rejected: copy 1 (952): duplicate barcode (also in record 3)" in report
    assert "record 6: rejected" not in report
    verb = "" if commit else "would be "
    assert f"6 read, 10 {verb}created, 0 {verb}updated, 0 unchanged, 2 rejected" in report
    assert not ImportSeen.objects.exists()


class Killed(Exception):
    """Stands for SIGKILL: the run stops between batches, unmarked."""


def die(run: ImportRun) -> None:
    raise Killed


def test_a_resumed_run_still_refuses_a_repeat_of_a_row_from_before_it_stopped(tmp_path, main):
    """Batches (2-4) and (5-7) commit, then the process dies; the resumed run
    reads line 9, a repeat of line 3, and refuses it as the run would have
    without the stop (not an update of the card line 3 made)."""
    path = patrons_file(tmp_path, [1, 2, 3, 4, 5, 6, 7, 2])
    batches = 0

    def die_after_two(run: ImportRun) -> None:
        nonlocal batches
        batches += 1
        if batches == 2:
            raise Killed

    with pytest.raises(Killed):
        import_file(
            importer=PatronImporter(),
            path=str(path),
            commit=True,
            out=io.StringIO(),
            batch_size=3,
            after_batch=die_after_two,
        )
    run = ImportRun.objects.get()
    assert (run.status, run.checkpoint) == (ImportRun.Status.RUNNING, 7)
    # What the committed batches read is kept for the resume.
    assert ImportSeen.objects.filter(run=run).count() == 6

    report = import_patrons(path, "--commit")
    assert f"Resuming import run {run.pk} after line 7." in report
    assert "line 9: rejected: duplicate barcode (also on line 3)" in report
    run.refresh_from_db()
    assert (run.status, run.rows_read, run.created, run.updated, run.rejected) == (
        ImportRun.Status.FINISHED,
        8,
        7,
        0,
        1,
    )
    assert not ImportSeen.objects.exists()


def test_a_resumed_marc_run_still_refuses_repeats_from_before_it_stopped(tmp_path, main):
    path = tmp_path / "titles.mrc"
    path.write_bytes(
        record(1, item(1)) + record(2, item(2)) + record(1, item(5)) + record(4, item(2))
    )
    with pytest.raises(Killed):
        import_file(
            importer=MarcImporter(syntax="iso2709", source="koha"),
            path=str(path),
            commit=True,
            out=io.StringIO(),
            batch_size=2,
            after_batch=die,
        )
    report = import_marc(path, "--commit")
    assert "record 3: rejected: duplicate record number (also record 1)" in report
    assert "record 4: rejected: copy 1 (952): duplicate barcode (also in record 2)" in report
    run = ImportRun.objects.get()
    assert (run.status, run.created, run.rejected) == (ImportRun.Status.FINISHED, 5, 2)
    assert not ImportSeen.objects.exists()


def test_two_runs_keep_their_checks_apart(tmp_path, main):
    """A run that was stopped keeps its keys; another file's run is not
    refused by them, and its own are gone when it finishes."""
    stopped = ImportRun.objects.create(
        kind="patrons", file_name="other.csv", file_sha256="0" * 64, file_size=1
    )
    other = PatronImporter()
    other.begin(stopped)
    assert other.in_file.earlier(seen.CARD, [(make_card_barcode(2), 40)]) == [None]
    path = patrons_file(tmp_path, [1, 2, 3])
    report = import_patrons(path, "--commit")
    assert "3 read, 3 created, 0 updated, 0 unchanged, 0 rejected" in report
    assert list(ImportSeen.objects.values_list("run_id", "number")) == [(stopped.pk, 40)]


ROWS = 1500
BATCH = 20


def patrons_now() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM patrons_patron")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_after_sigkill_the_resume_refuses_a_repeat_of_a_line_before_the_kill(tmp_path):
    factories.BranchFactory(code="main")
    # The last line repeats line 2's card.
    path = patrons_file(tmp_path, [*range(1, ROWS), 1])
    proc = start_import("import_patrons", str(path), "--commit", f"--batch-size={BATCH}")
    stop_when(proc, signal.SIGKILL, lambda: patrons_now() >= 100)
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.RUNNING and 2 < run.checkpoint < ROWS

    report = import_patrons(path, "--commit")
    assert f"line {ROWS + 1}: rejected: duplicate barcode (also on line 2)" in report
    assert f"{ROWS} read, {ROWS - 1} created, 0 updated, 0 unchanged, 1 rejected" in report
    assert Card.objects.count() == ROWS - 1
    assert not ImportSeen.objects.exists()
