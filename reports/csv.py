"""CSV downloads of reports, safe to open in a spreadsheet.

A cell a spreadsheet would read as a formula (text starting with =, +, -,
@, a tab or a carriage return: OWASP's "CSV injection") is written with a
leading apostrophe, so that it shows as the text it is. Numbers are
written as numbers.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_cell(value: Any) -> Any:
    """The value as a CSV cell a spreadsheet shows as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_filename(name: str) -> str:
    """A download name of letters, digits, dots, dashes and underscores."""
    cleaned = _UNSAFE_FILENAME.sub("-", name).strip("-.") or "report"
    return cleaned if cleaned.endswith(".csv") else cleaned + ".csv"


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV attachment: the header row, then `rows`, every cell made safe.
    UTF-8 with a byte-order mark, which spreadsheet programs need to read
    non-ASCII text correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
