"""Titles and copies from MARC 21 files: real files from Evergreen and
pymarc, Koha's 952 copies, a second run, and every rejection explained."""

from __future__ import annotations

import io
from pathlib import Path

import pymarc
import pytest
from django.core.management import CommandError, call_command

from catalogue.models import MarcSyntax, Title
from circulation.models import Item
from moving.models import ImportRun
from patrons.barcodes import make_card_barcode, make_item_barcode
from tests import factories

pytestmark = pytest.mark.django_db

MARC = Path(__file__).resolve().parents[1] / "data" / "marc"


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_marc", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def koha_record(number: int, *copies: tuple[str, str]) -> pymarc.Record:
    record = pymarc.Record(force_utf8=True)
    record.add_field(
        pymarc.Field(tag="008", data="090114s2019    nyu           000 1 eng d"),
        pymarc.Field(
            tag="020",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[pymarc.Subfield("a", "978-0-14-303943-3 (pbk.)")],
        ),
        pymarc.Field(
            tag="100",
            indicators=pymarc.Indicators("1", " "),
            subfields=[pymarc.Subfield("a", "Adichie, Chimamanda Ngozi,")],
        ),
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1", "0"),
            subfields=[
                pymarc.Subfield("a", f"Half of a yellow sun {number} /"),
                pymarc.Subfield("c", "x"),
            ],
        ),
        pymarc.Field(
            tag="999",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[pymarc.Subfield("c", str(number))],
        ),
    )
    for barcode, branch in copies:
        record.add_field(
            pymarc.Field(
                tag="952",
                indicators=pymarc.Indicators(" ", " "),
                subfields=[
                    pymarc.Subfield("a", branch),
                    pymarc.Subfield("p", barcode),
                    pymarc.Subfield("o", "FIC ADI"),
                    pymarc.Subfield("v", "18.00"),
                ],
            )
        )
    return record


@pytest.fixture
def main(db):
    return factories.BranchFactory(code="main")


def test_koha_records_make_titles_with_their_copies_and_a_second_run_changes_nothing(
    tmp_path, main
):
    east = factories.BranchFactory(code="east")
    path = tmp_path / "koha.mrc"
    path.write_bytes(
        koha_record(101, (make_item_barcode(1), "MAIN"), (make_item_barcode(2), "EAST")).as_marc()
        + koha_record(102, (make_item_barcode(3), "main")).as_marc()
    )
    dry = run(path, "--source=koha")
    assert "2 read, 5 would be created" in dry
    assert not Title.objects.exists()

    report = run(path, "--source=koha", "--commit")
    assert "2 read, 5 created, 0 updated, 0 unchanged, 0 rejected" in report
    title = Title.objects.get(source_system="koha", source_record_number="101")
    assert (title.title, title.author, title.isbn, title.year, title.language) == (
        "Half of a yellow sun 101",
        "Adichie, Chimamanda Ngozi",
        "9780143039433",
        2019,
        "eng",
    )
    assert title.marc_syntax == MarcSyntax.ISO2709
    assert (
        bytes(title.marc_record)
        == koha_record(
            101, (make_item_barcode(1), "MAIN"), (make_item_barcode(2), "EAST")
        ).as_marc()
    )
    copies = {c.barcode: c for c in title.copies.all()}
    assert copies[make_item_barcode(2)].home_branch == east
    assert copies[make_item_barcode(1)].call_number == "FIC ADI"
    assert str(copies[make_item_barcode(1)].replacement_cost) == "18.00"
    assert copies[make_item_barcode(1)].title == "Half of a yellow sun 101"

    again = run(path, "--source=koha", "--commit")
    assert "2 read, 0 created, 0 updated, 5 unchanged, 0 rejected" in again


def test_a_copy_on_loan_is_not_put_back_on_the_shelf_by_a_reimport(tmp_path, main):
    path = tmp_path / "koha.mrc"
    path.write_bytes(koha_record(7, (make_item_barcode(9), "MAIN")).as_marc())
    run(path, "--source=koha", "--commit")
    Item.objects.update(status=Item.Status.ON_LOAN)
    run(path, "--source=koha", "--commit")
    assert Item.objects.get().status == Item.Status.ON_LOAN


def test_copies_that_cannot_be_made_are_reported_and_the_title_still_imports(tmp_path, main):
    card = factories.CardFactory()
    path = tmp_path / "koha.mrc"
    path.write_bytes(
        koha_record(
            1,
            ("12345", "MAIN"),
            (make_item_barcode(5), "NOWHERE"),
            (make_item_barcode(6), "MAIN"),
            (card.barcode, "MAIN"),
        ).as_marc()
        + koha_record(2, (make_item_barcode(6), "MAIN")).as_marc()
    )
    report = run(path, "--source=koha", "--commit")
    assert "record 1: rejected: copy 1 (952): barcode refused" in report
    assert "record 1: rejected: copy 2 (952): unknown branch code" in report
    assert "record 1: rejected: copy 4 (952): barcode refused" in report  # a card's
    assert "record 2: rejected: copy 1 (952): duplicate barcode (also in record 1)" in report
    assert Title.objects.count() == 2
    assert list(Item.objects.values_list("barcode", flat=True)) == [make_item_barcode(6)]
    assert make_card_barcode(1) not in report


def test_evergreen_devanagari_file_imports_with_every_rejection_explained(main):
    report = run(MARC / "evergreen" / "nepali.marc", "--source=evergreen", "--commit")
    assert Title.objects.filter(source_system="evergreen").count() == 96
    assert Title.objects.filter(title="बिहानी टुसा").exists()
    lines = [line for line in report.splitlines() if "rejected:" in line]
    # Its 852s and 952s are notes without barcodes: each one is said.
    assert lines and all("has no barcode" in line for line in lines)
    assert "96 read, 96 created" in report
    assert (
        run(MARC / "evergreen" / "nepali.marc", "--source=evergreen", "--commit").count(
            "96 unchanged"
        )
        == 1
    )


def test_marc8_hebrew_and_marcxml_files_import(main):
    hebrew = run(MARC / "evergreen" / "hebrew.marc", "--commit")
    assert "20 read, 19 created" in hebrew
    assert "record 18: rejected: encoding error in field 880" in hebrew
    xml = run(MARC / "pymarc" / "batch.xml", "--commit", "--source=pymarc")
    assert "2 read, 2 created" in xml
    assert set(
        Title.objects.filter(source_system="pymarc").values_list("marc_syntax", flat=True)
    ) == {MarcSyntax.MARCXML}


def test_pymarc_broken_records_each_get_a_line(main):
    report = run(MARC / "pymarc" / "bad_records.mrc", "--commit")
    for number in range(2, 8):
        assert f"record {number}: rejected:" in report
    # The last good record has the first one's 001.
    assert "record 8: rejected: duplicate record number (also record 1)" in report
    assert "8 read, 1 created, 0 updated, 0 unchanged, 7 rejected" in report


def test_an_unreadable_marc_file_is_refused(tmp_path, main):
    with pytest.raises(CommandError, match="Refused, nothing was imported"):
        run(tmp_path / "missing.mrc", "--commit")
    assert not ImportRun.objects.exists()


@pytest.mark.postgres
def test_a_batch_finds_its_titles_by_index_on_a_first_run_and_a_second(tmp_path, main):
    """A batch of more than a hundred records (PostgreSQL proves a partial
    index's condition from an `= ANY(array)` of at most 100 values) still
    finds its titles through the unique index of (source, record number),
    on the first run and on a second: never by reading the whole catalogue
    once per batch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = tmp_path / "many.mrc"
    path.write_bytes(
        b"".join(
            koha_record(n, (make_item_barcode(700_000 + n), "main")).as_marc()
            for n in range(1, 251)
        )
    )
    lookups = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            run(path, "--commit")
        lookups += [
            q["sql"]
            for q in captured.captured_queries
            if (q["sql"].startswith("SELECT") and '"catalogue_title"' in q["sql"].split("WHERE")[0])
            or q["sql"].startswith("SELECT source_record_number FROM catalogue_title")
        ]
    assert Title.objects.count() == 250
    assert len(lookups) == 2 + 1  # one per run, and the titles loaded to compare
    # The plan is asked of a catalogue the planner knows to be a real one's
    # size: on 250 rows it may rightly prefer reading another index whole.
    Title.objects.bulk_create(
        Title(title=f"Filler {n}", source_system="other", source_record_number=str(n))
        for n in range(20_000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_title")
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in lookups:
            cursor.execute("EXPLAIN " + sql)
            plan = " ".join(line for (line,) in cursor.fetchall())
            assert "title_one_per_source_record" in plan, plan
            assert "Seq Scan" not in plan, plan
