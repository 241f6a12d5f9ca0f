"""One function per circulation rule, and the desk summary and the services
agreeing on it for the same loan, card or hold."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from circulation import rules
from circulation import services as circ
from circulation.models import Hold, ItemFormat, Loan, LoanRule
from desk.scan import selectors as desk_selectors
from tests import factories

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------ pure rules

MONDAY = datetime.date(2026, 11, 30)


@given(
    returned=st.booleans(),
    renewals=st.integers(0, 10),
    allowed=st.integers(0, 10),
    waiting=st.booleans(),
)
def test_a_loan_is_renewable_only_if_open_under_its_limit_and_nobody_waits(
    returned, renewals, allowed, waiting
):
    refusal = rules.renewal_refusal(
        returned=returned,
        renewals=renewals,
        allowed_renewals=allowed,
        others_waiting=waiting,
        due_on=MONDAY,
        renewed_due_on=MONDAY + datetime.timedelta(days=1),
    )
    assert (refusal is None) == (not returned and renewals < allowed and not waiting)
    if refusal is not None and not returned and renewals >= allowed:
        assert refusal.message == rules.RENEW_LIMIT.format(count=renewals)


def test_a_renewal_that_would_not_move_the_due_date_is_refused():
    due = datetime.date(2026, 12, 18)
    refusal = rules.renewal_refusal(
        returned=False,
        renewals=0,
        allowed_renewals=2,
        others_waiting=False,
        due_on=due,
        renewed_due_on=due,
    )
    assert refusal is not None and refusal.code == "not_yet"
    assert "Fri 18 Dec 2026" in refusal.message
    assert refusal.note == rules.NOTE_NOT_YET


def test_a_format_without_a_loan_rule_gets_the_rule_defaults():
    assert rules.item_limit(None) == LoanRule().item_limit == 50
    assert rules.max_renewals(None) == LoanRule().max_renewals
    assert rules.item_limit(3) == 3 and rules.max_renewals(0) == 0


def test_queue_position_counts_from_one():
    assert rules.queue_position(ahead=0) == 1
    assert rules.queue_position(ahead=4) == 5


# ----------------------------------------- the summary and the services agree


def _summary(user, card):
    return desk_selectors.patron_summary(user=user, card=card, threshold=Decimal("10.00"))


def _line(user, card, loan):
    return next(line for line in _summary(user, card).loans if line.pk == loan.pk)


def _renews(user, loan):
    try:
        circ.loan_renew(loan=loan, acting_user=user)
    except circ.CirculationError as error:
        return error.message
    return None


SCENARIOS = {
    "fresh": {},
    "renewed to the limit of its rule": {"rule": 1, "renewals": 1},
    "under the limit of its rule": {"rule": 3, "renewals": 2},
    "no rule, at the default limit": {"rule": None, "renewals": rules.DEFAULT_MAX_RENEWALS},
    "no rule, under the default limit": {
        "rule": None,
        "renewals": rules.DEFAULT_MAX_RENEWALS - 1,
    },
    "another patron waits": {"other_hold": Hold.Status.WAITING},
    "another patron's copy is on the shelf": {"other_hold": Hold.Status.READY},
    "an anonymized hold waits": {"anonymous_hold": True},
    "only the borrower's own hold": {"own_hold": True},
    "a finished hold of another patron": {"other_hold": Hold.Status.FULFILLED},
    "lent today: a renewal would not move the due date": {"lent_today": True},
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_desk_summary_and_the_renewal_service_agree(desk_staff, card, scenario):
    setup = SCENARIOS[scenario]
    fmt = ItemFormat.DVD
    if "rule" in setup:
        LoanRule.objects.filter(format=fmt).delete()
        if setup["rule"] is not None:
            LoanRule.objects.create(format=fmt, max_renewals=setup["rule"])
    lent = timezone.now() - datetime.timedelta(days=0 if setup.get("lent_today") else 20)
    loan = factories.LoanFactory(
        patron=card.patron, item__format=fmt, renewals=setup.get("renewals", 0), checked_out_at=lent
    )
    if "other_hold" in setup:
        factories.HoldFactory(item=loan.item, status=setup["other_hold"])
    if setup.get("anonymous_hold"):
        factories.HoldFactory(item=loan.item, patron=None)
    if setup.get("own_hold"):
        factories.HoldFactory(item=loan.item, patron=card.patron)

    line = _line(desk_staff, card, loan)
    refused = _renews(desk_staff, Loan.objects.get(pk=loan.pk))

    assert line.can_renew == (refused is None), scenario
    if refused is not None:
        expected = {r.message: r.note for r in _all_refusals(loan)}
        assert expected[refused] == line.renew_note


def _all_refusals(loan):
    """Every refusal the rule can give for this loan's renewal count."""
    return [
        rules.renewal_refusal(returned=True, renewals=0, allowed_renewals=1, **_MOVES),
        rules.renewal_refusal(returned=False, renewals=loan.renewals, allowed_renewals=0, **_MOVES),
        rules.renewal_refusal(
            returned=False, renewals=0, allowed_renewals=1, **{**_MOVES, "others_waiting": True}
        ),
        rules.renewal_refusal(
            returned=False,
            renewals=0,
            allowed_renewals=1,
            others_waiting=False,
            due_on=timezone.localtime(loan.due_at, circ.branch_tz(loan.branch)).date(),
            renewed_due_on=datetime.date.min,
        ),
    ]


_MOVES = {
    "others_waiting": False,
    "due_on": datetime.date(2026, 11, 30),
    "renewed_due_on": datetime.date(2026, 12, 21),
}


def test_a_format_without_a_loan_rule_shows_the_limit_checkout_applies(desk_staff, card):
    """No loan rule for games: checkout applies the default limit of 50, so
    the desk must show the block too (it used to show none)."""
    fmt = ItemFormat.GAME
    LoanRule.objects.filter(format=fmt).delete()
    for _ in range(rules.DEFAULT_ITEM_LIMIT):
        factories.LoanFactory(patron=card.patron, item__format=fmt)
    another = factories.ItemFactory(format=fmt)

    shown = {b.code for b in _summary(desk_staff, card).blocks}
    checkout = {
        b.code
        for b in circ.checkout_blocks(
            item=another, card=card, today=timezone.localdate(), threshold=Decimal("10.00")
        )
    }

    assert f"limit_{fmt}" in shown
    assert f"limit_{fmt}" in checkout


def test_the_queue_position_message_and_the_summary_agree_on_a_tie(
    client, desk_staff, card, branch, monkeypatch
):
    """Placed in the same instant as a hold already waiting: second."""
    item = factories.ItemFactory(status="on_loan", home_branch=branch)
    instant = timezone.now() - datetime.timedelta(minutes=5)
    factories.HoldFactory(item=item, placed_at=instant)
    monkeypatch.setattr(Hold._meta.get_field("placed_at"), "_get_default", lambda: instant)
    client.force_login(desk_staff)
    response = client.post(
        "/desk/hold/",
        {"barcode": item.barcode, "patron": card.patron_id, "card": card.pk},
        HTTP_HX_REQUEST="true",
    )
    monkeypatch.undo()
    mine = Hold.objects.get(item=item, patron=card.patron)
    assert mine.placed_at == instant
    shown = next(h for h in _summary(desk_staff, card).holds if h.pk == mine.pk)
    assert shown.position == desk_selectors.hold_queue_position(hold=mine) == 2
    assert "Position 2 in the queue" in response.content.decode()


# -- which holds a checkout fills (issue 25) --------------------------------


def _fills(level, *, hold_patron=7, hold_item=None, hold_title=40, patron=7, copy=1, title=40):
    return rules.checkout_fills_hold(
        hold_patron_id=hold_patron,
        level=level,
        hold_item_id=hold_item,
        hold_title_id=hold_title,
        patron_id=patron,
        copy_id=copy,
        title_id=title,
    )


def test_a_checkout_fills_the_patron_s_title_hold_whichever_copy_was_set_aside():
    assert _fills("title")  # waiting, no copy yet
    assert _fills("title", hold_item=2)  # another copy set aside for it
    assert _fills("title", hold_item=1)  # this very copy


def test_a_checkout_fills_a_copy_hold_only_with_its_own_copy():
    assert _fills("copy", hold_item=1)
    assert not _fills("copy", hold_item=2)


def test_a_checkout_fills_no_hold_of_another_patron_nor_of_another_title():
    assert not _fills("title", hold_patron=8)
    assert not _fills("title", hold_patron=None)  # anonymized: nobody borrowed for it
    assert not _fills("title", hold_title=41)
    assert not _fills("copy", hold_item=1, hold_patron=8)


def test_a_freed_copy_on_the_hold_shelf_is_routed_again_and_one_in_transit_travels_on():
    assert rules.freed_copy_goes(on_hold_shelf=True) == rules.ROUTE_AGAIN
    assert rules.freed_copy_goes(on_hold_shelf=False) == rules.TRAVEL_ON
