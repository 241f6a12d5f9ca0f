"""An import killed (SIGKILL) or stopped (Ctrl-C) half-way leaves whole
batches only, and the same command resumes and ends as an uninterrupted
run would."""

from __future__ import annotations

import io
import signal
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from moving.models import ImportBatch, ImportRun
from patrons.barcodes import make_card_barcode
from patrons.models import Card, Patron
from tests import factories
from tests.moving.stopping import start_import, stop_when

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROWS = 1500
BATCH = 20


def write_file(tmp_path: Path) -> Path:
    lines = ["cardnumber,surname,firstname,branchcode,categorycode,dateofbirth,dateexpiry"]
    lines += [
        f"{make_card_barcode(n)},Last{n},First{n},main,PT,1970-01-{n % 28 + 1:02d},2031-05-01"
        for n in range(1, ROWS + 1)
    ]
    path = tmp_path / "patrons.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def patrons() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM patrons_patron")
        return cursor.fetchone()[0]


def end_state() -> list[tuple]:
    return sorted(
        (
            c.barcode,
            c.patron.last_name,
            c.patron.first_name,
            str(c.patron.date_of_birth),
            str(c.expires_on),
            c.status,
        )
        for c in Card.objects.select_related("patron")
    )


def start(path: Path) -> subprocess.Popen:
    return start_import("import_patrons", str(path), "--commit", f"--batch-size={BATCH}")


def stop_mid_way(proc: subprocess.Popen, sig: int) -> None:
    stop_when(proc, sig, lambda: patrons() >= 100)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_a_stopped_import_leaves_whole_batches_and_resumes(tmp_path, sig):
    factories.BranchFactory(code="main")
    path = write_file(tmp_path)
    proc = start(path)
    stop_mid_way(proc, sig)

    partial = patrons()
    assert 0 < partial < ROWS
    assert partial % BATCH == 0, "no half batch"
    run = ImportRun.objects.get()
    assert run.checkpoint == partial + 1  # the header is line 1
    assert sum(b.created for b in ImportBatch.objects.filter(run=run)) == partial
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert run.status == ImportRun.Status.INTERRUPTED
        assert b"Run the same command again to resume" in proc.stdout.read()
    else:
        assert run.status == ImportRun.Status.RUNNING

    out = io.StringIO()
    call_command("import_patrons", str(path), "--commit", stdout=out, stderr=io.StringIO())
    assert f"Resuming import run {run.pk} after line {partial + 1}." in out.getvalue()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FINISHED
    assert (run.rows_read, run.created, run.rejected) == (ROWS, ROWS, 0)
    after_stop = end_state()

    Card.objects.all().delete()
    Patron.objects.all().delete()
    call_command("import_patrons", str(path), "--commit", stdout=io.StringIO())
    assert end_state() == after_stop
    assert len(after_stop) == ROWS


RECORDS = 1000


def write_marc(tmp_path: Path) -> Path:
    import pymarc

    from patrons.barcodes import make_item_barcode

    path = tmp_path / "titles.mrc"
    with path.open("wb") as handle:
        for n in range(1, RECORDS + 1):
            record = pymarc.Record(force_utf8=True)
            record.add_field(
                pymarc.Field(tag="245", subfields=[pymarc.Subfield("a", f"Title {n}")]),
                pymarc.Field(tag="999", subfields=[pymarc.Subfield("c", str(n))]),
                pymarc.Field(
                    tag="952",
                    subfields=[
                        pymarc.Subfield("a", "main"),
                        pymarc.Subfield("p", make_item_barcode(n)),
                    ],
                ),
            )
            handle.write(record.as_marc())
    return path


def catalogue() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.source_record_number, t.title, i.barcode FROM catalogue_title t "
            "LEFT JOIN circulation_item i ON i.title_record_id = t.id ORDER BY 1"
        )
        return cursor.fetchall()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_a_stopped_marc_import_leaves_whole_titles_with_copies_and_resumes(tmp_path, sig):
    factories.BranchFactory(code="main")
    path = write_marc(tmp_path)
    proc = start_import(
        "import_marc", str(path), "--source=koha", "--commit", f"--batch-size={BATCH}"
    )
    stop_when(proc, sig, lambda: len(catalogue()) >= 100)
    partial = catalogue()
    assert 0 < len(partial) < RECORDS
    assert len(partial) % BATCH == 0, "no half batch"
    assert all(barcode for _, _, barcode in partial), "every title with its copy"
    run = ImportRun.objects.get()
    assert run.checkpoint == len(partial)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert run.status == ImportRun.Status.INTERRUPTED

    out = io.StringIO()
    call_command("import_marc", str(path), "--source=koha", "--commit", stdout=out)
    assert f"Resuming import run {run.pk} after record {len(partial)}." in out.getvalue()
    run.refresh_from_db()
    assert (run.status, run.rows_read, run.rejected) == (ImportRun.Status.FINISHED, RECORDS, 0)
    assert len(catalogue()) == RECORDS
