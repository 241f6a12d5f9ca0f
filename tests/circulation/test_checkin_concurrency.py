"""A checkin racing another desk on the same copy, with real threads and
transactions (circulation/checkin.py reads the loan after the item's lock
is held, in a statement of its own)."""

from __future__ import annotations

import pytest
from django.db import connection

from circulation import services
from circulation.models import Item, Loan
from tests import factories
from tests.concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module", autouse=True)
def _leave_the_migration_data(django_db_blocker):
    """Put back what migrations created after the last test's flush (as
    test_concurrency does)."""
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


def on_loan_matches_open_loans(item: Item) -> bool:
    item.refresh_from_db()
    open_loans = Loan.objects.filter(item=item, returned_at__isnull=True).count()
    return open_loans <= 1 and (item.status == Item.Status.ON_LOAN) == (open_loans == 1)


def test_a_checkin_and_a_checkout_of_one_copy_at_once_leave_it_consistent(make_staff, branch):
    """Whichever locks the copy first, it ends on loan exactly when it has
    an open loan: a checkin that waited for the checkout's lock sees the
    loan just made and closes it."""
    desks = [make_staff("desk_staff", username=f"in-out-{n}") for n in "ab"]
    for _ in range(5):  # either may lock first
        item = factories.ItemFactory(home_branch=branch)
        card = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
        results = race(
            [
                lambda i=item: services.loan_checkin(item=i, acting_user=desks[0], branch=branch),
                lambda i=item, c=card: services.loan_checkout(
                    item=i, card=c, acting_user=desks[1], branch=branch
                ),
            ]
        )
        assert isinstance(results[0], services.CheckinResult), results
        assert isinstance(results[1], Loan), results
        assert on_loan_matches_open_loans(item)


def test_two_desks_checking_one_copy_in_at_once_close_its_loan_once(make_staff, branch):
    loan = factories.LoanFactory(item__home_branch=branch, branch=branch)
    desks = [make_staff("desk_staff", username=f"twice-{n}") for n in "ab"]
    results = race(
        [
            lambda d=d: services.loan_checkin(item=loan.item, acting_user=d, branch=branch)
            for d in desks
        ]
    )
    assert all(isinstance(r, services.CheckinResult) for r in results), results
    assert sorted(r.loan is not None for r in results) == [False, True]
    assert on_loan_matches_open_loans(loan.item)
