"""Streaming readers of the files a library brings: CSV, MARC 21 (ISO 2709)
and MARCXML.

Each reader yields `Entry` objects one at a time, numbered as the operator
sees the file (the CSV's line, the MARC record's position), with either the
parsed data or a plain reason why the entry cannot be read. Nothing here
raises on bad content: a broken record becomes an Entry with an error, and
the reader goes on with the next one. A file that cannot be read at all
(missing, a directory, no permission, a CSV with a missing column) raises
`UnreadableFile` before the first entry, so nothing is written.

Memory stays flat: a CSV line or a MARC record longer than its cap is
skipped, read in fixed chunks, and reported.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import pymarc
from defusedxml import ElementTree as SafeET
from pymarc import marc8_mapping

# A CSV line longer than this is no patron or loan: it is skipped unread.
MAX_LINE_BYTES = 1 << 20
# ISO 2709 gives a record at most five digits of length.
MAX_RECORD_BYTES = 99_999
CHUNK = 1 << 16
RECORD_TERMINATOR = b"\x1d"
MARCXML_NS = "{http://www.loc.gov/MARC21/slim}"

ENCODING_UTF8 = "encoding error: the text is not valid UTF-8"
LINE_TOO_LONG = "the line is longer than 1 MB and was skipped"
BAD_QUOTE = "a quote is out of place (a field opened with a quote must close with one)"
TRUNCATED = "the record is truncated: the file ends before its record terminator"
RECORD_TOO_LONG = "the record is longer than a MARC record can be (99,999 bytes)"


# What the csv module says when a quote is out of place: a field that
# never closes runs into the size limit or the end of the file.
QUOTE_TROUBLE = ("field larger than field limit", "unexpected end", "expected after")


class UnreadableFile(Exception):
    """The file cannot be read at all; nothing was imported."""


class Compact:
    """A dataclass pickled as its class and the tuple of its fields' values,
    in their order, not as a dictionary of names: the reading process
    sends entries by the hundred thousand (reading.Forked), and this is a
    tenth less to send and a third of the time to load. Fields only: an
    instance holds no attribute of its own beside them."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return (type(self), tuple(self.__dict__.values()))


@dataclass
class Entry(Compact):
    number: int
    data: Any = None
    error: str = ""


def open_source(path: str) -> IO[bytes]:
    """The file opened for binary reading, or UnreadableFile with why."""
    if not os.path.exists(path):
        raise UnreadableFile(f"{path}: no such file")
    if os.path.isdir(path):
        raise UnreadableFile(f"{path}: is a directory, not a file")
    try:
        handle = open(path, "rb")  # noqa: SIM115 (the caller closes it)
        handle.read(0)
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be read ({exc.strerror})") from None
    return handle


# --- CSV -------------------------------------------------------------------


def _physical_lines(handle: IO[bytes], bad: dict[int, str]) -> Iterator[str]:
    """Decoded lines; a line that is not UTF-8 or too long is noted in `bad`
    by its line number and replaced by an empty line, so the CSV parser's
    line count still matches the file's."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            # Skip the rest of the line in fixed chunks: memory stays flat.
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(CHUNK)
            bad[number] = LINE_TOO_LONG
            yield "\n"
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            bad[number] = ENCODING_UTF8
            yield "\n"


def _forget(bad: dict[int, str], last: int) -> None:
    """Drop the notes of lines read up to `last` (reported by now): a file
    of many bad lines keeps none of them in memory."""
    for number in [n for n in bad if n <= last]:
        del bad[number]


def read_csv(
    handle: IO[bytes], *, required: Sequence[str], delimiter: str = ","
) -> Iterator[Entry]:
    """Rows of a CSV with a header line, as dicts keyed by the header's
    (stripped) names, numbered by the line the row starts on.

    Raises UnreadableFile before yielding anything when the header cannot
    be read or lacks a required column."""
    bad: dict[int, str] = {}
    lines = _physical_lines(handle, bad)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFile("the file is empty: no header line") from None
    except csv.Error as exc:
        raise UnreadableFile(f"the header line cannot be read: {exc}") from None
    if 1 in bad:
        raise UnreadableFile(f"the header line cannot be read: {bad[1]}")
    header = [name.strip() for name in header]
    missing = [name for name in required if name not in header]
    if missing:
        raise UnreadableFile("the header has no column " + ", ".join(missing))
    width = len(header)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if any(sign in message for sign in QUOTE_TROUBLE):
                message = BAD_QUOTE
            _forget(bad, reader.line_num)
            yield Entry(start, error=message)
            continue
        if bad:  # most files have no bad line: nothing to look up
            errors = [bad[n] for n in range(start, reader.line_num + 1) if n in bad]
            _forget(bad, reader.line_num)
            if errors:
                yield Entry(start, error=errors[0])
                continue
        if not row or row == [""]:
            continue
        if len(row) != width:
            yield Entry(
                start,
                error=f"the row has {len(row)} fields, the header has {width}",
            )
            continue
        yield Entry(start, data=dict(zip(header, row, strict=True)))


# --- MARC-8 ----------------------------------------------------------------

BASIC_LATIN = 0x42
ANSEL = 0x45
MULTIBYTE = 0x31
G0_DESIGNATORS = {0x28, 0x2C}
G1_DESIGNATORS = {0x29, 0x2D}
SINGLE_ESCAPES = {0x62, 0x67, 0x70}  # subscript, Greek symbols, superscript


class Marc8Error(ValueError):
    pass


def marc8_decode(data: bytes) -> str:
    """MARC-8 text (one subfield) as Unicode, strictly: an escape to an
    unknown set, a character its set lacks, a cut multibyte character or
    an escape that is not closed by the end of the subfield raise
    Marc8Error."""
    import unicodedata

    g0, g1 = BASIC_LATIN, ANSEL
    out: list[str] = []
    combining: list[str] = []
    pos, size = 0, len(data)
    while pos < size:
        byte = data[pos]
        if byte == 0x1B:
            nxt = data[pos + 1] if pos + 1 < size else -1
            if nxt == 0x73:
                g0, pos = BASIC_LATIN, pos + 2
                continue
            if nxt in SINGLE_ESCAPES:
                g0, pos = nxt, pos + 2
                continue
            multi = nxt == 0x24
            designator_at = pos + 2 if multi else pos + 1
            designator = data[designator_at] if designator_at < size else -1
            if multi and designator not in G0_DESIGNATORS | G1_DESIGNATORS:
                final_at = designator_at  # ESC $ F: multibyte into G0
                designator = 0x28
            else:
                final_at = designator_at + 1
            final = data[final_at] if final_at < size else -1
            if final not in marc8_mapping.CODESETS or designator not in (
                G0_DESIGNATORS | G1_DESIGNATORS
            ):
                raise Marc8Error("a MARC-8 escape sequence is not one the standard has")
            if designator in G0_DESIGNATORS:
                g0 = final
            else:
                g1 = final
            pos = final_at + 1
            continue
        if byte == 0x20:
            out.append(" ")
            pos += 1
            continue
        if byte < 0x20:
            pos += 1
            continue
        if g0 == MULTIBYTE and byte < 0x80:
            if pos + 3 > size:
                raise Marc8Error("a MARC-8 multibyte character is cut short")
            code = (data[pos] << 16) | (data[pos + 1] << 8) | data[pos + 2]
            table = marc8_mapping.CODESETS[MULTIBYTE]
            pos += 3
        else:
            code = byte
            table = marc8_mapping.CODESETS[g1 if byte >= 0x80 else g0]
            pos += 1
        try:
            uni, is_combining = table[code]
        except KeyError:
            odd = marc8_mapping.ODD_MAP.get(code)
            if odd is None:
                raise Marc8Error(f"byte 0x{code:x} is no character of its MARC-8 set") from None
            out.append(chr(odd))
            continue
        if is_combining:
            combining.append(chr(uni))
        else:
            out.append(chr(uni))
            out.extend(combining)
            combining = []
    if g0 != BASIC_LATIN or g1 != ANSEL:
        raise Marc8Error("a MARC-8 escape is not closed by the end of the field")
    out.extend(combining)
    return unicodedata.normalize("NFC", "".join(out))


# --- ISO 2709 --------------------------------------------------------------


def _record_chunks(handle: IO[bytes]) -> Iterator[tuple[bytes | None, str]]:
    """Raw records split on the record terminator, each with "" or a reason
    it cannot be a record (too long, truncated)."""
    buffer = b""
    skipping = False
    while True:
        block = handle.read(CHUNK)
        if not block:
            break
        buffer += block
        while True:
            end = buffer.find(RECORD_TERMINATOR)
            if end < 0:
                break
            if skipping:
                skipping = False
            elif end + 1 > MAX_RECORD_BYTES:
                yield None, RECORD_TOO_LONG
            else:
                yield buffer[: end + 1], ""
            buffer = buffer[end + 1 :]
        if len(buffer) > MAX_RECORD_BYTES:
            if not skipping:
                yield None, RECORD_TOO_LONG
            skipping = True
            buffer = b""
    if buffer.strip(b"\r\n \x1a") and not skipping:
        yield None, TRUNCATED


def _decode_record(raw: bytes) -> pymarc.Record:
    declared = raw[:5]
    if not declared.isdigit():
        raise ValueError("the leader's record length is not five digits")
    if int(declared) != len(raw):
        raise ValueError(
            f"the leader gives a length of {int(declared)} bytes, the record has {len(raw)}"
        )
    utf8 = raw[9:10] == b"a"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            record = pymarc.Record(data=raw, to_unicode=utf8, utf8_handling="strict")
        except UnicodeDecodeError:
            raise ValueError(ENCODING_UTF8) from None
        except pymarc.exceptions.PymarcException as exc:
            raise ValueError(f"the record's structure is broken ({exc})") from None
        except (IndexError, ValueError):
            raise ValueError("the record's directory is broken") from None
    if not utf8:
        _marc8_to_unicode(record)
    return record


def _marc8_to_unicode(record: pymarc.Record) -> None:
    fields = []
    for field in record.fields:
        if field.is_control_field():
            data = field.data
            if isinstance(data, bytes):
                data = data.decode("ascii", "replace")
            fields.append(pymarc.Field(tag=field.tag, data=data))
            continue
        subfields = []
        for sub in field.subfields:
            value = sub.value
            try:
                text = marc8_decode(value) if isinstance(value, bytes) else value
            except Marc8Error as exc:
                raise ValueError(f"encoding error in field {field.tag}: {exc}") from None
            subfields.append(pymarc.Subfield(code=sub.code, value=text))
        fields.append(pymarc.Field(tag=field.tag, indicators=field.indicators, subfields=subfields))
    record.fields = fields
    record.leader = pymarc.Leader(str(record.leader)[:9] + "a" + str(record.leader)[10:])


class LightField:
    """A field as `LightRecord` holds it: the part of pymarc's Field that
    `moving.marc` reads (`tag`, `data`, `subfields` as (code, value)
    pairs, `get_subfields`)."""

    __slots__ = ("data", "subfields", "tag")

    def __init__(
        self, tag: str, data: str | None = None, subfields: list[tuple[str, str]] | None = None
    ) -> None:
        self.tag = tag
        self.data = data
        self.subfields = subfields if subfields is not None else []

    def is_control_field(self) -> bool:
        return self.data is not None

    def get_subfields(self, *codes: str) -> list[str]:
        return [value for code, value in self.subfields if code in codes]


class LightRecord:
    """A UTF-8 MARC record decoded the way pymarc decodes it, without
    pymarc's objects per field and subfield: what the import reads of a
    record costs a third of pymarc's decoding (docs/import.md)."""

    __slots__ = ("_by_tag", "fields", "leader")

    def __init__(self, leader: str, fields: list[LightField]) -> None:
        self.leader = leader
        self.fields = fields
        by_tag: dict[str, list[LightField]] = {}
        for fld in fields:
            by_tag.setdefault(fld.tag, []).append(fld)
        self._by_tag = by_tag

    def get_fields(self, *tags: str) -> Sequence[LightField]:
        """The fields with these tags (all with none), in record order; not
        to be changed by the caller."""
        if not tags:
            return self.fields
        if len(tags) == 1:
            return self._by_tag.get(tags[0], ())
        wanted = set(tags)
        return [fld for fld in self.fields if fld.tag in wanted]


def _light_record(raw: bytes) -> LightRecord | None:
    """`raw` (its length already checked against the leader) decoded as
    pymarc's `Record(data=raw, to_unicode=True, utf8_handling="strict")`
    would decode it, or None for anything but a plain UTF-8 record whose
    leader, directory, indicators and subfield codes are ASCII: the caller
    then asks pymarc, whose verdict (a record, or the reason it is none)
    stands. Mirrors pymarc's `Record.decode_marc`: a field's data runs to
    the byte before the next offset's terminator, empty subfields are
    skipped, a tag below 010 is a control field."""
    if raw[9:10] != b"a" or len(raw) < 24:
        return None
    base_digits = raw[12:17]
    if not base_digits.isdigit():
        return None
    base = int(base_digits)
    if base <= 0 or base >= len(raw):
        return None
    directory = raw[24 : base - 1]
    if not directory or len(directory) % 12 or not raw[:base].isascii():
        return None
    fields: list[LightField] = []
    try:
        for at in range(0, len(directory), 12):
            tag = directory[at : at + 3].decode("ascii")
            length_digits = directory[at + 3 : at + 7]
            offset_digits = directory[at + 7 : at + 12]
            if not (length_digits.isdigit() and offset_digits.isdigit()):
                return None
            start = base + int(offset_digits)
            data = raw[start : start + int(length_digits) - 1]
            if tag < "010" and tag.isdigit():
                fields.append(LightField(tag, data=data.decode("utf-8")))
                continue
            parts = data.split(b"\x1f")
            if not parts[0].isascii():
                return None
            subfields = []
            for part in parts[1:]:
                if not part:
                    continue
                if part[0] >= 0x80:
                    return None
                subfields.append((chr(part[0]), part[1:].decode("utf-8")))
            fields.append(LightField(tag, subfields=subfields))
    except UnicodeDecodeError:
        return None
    return LightRecord(raw[:24].decode("ascii"), fields)


def read_marc(handle: IO[bytes], *, light: bool = False) -> Iterator[Entry]:
    """(pymarc Record, the record's bytes as read) from ISO 2709, UTF-8 or
    MARC-8, numbered from 1; the Record's text is Unicode and its leader
    says so. With `light`, a plain UTF-8 record comes as a `LightRecord`
    instead (same text, same verdict; what the import reads)."""
    for number, (raw, problem) in enumerate(_record_chunks(handle), start=1):
        if raw is None:
            yield Entry(number, error=problem)
            continue
        try:
            if light and raw[:5].isdigit() and int(raw[:5]) == len(raw):
                record = _light_record(raw)
                if record is not None:
                    yield Entry(number, data=(record, raw))
                    continue
            yield Entry(number, data=(_decode_record(raw), raw))
        except ValueError as exc:
            yield Entry(number, error=str(exc))


# --- MARCXML ---------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_record(element: ET.Element) -> pymarc.Record:
    record = pymarc.Record()
    for child in element:
        name = _local(child.tag)
        if name == "leader":
            record.leader = pymarc.Leader((child.text or "").ljust(24)[:24])
        elif name == "controlfield":
            record.add_field(pymarc.Field(tag=child.get("tag", ""), data=child.text or ""))
        elif name == "datafield":
            subfields = [
                pymarc.Subfield(code=sub.get("code", " "), value=sub.text or "")
                for sub in child
                if _local(sub.tag) == "subfield"
            ]
            indicators = pymarc.Indicators(child.get("ind1", " "), child.get("ind2", " "))
            record.add_field(
                pymarc.Field(tag=child.get("tag", ""), indicators=indicators, subfields=subfields)
            )
    return record


class _Utf8Checked(io.RawIOBase):
    """A binary stream that raises UnicodeDecodeError as soon as it passes
    bytes that are not UTF-8, so a MARCXML file with bad bytes stops with a
    report line at that point instead of being read in another encoding."""

    def __init__(self, inner: IO[bytes]) -> None:
        self.inner = inner
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        self.decoder.decode(data, final=not data)
        buffer[: len(data)] = data
        return len(data)


def read_marcxml(handle: IO[bytes]) -> Iterator[Entry]:
    """(pymarc Record, the record's XML) from a MARCXML collection or record,
    streamed: each record's element is dropped once read. A file that stops
    being XML ends with one Entry that says where."""
    number = 0
    stream = io.BufferedReader(_Utf8Checked(handle), CHUNK)
    parents: list[ET.Element] = []
    try:
        for event, element in SafeET.iterparse(stream, events=("start", "end")):
            if event == "start":
                parents.append(element)
                continue
            parents.pop()
            if _local(element.tag) != "record":
                continue
            number += 1
            try:
                raw = ET.tostring(element, encoding="utf-8")
                yield Entry(number, data=(_xml_record(element), raw))
            except (ValueError, TypeError) as exc:
                yield Entry(number, error=f"the record cannot be read ({exc})")
            element.clear()
            if parents:
                parents[-1].remove(element)
    except ET.ParseError as exc:
        line = exc.position[0]
        yield Entry(number + 1, error=f"the XML is broken at line {line}; reading stopped there")
    except UnicodeDecodeError:
        yield Entry(number + 1, error=ENCODING_UTF8 + "; reading stopped there")
