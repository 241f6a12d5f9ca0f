"""The SIP2 wire format, pure: parse a request line, build an answer.

3M Standard Interchange Protocol 2.00: a two-digit command code, fixed
fields of known widths, then variable fields (two-letter id, value, `|`),
then optionally `AY<digit>` (sequence number) and `AZ<4 hex>` (checksum:
the two's complement of the 16-bit sum of every character up to and
including `AZ`). Nothing here touches the database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Widths of the fixed part of each request this server answers.
# The longest card or copy barcode a library may have (patrons.Card and
# circulation.Item hold 32 characters; a barcode scheme says how many).
BARCODE_MAX = 32

FIXED_WIDTH = {
    "93": 2,  # UID algorithm, PWD algorithm
    "99": 8,  # status code, max print width, protocol version
    "63": 31,  # language, transaction date, summary
    "23": 21,  # language, transaction date
    "11": 38,  # SC renewal policy, no block, transaction date, nb due date
    "09": 37,  # no block, transaction date, return date
    "29": 38,  # third party allowed, no block, transaction date, nb due date
    "65": 18,  # transaction date
    "17": 18,  # transaction date
    "35": 18,  # transaction date
    "37": 25,  # transaction date, fee type, payment type, currency type
    "97": 0,
}

# The "supported messages" field (BX) of the status answer, in the order
# the standard lists them: patron status, checkout, checkin, block patron,
# SC/ACS status, request resend, login, patron information, end patron
# session, fee paid, item information, item status update, patron enable,
# hold, renew, renew all.
SUPPORTED_ORDER = (
    "23", "11", "09", "01", "99", "97", "93", "63", "35", "37", "17", "19", "25", "15", "29", "65",
)  # fmt: skip

MAX_LINE = 4096  # bytes; a longer line is not a SIP2 message

_TRAILER = re.compile(r"(?:AY(?P<seq>[0-9]))?AZ(?P<crc>[0-9A-Fa-f]{1,4})$")
_SEQ_ONLY = re.compile(r"AY(?P<seq>[0-9])$")
_FIELD_ID = re.compile(r"^[A-Z][A-Z0-9]$")


class ProtocolError(ValueError):
    """A line that is not a SIP2 request this server can read."""


@dataclass
class Request:
    code: str
    fixed: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    sequence: str | None = None
    had_checksum: bool = False

    def get(self, field_id: str, default: str = "") -> str:
        values = self.fields.get(field_id)
        return values[0] if values else default

    def flag(self, start: int, default: str = "N") -> str:
        return self.fixed[start : start + 1] or default


def checksum(text: str, encoding: str | None = None) -> str:
    """The four hex digits of `text` (which ends with "AZ"): over its
    characters, or over its bytes in `encoding` (a single-byte code page
    such as cp850, whose firmware sums bytes)."""
    if encoding is not None:
        total = sum(text.encode(encoding, errors="replace"))
    else:
        total = sum(ord(ch) for ch in text)
    return format(-total & 0xFFFF, "04X")


def checksum_ok(text: str, given: str, encoding: str | None = None) -> bool:
    """Whether `given` is the checksum of `text`, summed over characters
    or over its bytes in `encoding` (clients differ once a field is not
    ASCII); a checksum printed without its leading zeros (as the `sip2`
    Python client prints it) and lowercase hex are accepted."""
    try:
        value = int(given, 16)
    except ValueError:
        return False
    if value == int(checksum(text), 16):
        return True
    return encoding is not None and value == int(checksum(text, encoding), 16)


def parse(line: str, *, require_checksum: bool = False, encoding: str | None = None) -> Request:
    """Read one request (without its CR/LF). Raises ProtocolError for a
    bad checksum, an unknown code, a short fixed part or a malformed
    field; the caller answers those with a resend request (96)."""
    if "\x00" in line:
        raise ProtocolError("NUL in message")
    body = line
    sequence = None
    had_checksum = False
    trailer = _TRAILER.search(body)
    if trailer is not None:
        crc_start = trailer.start("crc")
        if not checksum_ok(body[:crc_start], trailer.group("crc"), encoding):
            raise ProtocolError("checksum")
        sequence = trailer.group("seq")
        had_checksum = True
        body = body[: trailer.start()]
    else:
        if require_checksum:
            raise ProtocolError("checksum missing")
        seq_only = _SEQ_ONLY.search(body)
        if seq_only is not None:
            sequence = seq_only.group("seq")
            body = body[: seq_only.start()]
    code = body[:2]
    if code not in FIXED_WIDTH:
        raise ProtocolError("unsupported code")
    width = FIXED_WIDTH[code]
    rest = body[2:]
    # Some clients leave out a fixed date (renew all, `sip2` 1.1): a field
    # id straight after the code means the fixed part is missing.
    if code == "65" and re.match(r"^(AO|AA|AD|AC|BO)", rest):
        width = 0
    if len(rest) < width:
        raise ProtocolError("short fixed part")
    fixed, variable = rest[:width], rest[width:]
    fields: dict[str, list[str]] = {}
    if variable:
        parts = variable.split("|")
        if parts[-1] == "":
            parts.pop()
        for part in parts:
            field_id = part[:2]
            if not _FIELD_ID.match(field_id):
                raise ProtocolError("malformed field")
            fields.setdefault(field_id, []).append(part[2:])
    return Request(code, fixed, fields, sequence, had_checksum)


def timestamp(moment: datetime.datetime) -> str:
    """YYYYMMDDZZZZHHMMSS in local time (ZZZZ blank), as the standard
    prefers."""
    return moment.strftime("%Y%m%d    %H%M%S")


def clean(value: object) -> str:
    """A field value that cannot break the framing."""
    return re.sub(r"[|\r\n\x00-\x1f]", " ", str(value))


def build(
    head: str,
    fields: Sequence[tuple[str, object]],
    *,
    sequence: str | None,
    with_checksum: bool,
    encoding: str | None = None,
) -> str:
    """An answer: `head` (code and fixed part), the fields with a value,
    then AY and AZ when checksums are on (summed over the bytes in
    `encoding` when one is given). Ends with CR."""
    text = head + "".join(f"{fid}{clean(value)}|" for fid, value in fields if value is not None)
    if with_checksum:
        if sequence is not None:
            text += f"AY{sequence}"
        text += "AZ"
        text += checksum(text, encoding)
    return text + "\r"


def resend(*, with_checksum: bool) -> str:
    """96: the request could not be read; send it again. Never carries a
    sequence number."""
    return build("96", [], sequence=None, with_checksum=with_checksum)


def yn(value: bool) -> str:
    return "Y" if value else "N"


def count(n: int) -> str:
    return f"{min(n, 9999):04d}"
