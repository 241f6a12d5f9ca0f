"""MARC 21 read from files nobody on this project wrote (pymarc's and
Evergreen's test data): ISO 2709 and MARCXML, UTF-8 and MARC-8, Hebrew and
Devanagari; broken records get a plain reason and the reading goes on."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pymarc
import pytest

from moving import marc, readers

MARC = Path(__file__).resolve().parents[1] / "data" / "marc"


def read(path: Path) -> list[readers.Entry]:
    reader = readers.read_marcxml if path.suffix == ".xml" else readers.read_marc
    with path.open("rb") as handle:
        return list(reader(handle))


def titles(path: Path) -> list[marc.TitleRecord]:
    return [marc.title_of(e.data[0], raw=e.data[1]) for e in read(path) if not e.error]


def test_marc8_latin_with_diacritics_reads_as_unicode():
    [entry] = read(MARC / "pymarc" / "marc8.dat")
    record, raw = entry.data
    assert raw[9:10] == b" "  # MARC-8 as received
    text = str(record)
    assert "\x1b" not in text
    assert str(record.leader)[9] == "a"


def test_hebrew_marc8_from_evergreen_reads_in_hebrew_script():
    entries = read(MARC / "evergreen" / "hebrew.marc")
    good = [e for e in entries if not e.error]
    assert len(entries) == 20
    assert len(good) == 19
    hebrew = [
        sub.value
        for e in good
        for fld in e.data[0].get_fields("880")
        for sub in fld.subfields
        if any("\u0590" <= ch <= "\u05ff" for ch in sub.value)
    ]
    assert hebrew, "the 880 fields carry Hebrew script"
    # The one record refused says why, by number, without its content.
    [bad] = [e for e in entries if e.error]
    assert bad.number == 18
    assert bad.error.startswith("encoding error in field 880:")


def test_devanagari_utf8_from_evergreen_maps_to_titles_with_holdings():
    records = titles(MARC / "evergreen" / "nepali.marc")
    assert len(records) == 96
    first = records[0]
    assert first.title == "बिहानी टुसा"
    assert first.author == "शाह, वीरेन्द्रविक्रम"
    assert first.year == 1964
    assert first.language == "nep"
    # No 001: known by the digest of its bytes, the same on every run.
    assert first.record_number.startswith("sha1:")
    assert titles(MARC / "evergreen" / "nepali.marc")[0].record_number == first.record_number


def test_a_french_evergreen_batch_has_isbns_and_record_numbers():
    records = titles(MARC / "evergreen" / "lul_fre_100.mrc")
    assert len(records) == 100
    assert all(r.title for r in records)
    with_isbn = [r for r in records if r.isbn]
    assert with_isbn and all(len(r.isbn) in (10, 13) for r in with_isbn)
    assert len({r.record_number for r in records}) == 100


def test_marcxml_from_pymarc_reads_utf8_and_keeps_the_record_xml():
    entries = read(MARC / "pymarc" / "batch.xml")
    assert [e.error for e in entries] == ["", ""]
    record, raw = entries[0].data
    assert b"datafield" in raw
    assert marc.title_of(record, raw=raw).title
    [utf8] = read(MARC / "pymarc" / "utf8.xml")
    assert not utf8.error


def test_broken_records_from_pymarc_each_get_a_reason_and_the_good_ones_read():
    entries = read(MARC / "pymarc" / "bad_records.mrc")
    # pymarc's own test lists them: a good record, six broken ones, a good one.
    assert [e.number for e in entries] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert not entries[0].error and not entries[7].error
    reasons = [e.error for e in entries[1:7]]
    assert all(reasons)
    assert reasons[0] == "the record's structure is broken (Base address exceeds size of record)"


def test_a_marc8_escape_that_is_no_escape_is_an_encoding_error():
    [entry] = read(MARC / "pymarc" / "bad_marc8_escape.dat")
    assert entry.error.startswith("encoding error in field")


def test_a_marc8_escape_never_closed_is_refused_and_a_closed_one_reads():
    assert readers.marc8_decode(b"\x1b(2\x60\x1b(B") == "\u05d0"
    with pytest.raises(readers.Marc8Error, match="not closed"):
        readers.marc8_decode(b"\x1b(2\x60")


def test_concatenated_xml_documents_stop_with_a_line_number():
    entries = read(MARC / "evergreen" / "serials_marc21.xml")
    assert not entries[0].error
    assert entries[-1].error == "the XML is broken at line 117; reading stopped there"


def one_record(**leader_fix: bytes) -> bytes:
    record = pymarc.Record(force_utf8=True)
    record.add_field(pymarc.Field(tag="001", data="rec-1"))
    record.add_field(
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("0", "0"),
            subfields=[pymarc.Subfield("a", "Title")],
        )
    )
    return record.as_marc()


def test_a_wrong_leader_length_a_truncated_tail_and_a_runaway_record():
    good = one_record()
    wrong = b"00099" + good[5:]
    runaway = b"9" * (readers.MAX_RECORD_BYTES + 10)
    data = good + wrong + runaway + readers.RECORD_TERMINATOR + good + good[:40]
    entries = list(readers.read_marc(io.BytesIO(data)))
    assert [e.error for e in entries] == [
        "",
        f"the leader gives a length of 99 bytes, the record has {len(good)}",
        readers.RECORD_TOO_LONG,
        "",
        readers.TRUNCATED,
    ]


def test_invalid_utf8_in_marcxml_stops_with_a_report_line():
    xml = (
        b'<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>'
        b"00000nam a2200000 a 4500</leader>"
        b'<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Ok</subfield></datafield>'
        b"</record><record><datafield tag='245' ind1='0' ind2='0'><subfield code='a'>"
        b"Bad \xff</subfield></datafield></record></collection>"
    )
    entries = list(readers.read_marcxml(io.BytesIO(xml)))
    assert entries[-1].error.startswith("encoding error")


def test_koha_952_and_standard_852_copies_by_the_subfield_map():
    record = pymarc.Record(force_utf8=True)
    record.add_field(
        pymarc.Field(
            tag="952",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[
                pymarc.Subfield("a", "MAIN"),
                pymarc.Subfield("p", "31234000000017"),
                pymarc.Subfield("o", "FIC ADA"),
                pymarc.Subfield("v", "24.95"),
                pymarc.Subfield("1", "1"),
            ],
        ),
        pymarc.Field(
            tag="852",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[
                pymarc.Subfield("b", "EAST"),
                pymarc.Subfield("h", "823.914"),
                pymarc.Subfield("i", "A123"),
                pymarc.Subfield("c", "Stacks"),
            ],
        ),
    )
    koha, standard = marc.copies_of(record, marc.HOLDINGS)
    assert (koha.barcode, koha.branch, koha.call_number, koha.status) == (
        "31234000000017",
        "MAIN",
        "FIC ADA",
        "lost",
    )
    assert str(koha.price) == "24.95"
    assert (standard.branch, standard.call_number, standard.location) == (
        "EAST",
        "823.914 A123",
        "Stacks",
    )
    assert standard.problem == "copy 2 (852) has no barcode"


def test_a_koha_copy_keeps_its_shelving_location_and_lost_value_4_is_missing():
    def copy(*subfields: tuple[str, str]) -> pymarc.Field:
        return pymarc.Field(
            tag="952",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[
                pymarc.Subfield("a", "MAIN"),
                pymarc.Subfield("p", "31234000000017"),
                *(pymarc.Subfield(code, value) for code, value in subfields),
            ],
        )

    record = pymarc.Record(force_utf8=True)
    record.add_field(
        copy(("c", "CHILD")),
        copy(("c", "GEN"), ("1", "4")),
        copy(("1", "3")),
        copy(("0", "1")),
    )
    children, missing, paid_for, withdrawn = marc.copies_of(record, marc.HOLDINGS)
    assert (children.location, children.status) == ("CHILD", "available")
    assert (missing.location, missing.status) == ("GEN", "missing")
    assert (paid_for.location, paid_for.status) == ("", "lost")
    assert withdrawn.status == "withdrawn"


# --- The import's light decoding against pymarc's ---------------------------


def _fields(record: object) -> list[tuple[str, object]]:
    return [
        (fld.tag, fld.data if fld.data is not None else [tuple(s) for s in fld.subfields])
        for fld in record.get_fields()  # type: ignore[attr-defined]
    ]


def _same_as_pymarc(data: bytes) -> tuple[int, int]:
    """Reads `data` both ways and asserts the same entries: numbers, errors,
    leader, fields, and the title and copies the import makes of each.
    (records read light, records read in all)"""
    plain = list(readers.read_marc(io.BytesIO(data)))
    light = list(readers.read_marc(io.BytesIO(data), light=True))
    assert [(e.number, e.error) for e in light] == [(e.number, e.error) for e in plain]
    lights = 0
    for mine, theirs in zip(light, plain, strict=True):
        if mine.error:
            continue
        (record, raw), (expected, expected_raw) = mine.data, theirs.data
        assert raw == expected_raw
        lights += isinstance(record, readers.LightRecord)
        assert str(record.leader) == str(expected.leader)
        assert _fields(record) == _fields(expected)
        for source in ("koha", ""):
            try:
                title = marc.title_of(record, raw=raw, source=source)
            except ValueError as exc:
                with pytest.raises(ValueError, match=re.escape(str(exc))):
                    marc.title_of(expected, raw=raw, source=source)
                continue
            assert title == marc.title_of(expected, raw=raw, source=source)
        assert marc.copies_of(record, marc.HOLDINGS) == marc.copies_of(expected, marc.HOLDINGS)
    return lights, len(plain)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in MARC.rglob("*") if p.suffix in (".mrc", ".marc", ".dat")),
    ids=lambda p: str(p.relative_to(MARC)),
)
def test_the_import_reads_every_real_file_as_pymarc_does(path: Path):
    """Every ISO 2709 file here (Koha's, Evergreen's, pymarc's, broken ones
    included): the import's light decoding of UTF-8 records gives the same
    fields, titles, copies and rejection reasons as pymarc's."""
    _lights, total = _same_as_pymarc(path.read_bytes())
    assert total


def test_utf8_records_are_read_light_and_marc8_ones_by_pymarc():
    lights, total = _same_as_pymarc((MARC / "evergreen" / "nepali.marc").read_bytes())
    assert lights == total == 96
    lights, total = _same_as_pymarc((MARC / "pymarc" / "marc8.dat").read_bytes())
    assert (lights, total) == (0, 1)


def _utf8_record(*fields: pymarc.Field) -> bytes:
    record = pymarc.Record(force_utf8=True)
    record.add_field(pymarc.Field(tag="001", data="rec-1"), *fields)
    return record.as_marc()


def _field(
    tag: str, *pairs: tuple[str, str], indicators: tuple[str, str] = (" ", " ")
) -> pymarc.Field:
    return pymarc.Field(
        tag=tag,
        indicators=pymarc.Indicators(*indicators),
        subfields=[pymarc.Subfield(code, value) for code, value in pairs],
    )


def _oddities() -> list[bytes]:
    good = _utf8_record(
        _field("245", ("a", "Título ñ")),
        _field("500", ("a", "Nota")),
        _field("952", ("p", "31234000000017"), ("a", "MAIN"), ("v", "9,50")),
        _field("952", ("p", ""), ("a", "MAIN")),
    )
    note = good.index(b"Nota")
    title = good.index("ñ".encode())
    code = good.index(b"\x1faT")
    return [
        good,
        # Bad UTF-8 in a field the import never reads: refused all the same.
        good[:note] + b"\xff" + good[note + 1 :],
        # An empty subfield (two delimiters in a row): skipped.
        good[: note - 1] + b"\x1f" + good[note:],
        # Bad UTF-8 in the title.
        good[:title] + b"\xc3n" + good[title + 2 :],
        # A subfield code that is not ASCII (pymarc warns and repairs it).
        good[:code] + b"\x1f\xc3\xa1" + good[code + 3 :],
        # Indicators that are not ASCII.
        _utf8_record(_field("245", ("a", "T"), indicators=("é", " "))),
        # No fields, a directory entry that is not digits, a base address
        # past the end.
        good[:12] + b"00025" + good[17:],
        good[:27] + b"x" + good[28:],
        good[:12] + b"99999" + good[17:],
    ]


def test_odd_utf8_records_get_pymarcs_verdict_from_the_light_reading():
    """A record the light decoding does not take as it is (bad bytes,
    non-ASCII indicators or codes, a broken directory) is left to pymarc:
    the same record or the same reason, record by record."""
    for data in _oddities():
        _same_as_pymarc(data)
    lights, total = _same_as_pymarc(b"".join(_oddities()))
    assert total == len(_oddities())
    assert 1 <= lights < total
