"""Patron information (63) in few statements (issue 25): the patron's
fees, loans, holds and loan rules in one read, the same as the parts read
one by one."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from circulation.models import Fee, Hold, Item, LoanRule
from sip2 import profiles
from tests import factories
from tests.sip2.helpers import DATE, fields_of, logged_in, signed, terminal

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch():
    return factories.BranchFactory(code="main")


@pytest.fixture
def card(branch):
    """A patron with two fees, three loans (one overdue, two formats, one
    over its format's limit), a ready copy hold and a waiting title hold."""
    card = factories.CardFactory(patron__home_branch=branch)
    patron = card.patron
    LoanRule.objects.filter(format="dvd").update(item_limit=1)
    factories.FeeFactory(patron=patron, amount=Decimal("2.50"))
    factories.FeeFactory(patron=patron, amount=Decimal("3.00"), kind=Fee.Kind.LOST)
    factories.FeeFactory(
        patron=patron, amount=Decimal("9.00"), status=Fee.Status.PAID, closed_at=timezone.now()
    )
    now = timezone.now()
    factories.LoanFactory(
        patron=patron, item__home_branch=branch, due_at=now - datetime.timedelta(days=2)
    )
    for _ in "ab":
        factories.LoanFactory(
            patron=patron,
            item__home_branch=branch,
            item__format="dvd",
            item__replacement_cost=Decimal("19.99"),
        )
    ready = factories.ItemFactory(home_branch=branch, status=Item.Status.ON_HOLD_SHELF)
    factories.HoldFactory(
        item=ready,
        patron=patron,
        pickup_branch=branch,
        status=Hold.Status.READY,
        pickup_by=datetime.date(2026, 12, 20),
    )
    title = factories.title_with_copies(branch, title="Kindred")
    factories.HoldFactory(
        item=None, title_record=title, level=Hold.Level.TITLE, patron=patron, pickup_branch=branch
    )
    return card


def described(s: profiles.Standing) -> dict:
    def model(obj):
        return (
            None
            if obj is None
            else {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}
        )

    return {
        "fees": [model(f) for f in s.fees],
        "charged": [(model(loan), model(loan.item)) for loan in s.charged],
        "overdue": [loan.pk for loan in s.overdue],
        "holds": [
            (model(h), model(h.item), h.title_record.title) for h in s.holds_ready + s.holds_waiting
        ],
        "fees_open": s.fees_open,
        "blocks": [b.code for b in s.card_blocks + s.fee_blocks + s.limit_blocks],
        "lists": [
            profiles.item_list(summary, s, 1, 50)
            for summary in ("Y", " Y", "  Y", "   Y", "     Y")
        ],
    }


def test_the_standing_read_at_once_is_the_standing_read_part_by_part(branch, card):
    t = terminal(branch)
    at_once = profiles.standing(card, t).read_all()
    by_part = profiles.standing(card, t)
    got, expected = described(at_once), described(by_part)
    assert got == expected
    assert got["fees_open"] == Decimal("5.50") and "limit_dvd" in got["blocks"]
    assert [type(v) for v in got["fees"][0].values()] == [
        type(v) for v in expected["fees"][0].values()
    ]


@pytest.mark.postgres  # the fixed SQL
def test_patron_information_takes_three_statements(branch, card):
    """The card (with the terminal's revoked check), the standing in one
    read, the access-log entry. It was five and more: one per part, and a
    loan rule per format on loan."""
    session = logged_in(terminal(branch, requires_pin=False))
    ask = signed(f"63000{DATE}{'  Y       '}AOmain|AA{card.barcode}|")
    session.answer(ask)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        answer = session.answer(ask)
    assert answer is not None and answer.startswith("64"), answer
    assert len(queries) <= 3, [q["sql"][:80] for q in queries]
    assert answer[2:16] == "     Y        "  # too many items charged (the DVD limit)
    found = fields_of(answer)
    assert found["BV"] == ["5.50"]
