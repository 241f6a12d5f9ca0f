"""CSV downloads: spreadsheet formulas neutralised, numbers kept."""

from __future__ import annotations

import csv
import io

from reports.csv import csv_response, safe_cell, safe_filename


def test_formula_like_text_is_written_as_text():
    for text in ('=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text


def test_a_text_starting_with_an_apostrophe_gets_another_so_the_rule_can_be_undone():
    assert safe_cell("'quoted") == "''quoted"
    assert safe_cell("＝1+1") == "'＝1+1"


def test_numbers_and_plain_text_are_unchanged():
    assert safe_cell(-5) == -5
    assert safe_cell(3.5) == 3.5
    assert safe_cell("Phone") == "Phone"
    assert safe_cell(None) == ""


def test_the_response_is_an_attachment_with_a_safe_name_and_a_header_row():
    response = csv_response('by hour"; x=.csv', ["Hour", "Count"], [["=1+1", 4]])
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="by-hour-x-.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Hour", "Count"], ["'=1+1", "4"]]


def test_a_filename_gets_its_extension_once():
    assert safe_filename("desk.csv") == "desk.csv"
    assert safe_filename("") == "report.csv"
