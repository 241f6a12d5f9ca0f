"""Barcode formats: a scheme per library system for cards and one for items
(length, prefix, check digit), read by every parser and validator here.

The default, when a library has set none, is the long-standing Codabar
convention: 14 digits with a Luhn (mod 10) check digit, cards starting
with 2 and items with 3, so a single scan field tells them apart without a
lookup. Where a library's schemes overlap, `kind_of` says "either" and the
caller looks the barcode up (`patrons.schemes.scan_kind`).

This module imports no model: `patrons.schemes` (installed by the patrons
app) hands it the library's schemes through `use_schemes`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

CARD_PREFIX = "2"
ITEM_PREFIX = "3"
# [0-9], not \d: \d also matches other scripts' digits.
_FORMAT = re.compile(r"^[23][0-9]{13}$")

INVALID_CARD_BARCODE = "A library card barcode is 14 digits starting with 2."
INVALID_ITEM_BARCODE = "An item barcode is 14 digits starting with 3."
BAD_CHECK_DIGIT = "The check digit does not match: rescan or type it again."


# A digit doubled, its two digits summed (Luhn): 5 -> 10 -> 1.
_DOUBLED = str.maketrans("0123456789", "0246813579")


def luhn_check_digit(body: str) -> str:
    if body.isascii() and body.isdigit():
        # Every second digit from the right doubled, by the table, and the
        # digits summed in C: a quarter of the loop's time, and an import
        # checks every row's barcode.
        # (A digit's code is 48 more than its value.)
        digits = body[::-2].translate(_DOUBLED).encode() + body[-2::-2].encode()
        total = sum(digits) - 48 * len(digits)
        return str((10 - total % 10) % 10)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


LUHN = "luhn"
NO_CHECK = "none"


@dataclass(frozen=True)
class Scheme:
    """What a barcode of one kind looks like: `length` digits, starting with
    `prefix`, the last digit a Luhn check digit or not."""

    length: int
    prefix: str = ""
    check: str = LUHN

    def matches(self, value: str) -> bool:
        return (
            len(value) == self.length
            and value.isascii()
            and value.isdigit()
            and value.startswith(self.prefix)
            and (self.check != LUHN or luhn_check_digit(value[:-1]) == value[-1])
        )

    def describe(self, noun: str) -> str:
        start = f" starting with {self.prefix}" if self.prefix else ""
        return f"{noun} is {self.length} digits{start}."


DEFAULT_CARD_SCHEME = Scheme(length=14, prefix=CARD_PREFIX, check=LUHN)
DEFAULT_ITEM_SCHEME = Scheme(length=14, prefix=ITEM_PREFIX, check=LUHN)
CARD_NOUN = "A library card barcode"
ITEM_NOUN = "An item barcode"

_loader: Callable[[], tuple[Scheme, Scheme]] | None = None


def use_schemes(loader: Callable[[], tuple[Scheme, Scheme]] | None) -> None:
    """Read the (card, item) schemes from `loader` from now on (None: the
    defaults). Called once by the patrons app."""
    global _loader
    _loader = loader


def schemes() -> tuple[Scheme, Scheme]:
    """The library's (card, item) schemes."""
    if _loader is None:
        return DEFAULT_CARD_SCHEME, DEFAULT_ITEM_SCHEME
    return _loader()


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
    return barcode if barcode is not None and kind_of(barcode) in (CARD, EITHER) else None


CARD = "card"
ITEM = "item"
EITHER = "either"


def kind_of(barcode: str) -> str | None:
    """'card', 'item', 'either' (the library's schemes overlap and only a
    lookup can tell), or None when the string is no valid barcode."""
    card, item = schemes()
    if card == DEFAULT_CARD_SCHEME and item == DEFAULT_ITEM_SCHEME:
        # The default's fast path: the scan field's hot path.
        if not _FORMAT.fullmatch(barcode) or luhn_check_digit(barcode[:-1]) != barcode[-1]:
            return None
        return CARD if barcode[0] == CARD_PREFIX else ITEM
    is_card, is_item = card.matches(barcode), item.matches(barcode)
    if is_card and is_item:
        return EITHER
    return CARD if is_card else ITEM if is_item else None


def _validate(value: str, scheme: Scheme, noun: str, default_message: str) -> None:
    value = value or ""
    shaped = Scheme(scheme.length, scheme.prefix, NO_CHECK)
    if not shaped.matches(value):
        message = (
            default_message
            if scheme in (DEFAULT_CARD_SCHEME, DEFAULT_ITEM_SCHEME)
            else scheme.describe(noun)
        )
        raise ValidationError(message, code="format")
    if not scheme.matches(value):
        raise ValidationError(BAD_CHECK_DIGIT, code="check_digit")


def validate_card_barcode(value: str) -> None:
    _validate(value, schemes()[0], CARD_NOUN, INVALID_CARD_BARCODE)


def validate_item_barcode(value: str) -> None:
    _validate(value, schemes()[1], ITEM_NOUN, INVALID_ITEM_BARCODE)
