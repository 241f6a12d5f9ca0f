"""Input validation for the desk screen: what a scanner or a typist sends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms

from patrons import barcodes, schemes
from patrons.barcodes import BAD_CHECK_DIGIT, kind_of, luhn_check_digit, normalize

EMPTY_SCAN = "Scan or type a barcode."
TOO_LONG = "That is too long for a barcode: a barcode is 14 digits."
NOT_DIGITS = "A barcode has digits only (0-9): rescan or type it again."
WRONG_LENGTH = "A barcode is 14 digits; this one has {n}."
WRONG_PREFIX = "Card barcodes start with 2 and item barcodes with 3."
NOT_AN_ITEM = "That is a library card: scan an item barcode here."
NOT_OURS = "That is no card or item barcode of this library: rescan or type it again."
REASON_REQUIRED = "Give a reason."
REASON_IS_A_BARCODE = (
    "That is a scanned barcode, not a reason: nothing was lent. Type why you are lending it."
)

NO_ROW = "Choose the loan, hold or fee with its own button on the patron's summary."

MAX_RAW = 40


def barcode_error(value: str) -> str | None:
    """Why `value` (already normalized) is no barcode, or None."""
    if not value:
        return EMPTY_SCAN
    if barcodes.schemes() != (barcodes.DEFAULT_CARD_SCHEME, barcodes.DEFAULT_ITEM_SCHEME):
        # The library's own schemes: no single length or prefix to name.
        if not (value.isascii() and value.isdigit()):
            return NOT_DIGITS
        return None if kind_of(value) else NOT_OURS
    if not (value.isascii() and value.isdigit()):
        return NOT_DIGITS
    if len(value) != 14:
        return WRONG_LENGTH.format(n=len(value))
    if value[0] not in "23":
        return WRONG_PREFIX
    if luhn_check_digit(value[:-1]) != value[-1]:
        return BAD_CHECK_DIGIT
    return None


class BarcodeField(forms.CharField):
    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    def clean(self, value):  # type: ignore[no-untyped-def]
        raw = super().clean(value) or ""
        if len(raw) > MAX_RAW:
            raise forms.ValidationError(TOO_LONG, code="too_long")
        barcode = normalize(raw)
        error = barcode_error(barcode) if barcode or not raw else NOT_DIGITS
        if error:
            raise forms.ValidationError(error, code="invalid")
        return barcode


class ScanForm(forms.Form):
    barcode = BarcodeField(label="Scan a card or item")
    proxy = forms.IntegerField(required=False, min_value=1)
    # Set only by the "Check it in" button a second scan offers: checking in
    # an item just lent to the patron in view is a deliberate act.
    checkin = forms.BooleanField(required=False)

    @property
    def kind(self) -> str:
        """'card' or 'item': by the schemes, by a lookup where they overlap."""
        return schemes.scan_kind(self.cleaned_data["barcode"]) or ""


@dataclass(frozen=True)
class Scan:
    """What the scan form posted, cleaned."""

    barcode: str
    proxy: int | None
    checkin: bool

    @property
    def kind(self) -> str:
        """'card' or 'item': by the schemes, by a lookup where they overlap."""
        return schemes.scan_kind(self.barcode) or ""


def scan_posted(data: Mapping[str, Any]) -> Scan | str:
    """The scan form's fields cleaned, by ScanForm's own fields, or the
    first error (what first_error(ScanForm(data)) gives). Every card and
    item scanned is read here: a form instance would first deep-copy its
    fields, which cost more than cleaning them. The fields keep nothing
    of a request (they are never rendered), so one set serves all."""
    cleaned: dict[str, Any] = {}
    for name, field in ScanForm.base_fields.items():
        try:
            cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
        except forms.ValidationError as error:
            return str(error.messages[0])
    return Scan(**cleaned)


PATRON_FIELD = "patron"


class PatronInViewForm(forms.Form):
    """The patron (and card) a desk form acts for, as the page showed them:
    hidden fields of the scan, hold and override forms. An empty patron
    means nobody is in view."""

    patron = forms.IntegerField(required=False, min_value=1)
    card = forms.IntegerField(required=False, min_value=1)


class ChosenRowForm(forms.Form):
    """The record one of the summary's row buttons names: the button's
    name is the kind of record (loan, hold, fee), its value the id."""

    def __init__(self, data: object, *, name: str) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.fields[name] = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class ItemScanForm(forms.Form):
    barcode = BarcodeField(label="Item barcode")

    def clean_barcode(self) -> str:
        barcode = self.cleaned_data["barcode"]
        if kind_of(barcode) not in (barcodes.ITEM, barcodes.EITHER):
            raise forms.ValidationError(NOT_AN_ITEM, code="not_item")
        return barcode


class OverrideForm(ItemScanForm):
    reason = forms.CharField(
        max_length=300, required=True, error_messages={"required": REASON_REQUIRED}
    )
    proxy = forms.IntegerField(required=False, min_value=1)

    def clean_reason(self) -> str:
        # The reason field has the focus when the override panel opens: a
        # barcode scanned next lands in it, and the scanner's Enter submits.
        reason = self.cleaned_data["reason"]
        if barcode_error(normalize(reason)) is None:
            raise forms.ValidationError(REASON_IS_A_BARCODE)
        return reason


class WaiveForm(forms.Form):
    reason = forms.CharField(
        max_length=300, required=True, error_messages={"required": REASON_REQUIRED}
    )


def first_error(form: forms.Form) -> str:
    for errors in form.errors.values():
        if errors:
            return str(errors[0])
    return "Check the input and try again."
