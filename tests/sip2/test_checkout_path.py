"""A checkout at the kiosk: what it writes and how few statements it takes
(issue 25), and the title-level hold it fills."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from circulation import services as circulation
from circulation.models import Hold, Item, Loan
from sip2 import profiles
from sip2 import services as sip2_services
from tests import factories
from tests.sip2.helpers import (
    DATE,
    PIN,
    admin,
    fields_of,
    logged_in,
    patron_with_pin,
    signed,
    terminal,
)
from tests.sip2.helpers import desk as desk_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch():
    return factories.BranchFactory(code="main")


def checkout(session, card, item, pin: str = PIN) -> str:
    typed = f"AD{pin}|" if pin else ""
    answer = session.answer(
        signed(f"11YN{DATE}{' ' * 18}AOmain|AA{card.barcode}|AB{item.barcode}|AC|{typed}")
    )
    assert answer is not None
    return answer


def checkouts_logged(patron) -> int:
    return sum(
        1
        for entry in LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS, object_id=patron.pk
        ).only("additional_data")
        if (entry.additional_data or {}).get("record") == profiles.ACCESS_CHECKOUT
    )


def test_a_checkout_answered_is_logged_once_lent_or_refused(branch):
    t = terminal(branch)
    card = patron_with_pin(branch)
    session = logged_in(t)
    item = factories.ItemFactory(home_branch=branch)
    assert checkout(session, card, item).startswith("121")
    assert checkouts_logged(card.patron) == 1
    # Refused (already on loan): the loan's transaction is rolled back, the
    # entry of the answer is not.
    assert checkout(session, card, item).startswith("120")
    assert checkouts_logged(card.patron) == 2
    factories.FeeFactory(patron=card.patron, amount=Decimal("50.00"))
    assert checkout(session, card, factories.ItemFactory(home_branch=branch)).startswith("120")
    assert checkouts_logged(card.patron) == 3


@pytest.mark.postgres
def test_a_kiosk_checkout_takes_seven_statements_at_most(branch):
    """On PostgreSQL (SQLite keeps the ORM path, circulation/checkout.py):
    card (with the terminal's revoked check), item, then the desk's
    loan_checkout: BEGIN, the locked rows, the facts, one write of the
    loan, its audit entry, the item and the access-log entry, COMMIT (a
    savepoint and its release inside the test's transaction). It was 22,
    then 8 with the audit entry a statement of its own."""
    t = terminal(branch, requires_pin=False)
    card = factories.CardFactory(patron__home_branch=branch)
    session = logged_in(t)
    checkout(session, card, factories.ItemFactory(home_branch=branch), pin="")  # warm caches
    item = factories.ItemFactory(home_branch=branch)
    with CaptureQueriesContext(connection) as queries:
        answer = checkout(session, card, item, pin="")
    assert answer.startswith("121"), answer
    assert len(queries) <= 7, [q["sql"][:80] for q in queries]


def test_a_revoked_terminal_is_closed_at_its_next_checkout(branch):
    t = terminal(branch)
    card = patron_with_pin(branch)
    session = logged_in(t)
    sip2_services.terminal_revoke(terminal=t, acting_user=admin(branch))
    item = factories.ItemFactory(home_branch=branch)
    assert (
        session.answer(
            signed(f"11YN{DATE}{' ' * 18}AOmain|AA{card.barcode}|AB{item.barcode}|AC|AD{PIN}|")
        )
        is None
    )
    assert not Loan.objects.filter(item=item).exists()


def test_a_title_hold_is_filled_when_its_patron_borrows_another_copy_at_the_kiosk(branch):
    t = terminal(branch)
    card = patron_with_pin(branch)
    record = factories.TitleFactory(title="Parable of the Sower")
    shelf_copy, held_copy = (
        factories.ItemFactory(title_record=record, title=record.title, home_branch=branch)
        for _ in "ab"
    )
    desk = desk_user(branch)
    hold = circulation.hold_place_title(
        title=record, patron=card.patron, pickup_branch=branch, acting_user=desk
    )
    # The held copy waits on the hold shelf; the patron takes the other.
    Item.objects.filter(pk=held_copy.pk).update(status=Item.Status.ON_LOAN)
    held_copy.refresh_from_db()
    circulation.loan_checkin(item=held_copy, acting_user=desk, branch=branch)
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (Hold.Status.READY, held_copy.pk)

    answer = checkout(logged_in(t), card, shelf_copy)

    assert answer.startswith("121"), answer
    assert fields_of(answer)["AJ"] == [record.title]
    hold.refresh_from_db()
    held_copy.refresh_from_db()
    assert hold.status == Hold.Status.FULFILLED and hold.item_id == shelf_copy.pk
    assert held_copy.status == Item.Status.AVAILABLE
