"""MARC 21 bibliographic records as neutral title and copy records.

`title_of(record)` reads what the catalogue keeps of a title; `copies_of`
reads its copies from the holdings fields named in the subfield map
(`MOVING_HOLDINGS` in settings, defaulting to `HOLDINGS` below: Koha's 952
and the standard 852). Both are pure: no database, no settings beyond the
map handed in, so they are tested on real files alone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from moving.readers import Compact

# Holdings tag -> our copy field -> subfield code. Koha's 952 as its
# default MARC21 framework defines it; 852 as the MARC 21 holdings format
# does (Evergreen exports copies the same way).
HOLDINGS: dict[str, dict[str, str]] = {
    "952": {
        "barcode": "p",
        "call_number": "o",
        "branch": "a",
        "location": "c",
        "price": "v",
        "lost": "1",
        "withdrawn": "0",
        "not_for_loan": "7",
    },
    "852": {
        "barcode": "p",
        "call_number": "h",
        "call_number_item": "i",
        "branch": "b",
        "location": "c",
        "price": "9",
    },
}

# Koha's LOST authorised value for "missing" (1 is lost, 2 long overdue, 3
# lost and paid for: all lost to us).
KOHA_MISSING = "4"

# Leader/06 (type of record) -> our format.
FORMATS = {
    "g": "dvd",
    "i": "audiobook",
    "j": "audiobook",
    "r": "equipment",
    "m": "game",
}
SERIAL_LEVELS = {"s", "i"}

_ISBN = re.compile(r"[0-9]{13}|[0-9]{9}[0-9Xx]")
_ISSN = re.compile(r"[0-9]{4}-?[0-9]{3}[0-9Xx]")
_YEAR = re.compile(r"[12][0-9]{3}")
_TRAILING = " /:;,.="
_PRICE = re.compile(r"[0-9]+(?:[.,][0-9]{1,2})?")


class MarcRecord(Protocol):
    """What is read of a record: pymarc's Record, or the import's
    `readers.LightRecord`."""

    leader: Any

    def get_fields(self, *tags: str) -> Sequence[Any]: ...


@dataclass
class CopyRecord(Compact):
    tag: str
    position: int
    barcode: str = ""
    call_number: str = ""
    branch: str = ""
    location: str = ""
    price: Decimal | None = None
    status: str = "available"
    problem: str = ""
    # Left to the import (moving.marc_import): its in-file key (the
    # barcode's moving.seen digest) and whether the barcode and branch were
    # checked, both where the record was read.
    key: int | None = None
    checked: bool = False
    # The new item's row, encoded for COPY (copying.Encoder), but for its
    # id and title.
    row: bytes | None = None


@dataclass
class TitleRecord(Compact):
    record_number: str
    title: str
    author: str = ""
    isbn: str = ""
    issn: str = ""
    publisher: str = ""
    year: int | None = None
    format: str = "book"
    language: str = ""
    marc: bytes = b""
    copies: list[CopyRecord] = field(default_factory=list)
    # The record number's moving.seen digest and the new title's row
    # encoded for COPY (copying.Encoder) but for its id, moment and MARC
    # record, left to the import.
    key: int | None = None
    row: bytes | None = None


def _clean(value: str | None, limit: int) -> str:
    return (value or "").strip().rstrip(_TRAILING).strip()[:limit]


def _first(record: MarcRecord, tag: str, code: str) -> str:
    for fld in record.get_fields(tag):
        for value in fld.get_subfields(code):
            if value.strip():
                return value
    return ""


def isbn_of(record: MarcRecord) -> str:
    """The first ISBN (020 $a), digits only, 10 or 13 characters."""
    for fld in record.get_fields("020"):
        for value in fld.get_subfields("a"):
            match = _ISBN.search(value.replace("-", "").replace(" ", ""))
            if match:
                return match.group().upper()
    return ""


def issn_of(record: MarcRecord) -> str:
    value = _first(record, "022", "a")
    match = _ISSN.search(value)
    if not match:
        return ""
    digits = match.group().replace("-", "").upper()
    return f"{digits[:4]}-{digits[4:]}"


def year_of(record: MarcRecord) -> int | None:
    fixed = record.get_fields("008")
    if fixed and fixed[0].data and len(fixed[0].data) >= 11:
        candidate = fixed[0].data[7:11]
        if candidate.isdigit() and 1000 <= int(candidate) <= 2999:
            return int(candidate)
    for tag in ("264", "260"):
        match = _YEAR.search(_first(record, tag, "c"))
        if match:
            return int(match.group())
    return None


def language_of(record: MarcRecord) -> str:
    fixed = record.get_fields("008")
    if fixed and fixed[0].data and len(fixed[0].data) >= 38:
        code = fixed[0].data[35:38].strip()
        if code.isalpha():
            return code.lower()
    return _clean(_first(record, "041", "a"), 3).lower()


def format_of(record: MarcRecord) -> str:
    leader = str(record.leader)
    if leader[7:8] in SERIAL_LEVELS:
        return "magazine"
    return FORMATS.get(leader[6:7], "book")


def record_number_of(record: MarcRecord, raw: bytes, source: str) -> str:
    """The source system's number for the record: Koha's biblionumber
    (999 $c) for Koha, else the 001; a record with neither is known by the
    digest of its bytes, so a second run still finds it."""
    if source == "koha":
        number = _first(record, "999", "c").strip()
        if number:
            return number[:64]
    control = record.get_fields("001")
    if control and control[0].data and control[0].data.strip():
        return control[0].data.strip()[:64]
    return "sha1:" + hashlib.sha1(raw, usedforsecurity=False).hexdigest()


def title_of(record: MarcRecord, *, raw: bytes, source: str = "") -> TitleRecord:
    """What the catalogue keeps of one bibliographic record. Raises
    ValueError (a plain reason) for a record with no title."""
    title = " ".join(
        part for part in (_clean(_first(record, "245", c), 500) for c in "abnp") if part
    )
    if not title:
        raise ValueError("the record has no title (245 $a)")
    author = ""
    for tag in ("100", "110", "111", "700", "710"):
        author = _clean(_first(record, tag, "a"), 300)
        if author:
            break
    publisher = _clean(_first(record, "264", "b") or _first(record, "260", "b"), 300)
    return TitleRecord(
        record_number=record_number_of(record, raw, source),
        title=title[:500],
        author=author,
        isbn=isbn_of(record),
        issn=issn_of(record),
        publisher=publisher,
        year=year_of(record),
        format=format_of(record),
        language=language_of(record),
        marc=raw,
    )


def _price(value: str) -> Decimal | None:
    match = _PRICE.search(value or "")
    if not match:
        return None
    try:
        return Decimal(match.group().replace(",", "."))
    except InvalidOperation:
        return None


def copies_of(record: MarcRecord, holdings: dict[str, dict[str, Any]]) -> list[CopyRecord]:
    """One CopyRecord per holdings field; a copy that cannot be one (no
    barcode) carries its problem instead of being dropped silently. Each
    name reads the first subfield of its code, stripped."""
    copies: list[CopyRecord] = []
    position = 0
    for tag, codes in holdings.items():
        for fld in record.get_fields(tag):
            position += 1
            # The first value of each subfield code, in one pass.
            first: dict[str, str] = {}
            for code, value in fld.subfields:
                if code not in first:
                    first[code] = value
            sub = {name: first.get(code, "").strip() for name, code in codes.items() if code}
            get = sub.get
            copy = CopyRecord(tag=tag, position=position)
            copy.barcode = get("barcode", "")
            call_number, call_number_item = get("call_number", ""), get("call_number_item", "")
            copy.call_number = (
                f"{call_number} {call_number_item}"
                if call_number and call_number_item
                else call_number or call_number_item
            )[:60]
            copy.branch = get("branch", "")
            copy.location = get("location", "")[:80]
            copy.price = _price(get("price", ""))
            lost = get("lost", "")
            if lost == KOHA_MISSING:
                copy.status = "missing"
            elif lost not in ("", "0"):
                copy.status = "lost"
            elif get("withdrawn", "") not in ("", "0"):
                copy.status = "withdrawn"
            if not copy.barcode:
                copy.problem = f"copy {position} ({tag}) has no barcode"
            elif not copy.branch:
                copy.problem = f"copy {position} ({tag}) has no branch code"
            copies.append(copy)
    return copies
