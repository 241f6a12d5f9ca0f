"""What leaves about a patron, for each kind of terminal (DESIGN section
8), and the access report's line for every answer (section 7)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from privacy.selectors import access_report
from sip2.models import Terminal
from sip2.reports import LOCKED
from sip2.session import SCREEN_PIN_NEEDED
from tests import factories
from tests.sip2.helpers import DATE, PIN, fields_of, logged_in, patron_with_pin, signed, terminal

pytestmark = pytest.mark.django_db

CHARGED = "  Y       "


@pytest.fixture
def branch():
    return factories.BranchFactory(code="main")


@pytest.fixture
def card(branch):
    card = patron_with_pin(
        branch,
        patron__first_name="Ada",
        patron__last_name="Byron",
        patron__email="ada@example.org",
        patron__phone="555-0199",
        patron__address_line="12 Analytical Row",
        patron__city="Springfield",
        patron__postal_code="01101",
        patron__date_of_birth=datetime.date(2011, 3, 4),
    )
    factories.LoanFactory(patron=card.patron, card=card, item__title="Notes on the Engine")
    return card


SECRETS = ("ada@example.org", "555-0199", "Analytical", "Springfield", "01101", "2011", "0304")


def patron_info(session, card, pin: str | None = PIN) -> str:
    pin_field = f"AD{pin}|" if pin is not None else ""
    return session.answer(signed(f"63000{DATE}{CHARGED}AOmain|AA{card.barcode}|{pin_field}"))


def patron_status(session, card, pin: str | None = PIN) -> str:
    pin_field = f"AD{pin}|" if pin is not None else ""
    return session.answer(signed(f"23000{DATE}AOmain|AA{card.barcode}|{pin_field}"))


def no_secrets(answer: str) -> None:
    """No secret in any field the library wrote. The card barcode (AA) is
    the terminal's own, echoed, the sequence number and checksum are the
    line's, and an item's barcode (14 random digits) is no secret: any of
    them may hold "0304" or "2011" by chance, so they are left out."""
    fields = fields_of(answer)
    written = [
        re.sub(r"\d{12,}", "", value)
        for code, values in fields.items()
        if code != "AA"
        for value in values
    ]
    for secret in SECRETS:
        for value in written:
            assert secret not in value, (secret, value)


def test_a_self_check_with_the_pin_gets_the_cardholders_titles_and_amounts(branch, card):
    answer = patron_info(logged_in(terminal(branch)), card)
    fields = fields_of(answer)
    assert set(fields) == {"AO", "AA", "AE", "BL", "CQ", "BH", "BV", "CC", "AU"}
    assert fields["AE"] == ["Ada Byron"]
    assert fields["AU"][0].endswith("Notes on the Engine")
    assert answer[45:49] == "0001"  # charged items count
    no_secrets(answer)


def test_a_self_check_without_the_pin_gets_no_name_no_titles_no_counts(branch, card):
    answer = patron_info(logged_in(terminal(branch)), card, pin=None)
    fields = fields_of(answer)
    assert set(fields) == {"AO", "AA", "AE", "BL", "CQ", "AF"}
    assert fields["AE"] == [""] and fields["CQ"] == ["N"]
    assert fields["AF"] == [SCREEN_PIN_NEEDED]
    assert answer[37:61] == " " * 24
    assert "Notes on the Engine" not in answer
    no_secrets(answer)


def test_a_wrong_pin_gets_no_more_than_no_pin(branch, card):
    answer = patron_info(logged_in(terminal(branch)), card, pin="9999")
    assert set(fields_of(answer)) == {"AO", "AA", "AE", "BL", "CQ", "AF"}
    assert "Notes on the Engine" not in answer


def test_a_pc_reservation_system_gets_an_age_band_and_flags_never_titles_or_amounts(branch, card):
    t = terminal(branch, login="pc1", kind=Terminal.Kind.PC_RESERVATION)
    session = logged_in(t)
    for answer in (patron_info(session, card), patron_status(session, card)):
        fields = fields_of(answer)
        assert set(fields) == {"AO", "AA", "AE", "BL", "CQ", "PC", "XA", "XM", "XF"}
        assert fields["XA"] == ["teen"] and fields["XM"] == ["Y"] and fields["XF"] == ["N"]
        assert "Notes on the Engine" not in answer
        no_secrets(answer)
    # Counts are blank for it even with the PIN.
    assert patron_info(session, card)[37:61] == " " * 24


def test_an_adult_is_not_a_minor_to_a_pc_reservation_system(branch):
    adult = patron_with_pin(branch, patron__date_of_birth=datetime.date(1980, 1, 1))
    t = terminal(branch, login="pc1", kind=Terminal.Kind.PC_RESERVATION)
    fields = fields_of(patron_status(logged_in(t), adult))
    assert fields["XA"] == ["adult"] and fields["XM"] == ["N"]


def test_every_answer_about_a_patron_is_on_their_access_report_as_the_terminal(branch, card):
    kiosk = terminal(branch, label="Lobby self-check")
    pc = terminal(branch, login="pc1", kind=Terminal.Kind.PC_RESERVATION, label="PC booking")
    session = logged_in(kiosk)
    patron_info(session, card)
    patron_status(session, card)
    patron_info(session, card, pin="9999")  # refused, still an answer about them
    item = factories.ItemFactory(home_branch=branch)
    session.answer(signed(f"11YN{DATE}{' ' * 18}AOmain|AA{card.barcode}|AB{item.barcode}|AD{PIN}|"))
    patron_status(logged_in(pc), card)
    # Checkin says nothing about a patron: no line.
    session.answer(signed(f"09N{DATE}{DATE}APmain|AOmain|AB{item.barcode}|AC|"))

    lines = {line.staff: line for line in access_report(patron=card.patron)}
    assert lines["Lobby self-check"].count == 4
    assert "Checkout at a self-service terminal" in lines["Lobby self-check"].what
    assert "A self-service terminal asked who the patron is (3 times)" in (
        lines["Lobby self-check"].what
    )
    assert lines["PC booking"].count == 1


def test_a_card_locked_after_wrong_pins_is_on_the_access_report(branch, card, settings):
    settings.SIP2_PIN_MAX_FAILURES = 2
    session = logged_in(terminal(branch))
    patron_info(session, card, pin="0000")
    patron_info(session, card, pin="0000")
    locked = [line for line in access_report(patron=card.patron) if line.what == LOCKED]
    assert len(locked) == 1
    assert locked[0].when <= timezone.now()
