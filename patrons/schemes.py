"""The library's barcode schemes, read from `BarcodeScheme` rows for
`patrons.barcodes`, and the lookups that keep a barcode from being both a
card and an item.

The schemes are cached per process for `TTL` seconds (the desk's scan path
asks for them on every scan) and dropped at once when a scheme is saved or
deleted in this process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from patrons import barcodes
from patrons.models import BarcodeScheme, Card

TTL = 30.0

_cache: tuple[float, tuple[barcodes.Scheme, barcodes.Scheme]] | None = None
# Set by circulation (a higher app): which of these barcodes are items'.
_item_barcodes: Callable[[Iterable[str]], set[str]] | None = None

BARCODE_IS_AN_ITEM = "That barcode is an item's: a barcode is never both a card and an item."


def clear() -> None:
    global _cache
    _cache = None


def assume_defaults() -> None:
    """Take the default schemes as read just now, without a query: for
    tests, which start with no BarcodeScheme row and count queries."""
    global _cache
    _cache = (time.monotonic(), (barcodes.DEFAULT_CARD_SCHEME, barcodes.DEFAULT_ITEM_SCHEME))


def load() -> tuple[barcodes.Scheme, barcodes.Scheme]:
    """The (card, item) schemes of the installation's library system."""
    global _cache
    now = time.monotonic()
    if _cache is not None and now - _cache[0] < TTL:
        return _cache[1]
    card, item = barcodes.DEFAULT_CARD_SCHEME, barcodes.DEFAULT_ITEM_SCHEME
    rows = BarcodeScheme.objects.order_by("system_id", "applies_to")
    seen_system = None
    for row in rows:
        if seen_system is not None and row.system_id != seen_system:
            break
        seen_system = row.system_id
        scheme = barcodes.Scheme(row.length, row.prefix, row.check_digit)
        if row.applies_to == BarcodeScheme.AppliesTo.CARD:
            card = scheme
        else:
            item = scheme
    _cache = (now, (card, item))
    return card, item


def register_item_lookup(lookup: Callable[[Iterable[str]], set[str]]) -> None:
    global _item_barcodes
    _item_barcodes = lookup


def item_barcodes(codes: Iterable[str]) -> set[str]:
    """Which of `codes` are items' barcodes."""
    return _item_barcodes(codes) if _item_barcodes is not None else set()


def card_barcodes(codes: Iterable[str]) -> set[str]:
    return set(Card.objects.filter(barcode__in=list(codes)).values_list("barcode", flat=True))


def scan_kind(barcode: str) -> str | None:
    """'card' or 'item' for a scanned barcode: by the schemes, and where
    they overlap by whether a card has it."""
    kind = barcodes.kind_of(barcode)
    if kind == barcodes.EITHER:
        return barcodes.CARD if card_barcodes([barcode]) else barcodes.ITEM
    return kind
