"""Barcode formats: 14 digits with a Luhn (mod 10) check digit.

Library cards start with 2 and items with 3, the long-standing Codabar
convention, so a single scan field can tell them apart without a lookup.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

CARD_PREFIX = "2"
ITEM_PREFIX = "3"
# [0-9], not \d: \d also matches other scripts' digits.
_FORMAT = re.compile(r"^[23][0-9]{13}$")

INVALID_CARD_BARCODE = "A library card barcode is 14 digits starting with 2."
INVALID_ITEM_BARCODE = "An item barcode is 14 digits starting with 3."
BAD_CHECK_DIGIT = "The check digit does not match: rescan or type it again."


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def make_barcode(prefix: str, number: int) -> str:
    body = f"{prefix}{number:012d}"
    return body + luhn_check_digit(body)


def make_card_barcode(number: int) -> str:
    return make_barcode(CARD_PREFIX, number)


def make_item_barcode(number: int) -> str:
    return make_barcode(ITEM_PREFIX, number)


def normalize(raw: str) -> str:
    """Strip what scanners and typists add: spaces, dashes, Codabar A-D."""
    return re.sub(r"[\s\-]", "", raw or "").strip("ABCDabcd")


# Longer than any barcode with a scanner's or typist's additions: anything
# longer is refused before it is even normalized.
MAX_RAW_LENGTH = 40


def parse_barcode(raw: object) -> str | None:
    """The barcode a scanner or typist sent, normalized, if it is a valid
    card or item barcode; None for anything else (not a string, too long,
    a NUL byte, digits of another script such as "²" or "２", a wrong check
    digit). The one parser for untrusted barcodes: what it returns is safe
    to look up."""
    if not isinstance(raw, str) or len(raw) > MAX_RAW_LENGTH:
        return None
    barcode = normalize(raw)
    return barcode if kind_of(barcode) is not None else None


def parse_card_barcode(raw: object) -> str | None:
    """As parse_barcode, for a library card's barcode only."""
    barcode = parse_barcode(raw)
    return barcode if barcode is not None and barcode[0] == CARD_PREFIX else None


def kind_of(barcode: str) -> str | None:
    """'card', 'item', or None when the string is no valid barcode."""
    if not _FORMAT.fullmatch(barcode):
        return None
    if luhn_check_digit(barcode[:-1]) != barcode[-1]:
        return None
    return "card" if barcode[0] == CARD_PREFIX else "item"


def validate_card_barcode(value: str) -> None:
    if not re.fullmatch(r"2[0-9]{13}", value or ""):
        raise ValidationError(INVALID_CARD_BARCODE, code="format")
    if luhn_check_digit(value[:-1]) != value[-1]:
        raise ValidationError(BAD_CHECK_DIGIT, code="check_digit")


def validate_item_barcode(value: str) -> None:
    if not re.fullmatch(r"3[0-9]{13}", value or ""):
        raise ValidationError(INVALID_ITEM_BARCODE, code="format")
    if luhn_check_digit(value[:-1]) != value[-1]:
        raise ValidationError(BAD_CHECK_DIGIT, code="check_digit")
