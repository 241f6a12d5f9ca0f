"""The move-in path (moving/move_in.py): a large import into nearly empty
tables sets their secondary indexes and foreign keys aside and builds them
once at the end. Whatever stops it (SIGKILL, Ctrl-C), the run that follows
ends with every index and key in place and valid."""

from __future__ import annotations

import io
import signal
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

from catalogue.models import Title
from catalogue.search import title_search
from circulation.models import Item
from moving import move_in
from moving.models import DeferredIndex, ImportRun
from moving.patrons_csv import PatronImporter
from patrons.barcodes import make_card_barcode
from patrons.models import Card, Patron
from tests import factories
from tests.moving.stopping import start_import, stop_when
from tests.moving.test_crash_safety import RECORDS, catalogue, write_marc

TABLES = ("catalogue_title", "circulation_item", "patrons_patron", "patrons_card")


def schema() -> set[tuple[str, str, str]]:
    """Every index and foreign key of the loaded tables, with its
    definition, and whether PostgreSQL holds it valid."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, i.relname, pg_get_indexdef(i.oid) || ' valid=' || x.indisvalid
              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
             WHERE t.relname = ANY(%s)
            UNION ALL
            SELECT conrelid::regclass::text, conname,
                   pg_get_constraintdef(oid) || ' valid=' || convalidated
              FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)
            """,
            [list(TABLES), list(TABLES)],
        )
        return set(cursor.fetchall())


def names() -> set[str]:
    return {name for _, name, _ in schema()}


def import_marc(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_marc", str(path), "--source=koha", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def start_marc(path: Path, *args: str) -> subprocess.Popen:
    return start_import("import_marc", str(path), "--source=koha", "--commit", *args)


def stop_when_titles(proc: subprocess.Popen, sig: int, at_least: int = 100) -> None:
    stop_when(proc, sig, lambda: len(catalogue()) >= at_least, wait=120)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_move_in_builds_every_index_and_key_back_as_it_was(tmp_path):
    factories.BranchFactory(code="main")
    before = schema()
    assert any(name == "title_search_idx" for _, name, _ in before)
    path = write_marc(tmp_path)

    out = import_marc(path, "--commit", "--defer-indexes=always", "--batch-size=100")

    assert "indexes and foreign keys set aside" in out
    assert f"{RECORDS} read, {2 * RECORDS} created, 0 updated, 0 unchanged, 0 rejected" in out
    assert schema() == before
    assert not DeferredIndex.objects.exists()
    # The rebuilt search index answers.
    assert [t.title for t in title_search("title 417")] == ["Title 417"]
    # A second run, on the indexed tables, changes nothing.
    out = import_marc(path, "--commit", "--defer-indexes=always")
    assert f"0 created, 0 updated, {2 * RECORDS} unchanged" in out
    assert schema() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_move_in_killed_half_way_is_resumed_and_ends_with_every_index_valid(tmp_path):
    factories.BranchFactory(code="main")
    before = schema()
    path = write_marc(tmp_path)
    proc = start_marc(path, "--defer-indexes=always", "--batch-size=20")
    stop_when_titles(proc, signal.SIGKILL)

    partial = catalogue()
    assert 0 < len(partial) < RECORDS and len(partial) % 20 == 0, "no half batch"
    missing = {name for _, name, _ in before} - names()
    assert "title_search_idx" in missing
    assert missing == set(DeferredIndex.objects.values_list("name", flat=True)), (
        "every index missing is recorded"
    )
    run = ImportRun.objects.get()

    out = import_marc(path, "--commit")
    assert f"Resuming import run {run.pk} after record {len(partial)}." in out
    assert "Building the indexes set aside" in out
    run.refresh_from_db()
    assert (run.status, run.rows_read, run.rejected) == (ImportRun.Status.FINISHED, RECORDS, 0)
    assert len(catalogue()) == RECORDS
    assert schema() == before
    assert not DeferredIndex.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_move_in_stopped_with_ctrl_c_builds_its_indexes_before_it_exits(tmp_path):
    factories.BranchFactory(code="main")
    before = schema()
    path = write_marc(tmp_path)
    proc = start_marc(path, "--defer-indexes=always", "--batch-size=20")
    stop_when_titles(proc, signal.SIGINT)

    assert proc.returncode == 130
    assert ImportRun.objects.get().status == ImportRun.Status.INTERRUPTED
    assert schema() == before
    assert not DeferredIndex.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_indexes_a_killed_run_left_aside_are_built_by_the_next_import_of_any_kind(tmp_path):
    factories.BranchFactory(code="main")
    before = schema()
    proc = start_marc(write_marc(tmp_path), "--defer-indexes=always", "--batch-size=20")
    stop_when_titles(proc, signal.SIGKILL)
    assert DeferredIndex.objects.exists()

    patrons = tmp_path / "patrons.csv"
    patrons.write_text(
        f"cardnumber,surname,branchcode,categorycode\n{make_card_barcode(1)},Okafor,main,PT\n"
    )
    out = io.StringIO()
    call_command("import_patrons", str(patrons), "--commit", stdout=out)
    assert "Built the indexes an earlier import had set aside." in out.getvalue()
    assert schema() == before
    assert not DeferredIndex.objects.exists()
    assert Card.objects.filter(barcode=make_card_barcode(1)).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_operator_builds_what_a_killed_run_left_aside_without_importing_again(tmp_path):
    factories.BranchFactory(code="main")
    before = schema()
    proc = start_marc(write_marc(tmp_path), "--defer-indexes=always", "--batch-size=20")
    stop_when_titles(proc, signal.SIGKILL)
    assert DeferredIndex.objects.exists()

    out = io.StringIO()
    call_command("build_import_indexes", stdout=out)
    assert "Built " in out.getvalue()
    assert schema() == before
    assert not DeferredIndex.objects.exists()
    out = io.StringIO()
    call_command("build_import_indexes", stdout=out)
    assert "No index is set aside." in out.getvalue()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_move_in_that_fails_half_way_builds_its_indexes_before_the_error_goes_up(
    tmp_path, monkeypatch
):
    """Not only Ctrl-C: an error in a batch (here a fault put into the
    third batch's writing) leaves the desk its indexes."""
    from moving.marc_import import MarcImporter

    factories.BranchFactory(code="main")
    before = schema()
    path = write_marc(tmp_path)
    apply = MarcImporter.apply
    batches = []

    def failing(self, entries):
        batches.append(len(entries))
        if len(batches) == 3:
            raise RuntimeError("fault put in by the test")
        return apply(self, entries)

    monkeypatch.setattr(MarcImporter, "apply", failing)
    with pytest.raises(RuntimeError, match="fault put in by the test"):
        import_marc(path, "--commit", "--defer-indexes=always", "--batch-size=20")
    assert len(batches) == 3
    assert len(catalogue()) == 40, "two whole batches, nothing of the third"
    assert schema() == before
    assert not DeferredIndex.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_key_the_rows_break_is_not_lost_it_fails_loudly_and_stays_recorded():
    factories.BranchFactory(code="main")
    run = ImportRun.objects.create(kind="marc", file_name="f", file_sha256="0" * 64, file_size=1)
    move_in.set_aside(run, [Title, Item])
    item = factories.ItemFactory()
    with connection.cursor() as cursor:
        # A copy whose title is not there: the key set aside lets it in.
        cursor.execute(
            "UPDATE circulation_item SET title_record_id = title_record_id + 1000 WHERE id = %s",
            [item.pk],
        )
    with pytest.raises(IntegrityError):
        move_in.build(run)
    assert DeferredIndex.objects.filter(
        name="circulation_item_title_record_id_6b9149b5_fk_catalogue_title_id"
    ).exists()
    Item.objects.all().delete()
    move_in.build(run)
    assert not DeferredIndex.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_auto_sets_aside_only_for_a_large_file_into_tables_far_smaller_than_it(monkeypatch):
    monkeypatch.setattr(move_in, "MIN_ROWS", 100)
    assert move_in.worth_it([Title, Item], 100)
    assert not move_in.worth_it([Title, Item], 99), "a small file"
    Title.objects.bulk_create(Title(title=f"t{n}") for n in range(30))
    assert move_in.worth_it([Title, Item], 200), "30 titles: far fewer than 200 rows"
    assert not move_in.worth_it([Title, Item], 100), "30 titles: not far fewer than 100 rows"


@pytest.mark.django_db
def test_a_dry_run_and_a_small_file_set_nothing_aside(tmp_path):
    factories.BranchFactory(code="main")
    path = write_marc(tmp_path)
    out = import_marc(path, "--defer-indexes=always")
    assert "set aside" not in out
    assert not DeferredIndex.objects.exists()
    out = import_marc(path, "--commit")  # auto: a thousand records
    assert "set aside" not in out
    assert Title.objects.count() == RECORDS
    assert not Patron.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_record_number_lookup_probes_the_index_in_tables_filled_from_empty(tmp_path):
    """Filled from empty, the titles table has no statistics until
    autovacuum comes; the import's own ANALYZE lets PostgreSQL see that
    every title is of this source and look numbers up by the unique index
    instead of reading every title of the source with a filter."""
    factories.BranchFactory(code="main")
    import_marc(write_marc(tmp_path), "--commit", "--batch-size=20", "--defer-indexes=never")
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT source_record_number FROM catalogue_title "
            "WHERE source_record_number = ANY(%s) AND source_system = %s "
            "AND source_record_number <> ''",
            [["1", "2", "3", "4", "5"], "koha"],
        )
        plan = "\n".join(line for (line,) in cursor.fetchall())
    condition = next(line for line in plan.splitlines() if "Index Cond" in line)
    assert "source_record_number" in condition, plan


@pytest.mark.postgres
@pytest.mark.django_db
def test_an_importer_may_say_from_how_many_rows_a_move_in_pays(monkeypatch):
    monkeypatch.setattr(move_in, "MIN_ROWS", 100)
    assert not move_in.worth_it([Patron, Card], 50)
    assert move_in.worth_it([Patron, Card], 50, minimum=50)
    assert not move_in.worth_it([Patron, Card], 49, minimum=50), "a small file"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_patron_file_is_a_move_in_from_the_patron_importers_own_size(tmp_path, monkeypatch):
    """The patron import sets patrons' and cards' indexes aside from
    `PatronImporter.move_in_rows` rows in the file (judged from its size),
    fewer than the default, and builds them back as they were."""
    factories.BranchFactory(code="main")
    before = schema()
    path = tmp_path / "patrons.csv"
    lines = ["cardnumber,surname,firstname,branchcode,categorycode"]
    lines += [f"{make_card_barcode(n)},Last{n},First,main,PT" for n in range(1, 301)]
    path.write_text("\n".join(lines) + "\n")
    rows = path.stat().st_size // PatronImporter.row_bytes
    monkeypatch.setattr(move_in, "MIN_ROWS", rows + 1)
    out = io.StringIO()

    call_command("import_patrons", str(path), "--commit", stdout=out, stderr=io.StringIO())
    assert "set aside" not in out.getvalue(), "under the default minimum"
    Patron.objects.all().delete()  # cards go with their patrons
    monkeypatch.setattr(PatronImporter, "move_in_rows", rows)
    out = io.StringIO()
    call_command("import_patrons", str(path), "--commit", stdout=out, stderr=io.StringIO())

    assert "indexes and foreign keys set aside" in out.getvalue()
    assert "300 read, 300 created" in out.getvalue()
    assert Card.objects.count() == 300
    assert schema() == before
    assert not DeferredIndex.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_run_inside_a_callers_transaction_writes_into_the_indexed_tables(tmp_path):
    """The move-in builds each index in a transaction of its own; inside a
    caller's transaction (here the test's) nothing is set aside, even
    when asked, and the rows go in as usual."""
    factories.BranchFactory(code="main")
    before = schema()
    path = tmp_path / "patrons.csv"
    lines = ["cardnumber,surname,firstname,branchcode,categorycode"]
    lines += [f"{make_card_barcode(n)},Last{n},First,main,PT" for n in range(1, 11)]
    path.write_text("\n".join(lines) + "\n")
    out = io.StringIO()

    call_command(
        "import_patrons",
        str(path),
        "--commit",
        "--defer-indexes=always",
        stdout=out,
        stderr=io.StringIO(),
    )

    assert "set aside" not in out.getvalue()
    assert "10 read, 10 created" in out.getvalue()
    assert schema() == before
