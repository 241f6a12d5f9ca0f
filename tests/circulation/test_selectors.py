"""Circulation's own reads that the desk and the privacy pages ask for."""

from __future__ import annotations

import datetime

import pytest

from circulation import selectors
from circulation.models import Hold
from tests.clock import at
from tests.factories import HoldFactory, ItemFactory, LoanFactory

pytestmark = pytest.mark.django_db


def test_a_copy_is_found_by_its_barcode_and_an_unknown_one_is_none(branch):
    item = ItemFactory(home_branch=branch)
    assert selectors.item_by_barcode(item.barcode) == item
    assert selectors.item_by_barcode("39999999999999") is None


def test_a_loan_is_just_made_only_within_the_window(time_machine, patron, branch):
    time_machine.move_to(at("2026-12-05 23:45"), tick=False)
    loan = LoanFactory(patron=patron, item__home_branch=branch)
    time_machine.move_to(at("2026-12-05 23:45") + datetime.timedelta(seconds=20), tick=False)
    window = datetime.timedelta(seconds=30)
    assert (
        selectors.loan_just_made(item_id=loan.item_id, patron_id=patron.pk, within=window) == loan
    )
    assert (
        selectors.loan_just_made(
            item_id=loan.item_id, patron_id=patron.pk, within=datetime.timedelta(seconds=10)
        )
        is None
    )


def test_only_waiting_holds_are_counted(patron, branch):
    item = ItemFactory(home_branch=branch)
    HoldFactory(item=item, patron=patron)
    HoldFactory(item=item, status=Hold.Status.CANCELLED)
    assert selectors.holds_waiting_count(item_id=item.pk) == 1


def test_loan_history_is_the_returned_loans_newest_first(patron, branch):
    older = LoanFactory(patron=patron, item__home_branch=branch)
    newer = LoanFactory(patron=patron, item__home_branch=branch)
    LoanFactory(patron=patron, item__home_branch=branch)  # still out
    older.returned_at = at("2026-11-01 10:00")
    newer.returned_at = at("2026-11-02 10:00")
    older.save(update_fields=["returned_at"])
    newer.save(update_fields=["returned_at"])
    assert list(selectors.loan_history(patron=patron)) == [newer, older]
    assert list(selectors.loan_history(patron=patron, limit=1)) == [newer]
