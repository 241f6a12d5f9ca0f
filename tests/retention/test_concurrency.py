"""Rows another transaction holds are skipped, reported, and done next run."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from circulation.models import Loan
from retention.services import retention_expunge
from retention.vocabulary import KeptReason, RecordType
from tests.retention.helpers import AS_OF, returned_loan

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_loan_locked_by_a_desk_transaction_is_skipped_not_waited_for(patron, card):
    busy = returned_loan(patron=patron, returned_days_ago=40)
    free = returned_loan(patron=patron, returned_days_ago=41)
    locked, release = threading.Event(), threading.Event()

    def desk_transaction() -> None:
        try:
            with transaction.atomic():
                Loan.objects.select_for_update().get(pk=busy.pk)
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    desk = threading.Thread(target=desk_transaction)
    desk.start()
    try:
        assert locked.wait(10)
        report = retention_expunge(as_of=AS_OF)
    finally:
        release.set()
        desk.join(10)

    loans = report.record_types[RecordType.RETURNED_LOANS]
    assert loans.expunged == 1
    assert dict(loans.kept) == {KeptReason.IN_USE: 1}
    assert Loan.objects.get(pk=free.pk).patron_id is None
    assert Loan.objects.get(pk=busy.pk).patron_id == patron.pk

    assert retention_expunge(as_of=AS_OF).record_types[RecordType.RETURNED_LOANS].expunged == 1
    assert Loan.objects.get(pk=busy.pk).patron_id is None
