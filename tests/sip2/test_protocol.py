"""The wire format alone: any text parses or is refused with
ProtocolError, and what is built parses back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sip2 import protocol as P

FIELD_IDS = st.sampled_from(["AA", "AB", "AD", "AO", "AC", "BP", "BQ", "CN", "CO"])
VALUES = st.text(
    alphabet=st.characters(blacklist_characters="|\r\n", blacklist_categories=("Cs", "Cc")),
    max_size=40,
)


@given(st.text(max_size=300), st.booleans())
def test_any_text_parses_or_is_refused_as_a_protocol_error(text, require):
    try:
        request = P.parse(text, require_checksum=require, encoding="cp850")
    except P.ProtocolError:
        return
    assert request.code in P.FIXED_WIDTH


@given(
    st.sampled_from(sorted(c for c in P.FIXED_WIDTH if c not in ("65", "97"))),
    st.lists(st.tuples(FIELD_IDS, VALUES), max_size=6),
    st.sampled_from("0123456789"),
)
def test_a_signed_request_parses_back_to_its_fields(code, fields, seq):
    fixed = "Y" * P.FIXED_WIDTH[code]
    text = P.build(code + fixed, fields, sequence=seq, with_checksum=True)
    request = P.parse(text.rstrip("\r"), require_checksum=True)
    assert request.code == code and request.fixed == fixed and request.sequence == seq
    expected: dict[str, list[str]] = {}
    for field_id, value in fields:
        expected.setdefault(field_id, []).append(value)
    assert request.fields == expected


def test_a_checksum_is_required_when_the_terminal_uses_them():
    with pytest.raises(P.ProtocolError):
        P.parse("9900802.00", require_checksum=True)
    assert P.parse("9900802.00").code == "99"


def test_field_values_cannot_break_the_framing():
    text = P.build("36Y", [("AF", "a|b\rc\nd")], sequence=None, with_checksum=False)
    assert text == "36YAFa b c d|\r"
