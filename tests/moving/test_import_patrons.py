"""Patrons and cards from CSV: Koha's layout, a mapped layout, the dry run,
the report of rejected lines, a second run, and bad files."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from moving import copying
from moving.models import ImportBatch, ImportRun
from moving.patrons_csv import PatronImporter
from patrons.barcodes import make_card_barcode, make_item_barcode
from patrons.models import Card, Patron
from tests import factories

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
KOHA_TEMPLATE = DATA / "koha" / "patron_import_template.csv"


def koha_file(tmp_path: Path, rows: list[dict[str, str]], name: str = "patrons.csv") -> Path:
    """A CSV with Koha's own template header and these rows."""
    header = KOHA_TEMPLATE.read_text().strip().split(",")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in header})
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def patron_row(n: int, **extra: str) -> dict[str, str]:
    return {
        "cardnumber": make_card_barcode(900_000 + n),
        "surname": f"Surname{n}",
        "firstname": f"First{n}",
        "branchcode": "MAIN",
        "categorycode": "PT",
        "dateofbirth": "1980-02-03",
        "email": f"p{n}@example.org",
        "zipcode": "12345",
        "dateexpiry": "2030-01-31",
        **extra,
    }


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_patrons", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def branch():
    return factories.BranchFactory(code="main")


def test_koha_template_has_the_columns_the_default_layout_reads():
    header = KOHA_TEMPLATE.read_text().strip().split(",")
    for column in ("cardnumber", "surname", "firstname", "branchcode", "categorycode"):
        assert column in header


def test_a_dry_run_reports_and_writes_nothing(tmp_path, branch):
    path = koha_file(tmp_path, [patron_row(1), patron_row(2)])
    report = run(path)
    assert "2 read, 2 would be created, 0 would be updated, 0 unchanged, 0 rejected" in report
    assert "Nothing was written" in report
    assert Patron.objects.count() == 0
    assert Card.objects.count() == 0
    dry = ImportRun.objects.get()
    assert (dry.status, dry.created, dry.rows_read) == (ImportRun.Status.DRY_RUN, 2, 2)
    assert not ImportBatch.objects.exists()


def test_commit_creates_patrons_with_cards_and_a_second_run_changes_nothing(tmp_path, branch):
    path = koha_file(tmp_path, [patron_row(1), patron_row(2, privacy="0")])
    report = run(path, "--commit")
    assert "2 read, 2 created, 0 updated, 0 unchanged, 0 rejected" in report
    card = Card.objects.get(barcode=make_card_barcode(900_001))
    patron = card.patron
    assert (patron.last_name, patron.first_name, patron.home_branch_id) == (
        "Surname1",
        "First1",
        branch.pk,
    )
    assert str(patron.date_of_birth) == "1980-02-03"
    assert str(card.expires_on) == "2030-01-31"
    assert card.status == Card.Status.ACTIVE
    assert Card.objects.get(barcode=make_card_barcode(900_002)).patron.keeps_loan_history
    before = list(Patron.objects.order_by("pk").values())

    again = run(path, "--commit")
    assert "2 read, 0 created, 0 updated, 2 unchanged, 0 rejected" in again
    assert list(Patron.objects.order_by("pk").values()) == before


def test_a_changed_row_updates_the_patron_found_by_card_barcode(tmp_path, branch):
    run(koha_file(tmp_path, [patron_row(1)]), "--commit")
    changed = koha_file(tmp_path, [patron_row(1, surname="Newname")], name="changed.csv")
    report = run(changed, "--commit")
    assert "0 created, 1 updated" in report
    assert Patron.objects.get().last_name == "Newname"


def test_every_rejected_line_is_reported_with_its_number_and_a_plain_reason(tmp_path, branch):
    item = factories.ItemFactory()
    rows = [
        patron_row(1),
        patron_row(2, branchcode="NOWHERE"),
        patron_row(3, dateofbirth="03/02/1980"),
        patron_row(1, surname="Again"),
        patron_row(5, cardnumber="12345"),
        patron_row(6, cardnumber=item.barcode),
        patron_row(7, categorycode="MARTIAN"),
        patron_row(8, email="not an address"),
        patron_row(9),
    ]
    report = run(koha_file(tmp_path, rows), "--commit")
    assert "line 3: rejected: unknown branch code" in report
    assert "line 4: rejected: bad date in dateofbirth (expected YYYY-MM-DD)" in report
    assert "line 5: rejected: duplicate barcode (also on line 2)" in report
    assert "line 6: rejected: card barcode refused" in report
    # Under today's scheme an item's barcode is no card barcode at all.
    assert "line 7: rejected: card barcode refused" in report
    assert "line 8: rejected: unknown patron category code" in report
    assert "line 9: rejected: the e-mail address is not one" in report
    assert "9 read, 2 created, 0 updated, 0 unchanged, 7 rejected" in report
    # No patron data in the report: reasons name columns, never values.
    assert "Surname" not in report and "NOWHERE" not in report and "Again" not in report
    assert Patron.objects.count() == 2


def test_another_layout_is_read_through_a_column_map(tmp_path, branch):
    path = tmp_path / "other.csv"
    path.write_text(
        f"Card;Family name;Given name;Library;Type\n{make_card_barcode(77)};Okafor;Ada;main;KID\n",
        encoding="utf-8",
    )
    report = run(
        path,
        "--commit",
        "--delimiter=;",
        "--map=card_barcode=Card",
        "--map=last_name=Family name",
        "--map=first_name=Given name",
        "--map=branch=Library",
        "--map=category=Type",
        "--category=KID=juvenile",
    )
    assert "1 created" in report
    patron = Patron.objects.get()
    assert (patron.first_name, patron.last_name, patron.category) == ("Ada", "Okafor", "juvenile")


def test_bad_lines_get_a_report_line_and_the_rest_imports(tmp_path, branch):
    header = "cardnumber,surname,firstname,branchcode,categorycode\n"
    good = [f"{make_card_barcode(n)},S{n},F{n},main,PT\n" for n in range(1, 4)]
    content = (
        header.encode()
        + good[0].encode()
        + f'{make_card_barcode(50)},"Stray"quote,F,main,PT\n'.encode()
        + f"{make_card_barcode(51)},Bad\xff\xfeUTF,F,main,PT\n".encode("latin-1")
        + f"{make_card_barcode(52)},Short\n".encode()
        + b"x" * (3 << 20)
        + b"\n"
        + good[1].encode()
        + good[2].encode()
    )
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    report = run(path, "--commit")
    assert "line 3: rejected: a quote is out of place" in report
    assert "line 4: rejected: encoding error: the text is not valid UTF-8" in report
    assert "line 5: rejected: the row has 2 fields, the header has 5" in report
    assert "line 6: rejected: the line is longer than 1 MB and was skipped" in report
    assert "3 created" in report
    assert Patron.objects.count() == 3


def test_the_reader_keeps_no_note_of_bad_lines_it_has_reported():
    """A file of many bad lines costs no memory per line: the reader's note
    of each (read ahead of the CSV parser) goes once it is reported."""
    from moving.readers import read_csv

    content = b"cardnumber,surname\n" + b"\xff,x\n" * 2000 + b"1,y\n" + b"x" * (2 << 20)
    entries = read_csv(io.BytesIO(content + b"\n2,z\n"), required=["cardnumber"])
    read = list(itertools.islice(entries, 2001))
    assert [e.error for e in read[:2000]] == ["encoding error: the text is not valid UTF-8"] * 2000
    assert read[2000].data == {"cardnumber": "1", "surname": "y"}
    assert entries.gi_frame.f_locals["bad"] == {}
    assert [e.error for e in entries] == ["the line is longer than 1 MB and was skipped", ""]


def test_a_file_missing_a_required_column_is_refused_before_anything_is_written(tmp_path, branch):
    path = tmp_path / "nosurname.csv"
    path.write_text(f"cardnumber,branchcode,categorycode\n{make_card_barcode(1)},main,PT\n")
    with pytest.raises(CommandError, match="the header has no column surname"):
        run(path, "--commit")
    assert not ImportRun.objects.exists()
    assert not Patron.objects.exists()


@pytest.mark.parametrize("kind", ["missing", "directory", "empty"])
def test_an_unreadable_file_is_refused(tmp_path, branch, kind):
    path = tmp_path / "x.csv"
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    with pytest.raises(CommandError, match="Refused, nothing was imported"):
        run(path, "--commit")
    assert not ImportRun.objects.exists()


def test_an_item_barcode_is_no_card(tmp_path, branch):
    report = run(koha_file(tmp_path, [patron_row(1, cardnumber=make_item_barcode(5))]))
    assert "line 2: rejected: card barcode refused" in report


EMAILS = [
    "ann@example.org",
    "bob@example.org",
    "not an address@example.org",
    "ann@exa mple.org",
    "ann@example",
    "ann@localhost",
    "ann@[127.0.0.1]",
    "ann@[999.0.0.1]",
    "ann@bücher.example",
    "ann@-bad-.example.org",
    "@example.org",
    "ann@",
    "a" * 310 + "@example.org",
]


def test_the_import_judges_an_email_address_as_djangos_validator_does():
    """The import keeps each domain's verdict; every address still gets
    Django's verdict, a good domain after a bad user part and the other way
    round, read twice (the second time from the kept verdicts)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from moving import patrons_csv

    def verdict(check, address):
        try:
            check(address)
        except ValidationError:
            return False
        return True

    expected = [verdict(validate_email, a) for a in EMAILS]
    assert True in expected and False in expected
    for _ in range(2):
        assert [verdict(patrons_csv._validate_email, a) for a in EMAILS] == expected


def test_cells_marked_against_formulas_are_read_back_and_others_kept(branch):
    """What kernel.tabular marked on export loses its one apostrophe; an
    apostrophe it did not add (a name, an unmarked cell) stays."""
    from moving.patrons_csv import PatronImporter

    importer = PatronImporter()
    values = importer._values(
        {
            "surname": "'=SUM(A1)",
            "firstname": "'plain",
            "address": "''quoted",
            "city": "O'Brien",
            "borrowernotes": "'\t=1",
        }
    )
    assert values["last_name"] == "=SUM(A1)"
    assert values["first_name"] == "'plain"
    assert values["address"] == "'quoted"
    assert values["city"] == "O'Brien"
    assert values["notes"] == "\t=1"
    assert values["email"] == "" and set(values) == set(importer._names)
    assert importer._values({"surname": "Plain"})["last_name"] == "Plain"


def test_a_run_is_written_in_the_importers_batches_unless_told_otherwise(
    tmp_path, branch, monkeypatch
):
    """The command's batch is the patron importer's own (`batch_size`);
    --batch-size overrides it."""
    monkeypatch.setattr(PatronImporter, "batch_size", 3)
    run(koha_file(tmp_path, [patron_row(n) for n in range(7)]), "--commit")
    assert ImportBatch.objects.count() == 3
    ImportBatch.objects.all().delete()
    run(
        koha_file(tmp_path, [patron_row(n) for n in range(7, 14)], "b.csv"),
        "--commit",
        "--batch-size=7",
    )
    assert ImportBatch.objects.count() == 1


@pytest.mark.postgres
def test_a_batchs_values_reach_postgresql_as_they_were():
    """The look-ups pass a batch's barcodes or record numbers as one array
    in PostgreSQL's text form (copying.text_array): quotes, backslashes,
    commas, braces and the word NULL come back as they were."""
    values = ['a"b', "c\\d", "e,f", "{g}", "NULL", "", " h ", "ü", "it's"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::text[]", [copying.text_array(values)])
        assert cursor.fetchone()[0] == values
        cursor.execute("SELECT %s::bigint[]", [copying.integer_array([1, -2, 2**63 - 1])])
        assert cursor.fetchone()[0] == [1, -2, 2**63 - 1]
