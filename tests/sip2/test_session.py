"""The SIP2 messages through a terminal session, in process: login,
throttling, PINs, and the desk's own rules at the self-check."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from circulation.models import Fee, Hold, Item, Loan
from sip2 import protocol as P
from sip2 import services
from sip2.models import LoginThrottle, PatronPin, Terminal
from sip2.session import SCREEN_LOCKED, SCREEN_WRONG_PIN, Session
from tests import factories
from tests.sip2.helpers import (
    DATE,
    PASSWORD,
    PIN,
    fields_of,
    logged_in,
    patron_with_pin,
    signed,
    terminal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch():
    return factories.BranchFactory(code="main")


def patron_info(session: Session, card, pin: str = PIN, summary: str = "  Y       ") -> str:
    answer = session.answer(signed(f"63000{DATE}{summary}AOmain|AA{card.barcode}|AD{pin}|"))
    assert answer is not None
    return answer


def checkout(session: Session, card, item, pin: str = PIN) -> str:
    answer = session.answer(
        signed(f"11YN{DATE}{' ' * 18}AOmain|AA{card.barcode}|AB{item.barcode}|AC|AD{pin}|")
    )
    assert answer is not None
    return answer


# -- login and throttling -----------------------------------------------------


def test_a_terminal_logs_in_with_its_password_and_not_with_another(branch):
    t = terminal(branch)
    session = Session(peer="10.0.0.5")
    assert (
        session.answer(signed("9300CNkiosk1|COwrong|"))
        == signed("940", "0")[:-4] + P.checksum("940AY0AZ") + "\r"
    )
    assert session.terminal is None
    assert session.answer(signed(f"9300CNkiosk1|CO{PASSWORD}|")).startswith("941")
    t.refresh_from_db()
    assert t.last_used_at is not None


def test_a_message_before_login_closes_the_connection(branch):
    terminal(branch)
    assert Session(peer="10.0.0.5").answer(signed("9900302.00")) is None


def test_failed_logins_block_the_account_and_the_peer_for_every_process(branch, settings):
    settings.SIP2_LOGIN_MAX_FAILURES = 3
    terminal(branch)
    for _n in range(3):
        Session(peer="10.0.0.9").answer(signed("9300CNkiosk1|COwrong|"))
    assert LoginThrottle.objects.get(key="account:kiosk1").blocked_until is not None
    assert LoginThrottle.objects.get(key="peer:10.0.0.9").blocked_until is not None
    # The right password is refused while blocked, from any address.
    answer = Session(peer="10.0.0.10").answer(signed(f"9300CNkiosk1|CO{PASSWORD}|"))
    assert answer.startswith("940")


def test_a_revoked_terminal_is_refused_at_login_and_mid_connection(branch):
    t = terminal(branch)
    session = logged_in(t)
    services.terminal_revoke(terminal=t, acting_user=factories.staff_user("administrator"))
    assert session.answer(signed("9900302.00")) is None
    assert Session(peer="x").answer(signed(f"9300CNkiosk1|CO{PASSWORD}|")).startswith("940")


def test_the_status_answer_lists_what_each_kind_of_terminal_may_send(branch):
    kiosk = logged_in(terminal(branch))
    pc = logged_in(terminal(branch, login="pc1", kind=Terminal.Kind.PC_RESERVATION))
    kiosk_answer = kiosk.answer(signed("9900302.00"))
    pc_answer = pc.answer(signed("9900302.00"))
    assert kiosk_answer.startswith("98YYYYNN030003")
    assert pc_answer.startswith("98YNNNNN030003")
    assert fields_of(kiosk_answer)["BX"] == ["YYYNYYYYYNYNNNYY"]
    assert fields_of(pc_answer)["BX"] == ["YNNNYYYYYNNNNNNN"]
    assert fields_of(kiosk_answer)["AO"] == ["main"]


# -- PINs ---------------------------------------------------------------------


def test_a_wrong_pin_is_refused_and_the_limit_locks_the_card_until_the_desk_unlocks(
    branch, settings
):
    settings.SIP2_PIN_MAX_FAILURES = 3
    card = patron_with_pin(branch)
    session = logged_in(terminal(branch))
    first = fields_of(patron_info(session, card, pin="0000"))
    assert first["CQ"] == ["N"] and first["AF"] == [SCREEN_WRONG_PIN]
    patron_info(session, card, pin="0000")
    third = fields_of(patron_info(session, card, pin="0000"))
    assert third["AF"] == [SCREEN_LOCKED]
    # Locked: even the right PIN is refused now.
    assert fields_of(patron_info(session, card))["CQ"] == ["N"]
    services.pin_unlock(patron=card.patron, acting_user=factories.staff_user("desk_staff"))
    assert fields_of(patron_info(session, card))["CQ"] == ["Y"]


def test_a_blank_pin_is_refused_when_set_and_when_typed(branch):
    card = patron_with_pin(branch)
    with pytest.raises(services.Sip2Error, match=services.PIN_BLANK):
        services.pin_set(
            patron=card.patron,
            pin="  ",
            confirm="  ",
            acting_user=factories.staff_user("desk_staff"),
        )
    session = logged_in(terminal(branch))
    assert fields_of(patron_info(session, card, pin=""))["CQ"] == ["N"]
    assert PatronPin.objects.get(patron=card.patron).pin_hash.startswith("md5$")


# -- the desk's rules ---------------------------------------------------------


def test_checkout_at_the_kiosk_makes_a_loan_named_after_the_terminal(branch):
    t = terminal(branch)
    card = patron_with_pin(branch)
    item = factories.ItemFactory(home_branch=branch)
    answer = checkout(logged_in(t), card, item)
    assert answer.startswith("121NUY"), answer
    loan = Loan.objects.get(item=item, returned_at__isnull=True)
    assert loan.patron == card.patron and loan.checked_out_by == t.user
    assert fields_of(answer)["AJ"] == [item.title]


def test_a_kiosk_is_refused_what_the_desk_refuses_and_never_overrides(branch):
    t = terminal(branch)
    card = patron_with_pin(branch)
    factories.FeeFactory(patron=card.patron, amount=Decimal("50.00"))
    item = factories.ItemFactory(home_branch=branch)
    answer = checkout(logged_in(t), card, item)
    assert answer.startswith("120NUN")
    assert fields_of(answer)["AF"] == ["Your fees are over the limit: please pay at the desk."]
    assert not Loan.objects.filter(item=item).exists()


def test_an_expired_card_is_refused_at_the_kiosk(branch):
    card = patron_with_pin(branch, expires_on=timezone.localdate() - datetime.timedelta(days=1))
    item = factories.ItemFactory(home_branch=branch)
    answer = checkout(logged_in(terminal(branch)), card, item)
    assert answer.startswith("120")
    assert "expired" in fields_of(answer)["AF"][0]


def test_a_pc_reservation_system_cannot_lend(branch):
    t = terminal(branch, login="pc1", kind=Terminal.Kind.PC_RESERVATION)
    card = patron_with_pin(branch)
    item = factories.ItemFactory(home_branch=branch)
    answer = checkout(logged_in(t), card, item)
    assert answer.startswith("120")
    assert not Loan.objects.filter(item=item).exists()


def test_checkin_reports_the_hold_waiting_and_where_the_item_goes(branch):
    other = factories.BranchFactory(code="east", name="East Branch")
    t = terminal(branch)
    loan = factories.LoanFactory(item__home_branch=branch)
    factories.HoldFactory(item=loan.item, pickup_branch=other)
    answer = logged_in(t).answer(signed(f"09N{DATE}{DATE}APmain|AOmain|AB{loan.item.barcode}|AC|"))
    assert answer.startswith("101NUY"), answer
    fields = fields_of(answer)
    assert fields["CT"] == ["east"] and fields["CV"] == ["02"]
    assert "AA" not in fields  # whose loan it was never leaves
    loan.item.refresh_from_db()
    assert loan.item.status == Item.Status.IN_TRANSIT


def test_checkin_of_a_held_item_here_traps_the_hold(branch):
    t = terminal(branch)
    loan = factories.LoanFactory(item__home_branch=branch)
    hold = factories.HoldFactory(item=loan.item, pickup_branch=branch)
    answer = logged_in(t).answer(signed(f"09N{DATE}{DATE}APmain|AOmain|AB{loan.item.barcode}|AC|"))
    assert fields_of(answer)["CV"] == ["01"] and fields_of(answer)["CT"] == ["main"]
    hold.refresh_from_db()
    assert hold.status == Hold.Status.READY


def test_renewal_follows_the_desk_rule_and_a_waiting_hold_refuses_it(branch):
    t = terminal(branch)
    card = patron_with_pin(branch)
    loan = factories.LoanFactory(
        patron=card.patron, card=card, item__home_branch=branch,
        checked_out_at=timezone.now() - datetime.timedelta(days=20),
    )  # fmt: skip
    session = logged_in(t)
    answer = session.answer(
        signed(f"29NN{DATE}{' ' * 18}AOmain|AA{card.barcode}|AD{PIN}|AB{loan.item.barcode}|")
    )
    assert answer.startswith("301YUN"), answer
    factories.HoldFactory(item=loan.item)
    refused = session.answer(
        signed(f"29NN{DATE}{' ' * 18}AOmain|AA{card.barcode}|AB{loan.item.barcode}|")
    )
    assert refused.startswith("300NUN")
    loan.refresh_from_db()
    assert loan.renewals == 1


def test_fee_paid_closes_whole_fees_only_on_a_terminal_that_takes_payments(branch):
    card = patron_with_pin(branch)
    fee = factories.FeeFactory(patron=card.patron, amount=Decimal("2.50"))
    no_pay = logged_in(terminal(branch))
    request = f"37{DATE}0100USDBV2.50|AOmain|AA{card.barcode}|AD{PIN}|BKtx1|"
    assert no_pay.answer(signed(request)).startswith("38N")
    pays = logged_in(terminal(branch, login="kiosk2", takes_payments=True))
    assert pays.answer(
        signed(f"37{DATE}0100USDBV1.00|AOmain|AA{card.barcode}|AD{PIN}|")
    ).startswith("38N")
    assert pays.answer(signed(request)).startswith("38Y")
    fee.refresh_from_db()
    assert fee.status == Fee.Status.PAID


def test_resend_gives_the_last_answer_again_and_a_bad_checksum_asks_for_a_resend(branch):
    session = logged_in(terminal(branch))
    status = session.answer(signed("9900302.00", "3"))
    assert session.answer("97AZ" + P.checksum("97AZ")) == status
    assert session.answer("9900302.00AY4AZ0000") == "96AZ" + P.checksum("96AZ") + "\r"


def test_a_checksum_without_leading_zeros_is_accepted(branch):
    session = logged_in(terminal(branch))
    # A long request has a checksum below 0x1000: the `sip2` client prints
    # it with fewer than four digits.
    for n in range(1, 1000):
        body = f"9900802.00AO{'x' * n}|AY1AZ"
        crc = P.checksum(body)
        if crc.startswith("0"):
            break
    assert crc.startswith("0")
    answer = session.answer(body + crc.lstrip("0"))
    assert answer is not None and answer.startswith("98")


def test_a_pc_reservation_system_is_refused_lending_with_well_formed_answers(branch):
    import re

    t = terminal(branch, login="pc1", kind=Terminal.Kind.PC_RESERVATION)
    session = logged_in(t)
    stamp = re.compile(r"^\d{8} {4}\d{6}$")
    requests = {
        # code: (request, where the answer's transaction date starts)
        "12": (f"11YN{DATE}{' ' * 18}AOmain|AA2|AB3|", 6),
        "10": (f"09N{DATE}{DATE}APmain|AOmain|AB3|AC|", 6),
        "30": (f"29NN{DATE}{' ' * 18}AOmain|AA2|AB3|", 6),
        "66": (f"65{DATE}AOmain|AA2|", 11),
        "38": (f"37{DATE}0100USDBV1.00|AOmain|AA2|", 3),
    }
    for code, (request, at) in requests.items():
        answer = session.answer(signed(request))
        assert answer.startswith(code), answer
        assert stamp.match(answer[at : at + 18]), answer
        assert fields_of(answer)["AF"] == ["This terminal cannot do that."]
    assert session.answer(signed(f"17{DATE}AOmain|AB3|")).startswith("96")


def test_a_library_whose_barcodes_are_longer_than_fourteen_characters_lends_at_the_kiosk(
    branch,
):
    """Barcodes as the library has them (a scheme of 20 digits, no check
    digit): the kiosk reads them whole, as the desk does."""
    from patrons.models import BarcodeScheme

    for applies_to, prefix in (("card", "7"), ("item", "8")):
        BarcodeScheme.objects.create(
            system=branch.system,
            applies_to=applies_to,
            length=20,
            prefix=prefix,
            check_digit="none",
        )
    t = terminal(branch)
    card = patron_with_pin(branch, barcode="7" + "1" * 19)
    item = factories.ItemFactory(home_branch=branch, barcode="8" + "2" * 19)
    answer = checkout(logged_in(t), card, item)
    assert answer.startswith("121NUY"), answer
    assert fields_of(answer)["AA"] == [card.barcode]
    assert fields_of(answer)["AB"] == [item.barcode]
    assert Loan.objects.filter(item=item, patron=card.patron, returned_at__isnull=True).exists()
