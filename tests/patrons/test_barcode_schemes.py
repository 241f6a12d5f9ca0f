"""Barcode schemes per library system: today's 14-digit Luhn scheme by
default, the library's own where it set one; overlapping schemes are told
apart by a lookup, and a barcode is never both a card and an item."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from desk.scan import views
from patrons import barcodes, schemes, services
from patrons.models import BarcodeScheme, Card
from tests import factories

pytestmark = pytest.mark.django_db


def set_schemes(card: tuple[int, str, str], item: tuple[int, str, str]) -> None:
    system = factories.LibrarySystemFactory()
    for applies_to, (length, prefix, check) in (("card", card), ("item", item)):
        BarcodeScheme.objects.create(
            system=system, applies_to=applies_to, length=length, prefix=prefix, check_digit=check
        )


def test_without_a_scheme_the_default_is_fourteen_digits_luhn_two_and_three():
    assert barcodes.kind_of(barcodes.make_card_barcode(12)) == "card"
    assert barcodes.kind_of(barcodes.make_item_barcode(12)) == "item"
    assert barcodes.kind_of("12345678") is None
    with pytest.raises(ValidationError) as refused:
        barcodes.validate_card_barcode("12345678")
    assert refused.value.messages == [barcodes.INVALID_CARD_BARCODE]


def test_a_library_scheme_replaces_the_default():
    set_schemes(card=(10, "21", "none"), item=(8, "", "luhn"))
    barcodes.validate_card_barcode("2100000007")
    luhn_item = "1234567" + barcodes.luhn_check_digit("1234567")
    barcodes.validate_item_barcode(luhn_item)
    assert barcodes.kind_of("2100000007") == "card"
    assert barcodes.kind_of(luhn_item) == "item"
    with pytest.raises(ValidationError) as wrong_prefix:
        barcodes.validate_card_barcode("2200000007")
    assert wrong_prefix.value.messages == ["A library card barcode is 10 digits starting with 21."]
    with pytest.raises(ValidationError) as bad_check:
        barcodes.validate_item_barcode("12345670" if luhn_item != "12345670" else "12345671")
    assert bad_check.value.messages == [barcodes.BAD_CHECK_DIGIT]
    # Today's barcodes are no longer this library's.
    assert barcodes.kind_of(barcodes.make_card_barcode(12)) is None


def test_overlapping_schemes_are_told_apart_by_a_lookup():
    set_schemes(card=(8, "", "none"), item=(8, "", "none"))
    card = factories.CardFactory(barcode="11112222")
    assert barcodes.kind_of("11112222") == "either"
    assert schemes.scan_kind(card.barcode) == "card"
    assert schemes.scan_kind("33334444") == "item"


def test_registration_refuses_a_card_barcode_that_is_an_items(desk_staff, branch):
    set_schemes(card=(8, "", "none"), item=(8, "", "none"))
    factories.ItemFactory(barcode="55556666")
    with pytest.raises(services.PatronError) as refused:
        services.patron_register(
            acting_user=desk_staff,
            first_name="Ada",
            last_name="Okafor",
            home_branch=branch,
            card_barcode="55556666",
        )
    assert str(refused.value) == schemes.BARCODE_IS_AN_ITEM
    assert not Card.objects.exists()


def test_the_import_refuses_a_card_barcode_that_is_an_items(tmp_path: Path, branch):
    set_schemes(card=(8, "", "none"), item=(8, "", "none"))
    factories.ItemFactory(barcode="55556666")
    path = tmp_path / "p.csv"
    path.write_text(
        "cardnumber,surname,branchcode,categorycode\n55556666,Okafor,main,PT\n77778888,Eze,main,PT\n"
    )
    out = io.StringIO()
    call_command("import_patrons", str(path), "--commit", stdout=out, stderr=io.StringIO())
    assert "line 2: rejected: the barcode is an item's barcode" in out.getvalue()
    assert list(Card.objects.values_list("barcode", flat=True)) == ["77778888"]


def test_the_desk_scan_opens_a_card_and_checks_in_an_item_under_overlapping_schemes(
    client, desk_staff, patron
):
    set_schemes(card=(8, "", "none"), item=(8, "", "none"))
    card = factories.CardFactory(patron=patron, barcode="11112222")
    client.force_login(desk_staff)
    response = client.post("/desk/scan/", {"barcode": card.barcode})
    assert response.status_code == 200
    assert patron.full_name in response.content.decode()
    # No card has it: looked up as an item, and no item has it either.
    unknown = client.post("/desk/scan/", {"barcode": "99990000"})
    assert unknown.status_code == 404
    assert escape(views.UNKNOWN_ITEM) in unknown.content.decode()


def test_a_scheme_change_is_seen_at_once_in_this_process():
    assert barcodes.kind_of("2100000007") is None
    set_schemes(card=(10, "21", "none"), item=(8, "", "luhn"))
    assert barcodes.kind_of("2100000007") == "card"


def _luhn_by_the_book(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@pytest.mark.django_db(databases=[])
@given(st.text(alphabet="0123456789", max_size=40))
def test_the_check_digit_is_luhns_for_any_run_of_digits(body):
    """The table-driven check digit (the scan field's and every import
    row's) agrees with Luhn's digit by digit definition."""
    assert barcodes.luhn_check_digit(body) == _luhn_by_the_book(body)


def test_the_check_digit_of_other_scripts_digits_is_still_luhns():
    assert barcodes.luhn_check_digit("٣٤") == _luhn_by_the_book("٣٤")
