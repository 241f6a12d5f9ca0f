"""Each supported message as real kiosks write it, and every field of the
answer.

The requests are the ones of Evergreen's SIPServer test suite
(github.com/evergreen-library-system/SIPServer, t/00sc_status.t,
t/01patron_status.t, t/02patron_info.t, t/03checkout.t, t/08checkin.t,
t/09renew.t, t/10renew_all.t, t/11item_info.t: a kiosk without error
detection, no AY/AZ), with this library's barcodes, institution and
terminal in place of theirs; the checksum pairs are from its
t/0001_checksum.t; FOLIO edge-sip2 (PatronInformationIT.java) sends blank
counts as this server does to a terminal that may not see them. End
session (35) and fee paid (37) follow the field order of the 3M SIP2
2.00 specification, as those suites have no raw example of them.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from circulation.models import Loan
from sip2 import protocol as P
from sip2 import services
from sip2.session import Session
from tests import factories
from tests.sip2.helpers import terminal

pytestmark = pytest.mark.django_db

STAMP = re.compile(r"\d{8} {4}\d{6}")


@pytest.fixture
def kiosk():
    branch = factories.BranchFactory(code="UWOLS", name="Main Library")
    t = terminal(branch, login="scclient", checksums=False, requires_pin=False, label="Basement")
    services.terminal_set_password(
        terminal=t, password="clientpwd", acting_user=factories.staff_user("administrator")
    )
    card = factories.CardFactory(
        patron__home_branch=branch, patron__first_name="David", patron__last_name="Fiander"
    )
    services.pin_set(
        patron=card.patron,
        pin="6789",
        confirm="6789",
        acting_user=factories.staff_user("desk_staff", branch=branch),
    )
    item = factories.ItemFactory(home_branch=branch, title="Perl 5 Desktop Reference")
    session = Session(peer="127.0.0.1")
    return session, branch, card, item


def ask(session: Session, request: str, card, item) -> str:
    """Send `request` with the suite's barcodes replaced by ours; the
    answer with its timestamps replaced by {ts}."""
    request = request.replace("djfiander", card.barcode).replace("1565921879", item.barcode)
    answer = session.answer(request)
    assert answer is not None
    assert answer.endswith("\r")
    return STAMP.sub("{ts}", answer[:-1])


def test_every_supported_message_and_every_field_of_its_answer(kiosk):
    session, branch, card, item = kiosk
    aa, ab = card.barcode, item.barcode
    title = item.title

    # Login (t/01patron_status.t)
    assert ask(session, "9300CNscclient|COclientpwd|CPThe basement|", card, item) == "941"

    # SC status (t/00sc_status.t): on line, checkin/checkout/renewal by
    # the kiosk, no status update, no offline, 3 s timeout, 3 retries.
    assert ask(session, "9910302.00", card, item) == (
        "98YYYYNN030003{ts}2.00AOUWOLS|AMMain Library|BXYYYNYYYYYNYNNNYY|ANBasement|"
    )

    # Patron status with the right PIN (t/01patron_status.t)
    assert ask(session, "2300120060101    084237AOUWOLS|AAdjfiander|AD6789|AC|", card, item) == (
        f"24              000{{ts}}AOUWOLS|AA{aa}|AEDavid Fiander|BLY|CQY|BHUSD|BV0.00|CC"
        f"{branch.system.fee_block_threshold:.2f}|"
    )

    # Patron status with a wrong PIN: the patron is valid, the PIN is not.
    assert ask(session, "2300120060101    084237AOUWOLS|AAdjfiander|AD0000|AC|", card, item) == (
        f"24              000{{ts}}AOUWOLS|AA{aa}|AE|BLY|CQN|AFThe PIN is not right. "
        "Please try again.|"
    )

    # Patron information, no details (t/02patron_info.t); no PIN typed:
    # counts and amounts only for a patron the kiosk may serve.
    assert ask(session, "6300020060329    201700          AOUWOLS|AAdjfiander|", card, item) == (
        "64              000{ts}000000000000000000000000"
        f"AOUWOLS|AA{aa}|AEDavid Fiander|BLY|CQN|BHUSD|BV0.00|CC"
        f"{branch.system.fee_block_threshold:.2f}|"
    )

    # An unknown card (t/02patron_info.t's invalid patron).
    assert ask(session, "6300020060329    201700          AOUWOLS|AAmiker|", card, item) == (
        "64YYYY          000{ts}                        AOUWOLS|AAmiker|AE|BLN|CQN|"
        "AFThis card is not known here: please ask at the desk.|"
    )

    # Checkout (t/03checkout.t)
    answer = ask(
        session, "11YN20060329    203000                  AOUWOLS|AAdjfiander|AB1565921879|AC|",
        card, item,
    )  # fmt: skip
    assert answer == f"121NUY{{ts}}AOUWOLS|AA{aa}|AB{ab}|AJ{title}|AH{{ts}}|CK001|"
    loan = Loan.objects.get(item=item, returned_at__isnull=True)

    # Item information of the item now on loan (t/11item_info.t)
    answer = ask(session, "1720060110    215612AOUWOLS|AB1565921879|", card, item)
    assert answer == f"18040001{{ts}}AB{ab}|AJ{title}|CF0|AH{{ts}}|CK001|AQUWOLS|"

    # Patron information, charged items, with the PIN: the list is the
    # cardholder's own.
    answer = ask(
        session, "6300020060329    201700  Y       AOUWOLS|AAdjfiander|AD6789|BP1|BQ5|", card, item
    )
    assert answer == (
        "64              000{ts}000000000001000000000000"
        f"AOUWOLS|AA{aa}|AEDavid Fiander|BLY|CQY|BHUSD|BV0.00|CC"
        f"{branch.system.fee_block_threshold:.2f}|AU{ab} {title}|"
    )

    # Renew (t/09renew.t): refused, the loan was made today and renewing
    # would not move its due date (the desk's own rule).
    answer = ask(
        session, "29NN20060102    084236                  AOUWOLS|AAdjfiander|AB1565921879|",
        card, item,
    )  # fmt: skip
    assert answer == (
        f"300NUN{{ts}}AOUWOLS|AA{aa}|AB{ab}|AFThis item cannot be renewed: please ask at the desk.|"
    )
    Loan.objects.filter(pk=loan.pk).update(checked_out_at=timezone.now() - datetime.timedelta(days=20), due_at=timezone.now() + datetime.timedelta(days=1))  # fmt: skip
    answer = ask(
        session, "29NN20060102    084236                  AOUWOLS|AAdjfiander|AB1565921879|",
        card, item,
    )  # fmt: skip
    assert answer == f"301YUN{{ts}}AOUWOLS|AA{aa}|AB{ab}|AJ{title}|AH{{ts}}|"

    # Renew all (t/10renew_all.t): the one loan was just renewed, so a
    # second renewal would not move its due date: unrenewed.
    assert ask(session, "6520060102    084236AOUWOLS|AAdjfiander|", card, item) == (
        f"66100000001{{ts}}AOUWOLS|BN{ab}|"
    )

    # Checkin (t/08checkin.t): back on the shelf, nothing about the patron.
    answer = ask(
        session,
        "09N20060102    08423620060113    084235APUnder the bed|AOUWOLS|AB1565921879|"
        "ACterminal password|",
        card,
        item,
    )
    assert answer == f"101YUN{{ts}}AOUWOLS|AB{ab}|AQUWOLS|AJ{title}|"

    # End patron session (SIP2 2.00: date, AO, AA, AC, AD).
    assert ask(session, "3520060102    084236AOUWOLS|AAdjfiander|AD6789|", card, item) == (
        f"36Y{{ts}}AOUWOLS|AA{aa}|"
    )

    # Fee paid (SIP2 2.00: date, fee type, payment type, currency, BV,
    # AO, AA, CG, BK) on a terminal that may not take payments.
    assert ask(
        session, "3720060102    0842360100USDBV2.50|AOUWOLS|AAdjfiander|BKtx-1|", card, item
    ) == ("38N{ts}AOUWOLS|AFThis terminal cannot do that.|")

    # Resend (97): the last answer again.
    assert ask(session, "97", card, item) == "38N{ts}AOUWOLS|AFThis terminal cannot do that.|"


def test_fee_paid_on_a_terminal_that_takes_payments(kiosk):
    session, _branch, card, item = kiosk
    session.answer("9300CNscclient|COclientpwd|CPThe basement|")
    session.terminal.takes_payments = True
    session.terminal.save(update_fields=["takes_payments"])
    fee = factories.FeeFactory(patron=card.patron, amount=Decimal("2.50"))
    answer = ask(
        session,
        f"3720060102    0842360100USDBV2.50|AOUWOLS|AAdjfiander|AD6789|CG{fee.pk}|BKtx-1|",
        card,
        item,
    )
    assert answer == (
        f"38Y{{ts}}AOUWOLS|AA{card.barcode}|BKtx-1|AFThank you: your payment is recorded.|"
    )


@pytest.mark.parametrize(
    ("text", "crc"),
    [
        ("941AY0AZ", "FDFD"),
        (
            "1804020120110630    110250AB30007008641424|AJLe zahir|CK001|AQOSUL|APOSUL|"
            "BGOSUL|AH2011-10-28 23:59:59|CSPB LP COE|AY7AZ",
            "E174",
        ),
        (
            "1804020120110630    110251AB30007008432675|AJIncendiaire|CK001|AQOSUL|APOSUL|"
            "BGOSUL|AH2011-10-28 23:59:59|CSPB LP CLE|AY8AZ",
            "E003",
        ),
    ],
)
def test_checksums_match_evergreens_published_pairs(text, crc):
    assert P.checksum(text) == crc
    assert P.checksum_ok(text, crc)
    assert P.checksum_ok(text, crc.lower())
