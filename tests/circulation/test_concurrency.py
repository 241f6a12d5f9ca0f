"""Two desks at the same moment, with real threads and transactions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from circulation import services
from circulation.models import Fee, Item, Loan, LoanRule
from tests import factories
from tests.concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module", autouse=True)
def _leave_the_migration_data(django_db_blocker):
    """Put back what migrations created (roles, loan rules, presets) after
    the last test's flush, so tests that follow on this worker and do not
    restore it themselves find the database as migrate left it."""
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


def test_two_desks_lending_the_same_item_at_once_make_exactly_one_loan(make_staff, branch):
    item = factories.ItemFactory(home_branch=branch)
    cards = [
        factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)) for _ in "ab"
    ]
    desks = [make_staff("desk_staff", username=f"race-{n}") for n in "ab"]
    results = race(
        [
            lambda c=c, d=d: services.loan_checkout(item=item, card=c, acting_user=d, branch=branch)
            for c, d in zip(cards, desks, strict=True)
        ]
    )
    loans = [r for r in results if isinstance(r, Loan)]
    refusals = [r for r in results if isinstance(r, services.CheckoutBlocked)]
    assert len(loans) == 1 and len(refusals) == 1, results
    assert refusals[0].message == services.B.ITEM_ON_LOAN
    assert Loan.objects.filter(item=item, returned_at__isnull=True).count() == 1


def test_two_desks_cannot_push_one_patron_past_the_item_limit(make_staff, branch):
    LoanRule.objects.filter(format="equipment").update(item_limit=2)
    card = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    factories.LoanFactory(
        patron=card.patron, item__format="equipment", item__home_branch=branch, branch=branch
    )
    items = [factories.ItemFactory(home_branch=branch, format="equipment") for _ in "ab"]
    desks = [make_staff("desk_staff", username=f"limit-{n}") for n in "ab"]
    results = race(
        [
            lambda i=i, d=d: services.loan_checkout(item=i, card=card, acting_user=d, branch=branch)
            for i, d in zip(items, desks, strict=True)
        ]
    )
    assert sum(isinstance(r, Loan) for r in results) == 1, results
    refusal = next(r for r in results if isinstance(r, services.CheckoutBlocked))
    assert [b.code for b in refusal.blocks] == ["limit_equipment"]
    assert Loan.objects.filter(patron=card.patron, returned_at__isnull=True).count() == 2


def test_declaring_lost_while_another_desk_checks_the_item_in_leaves_no_charge(make_staff, branch):
    """Whichever desk locks first, the item ends back in circulation with no
    open lost-item fee: check-in first makes 'lost' refuse (the loan is
    closed); 'lost' first has check-in cancel the fee it just charged."""
    loan = factories.LoanFactory(
        item__home_branch=branch, item__replacement_cost=Decimal("25.00"), branch=branch
    )
    item = loan.item
    checking_in, declaring = (make_staff("desk_staff", username=f"lost-{n}") for n in "ab")
    results = race(
        [
            lambda: services.loan_checkin(item=item, acting_user=checking_in, branch=branch),
            lambda: services.loan_declare_lost(loan=loan, acting_user=declaring, branch=branch),
        ]
    )
    checked_in, declared = results
    assert isinstance(checked_in, services.CheckinResult), results
    if isinstance(declared, services.CirculationError):
        assert declared.message == services.LOST_NOT_OPEN
        assert not Fee.objects.filter(loan=loan).exists()
    else:
        assert isinstance(declared, Fee), results
        assert Fee.objects.get(pk=declared.pk).status == Fee.Status.WAIVED
        assert services.LOST_RETURNED_WAIVED.format(amount="25.00") in checked_in.messages
    loan.refresh_from_db()
    item.refresh_from_db()
    assert loan.returned_at is not None
    assert item.status != Item.Status.LOST
    assert not Fee.objects.filter(loan__item=item, status=Fee.Status.OPEN).exists()
