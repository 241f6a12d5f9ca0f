"""A checkin at the kiosk: how few statements it takes (issue 25), and
that what it answers still comes from the desk's loan_checkin."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from circulation.models import Hold, Item, Loan
from tests import factories
from tests.sip2.helpers import DATE, fields_of, logged_in, signed, terminal
from tests.sip2.test_checkout_path import checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch():
    return factories.BranchFactory(code="main")


def checkin(session, item) -> str:
    answer = session.answer(signed(f"09N{DATE}{DATE}APmain|AOmain|AB{item.barcode}|AC|"))
    assert answer is not None
    return answer


@pytest.mark.postgres  # the fixed SQL
def test_a_kiosk_checkin_takes_six_statements_at_most(branch):
    """The item (with the terminal's revoked check), then the desk's
    loan_checkin: BEGIN, the item and its title locked, the facts (the
    loan locked, the hold queue's flags), one write of the loan, its audit
    entry and the item, COMMIT (a savepoint and its release inside the
    test's transaction). It was 12."""
    t = terminal(branch, requires_pin=False)
    card = factories.CardFactory(patron__home_branch=branch)
    session = logged_in(t)
    warm = factories.ItemFactory(home_branch=branch)
    checkout(session, card, warm, pin="")
    checkin(session, warm)  # warm caches
    item = factories.ItemFactory(home_branch=branch)
    checkout(session, card, item, pin="")
    with CaptureQueriesContext(connection) as queries:
        answer = checkin(session, item)
    assert answer.startswith("101YUN"), answer
    assert len(queries) <= 6, [q["sql"][:80] for q in queries]
    loan = Loan.objects.get(item=item)
    assert loan.returned_at is not None
    assert Item.objects.get(pk=item.pk).status == Item.Status.AVAILABLE
    entry = LogEntry.objects.get_for_object(loan).get(action=LogEntry.Action.UPDATE)
    assert list(entry.changes_dict) == ["returned_at"]


def test_a_kiosk_checkin_of_a_copy_someone_waits_for_here_says_so(branch):
    t = terminal(branch, requires_pin=False)
    card = factories.CardFactory(patron__home_branch=branch)
    session = logged_in(t)
    item = factories.ItemFactory(home_branch=branch)
    checkout(session, card, item, pin="")
    waiting = factories.CardFactory(patron__home_branch=branch).patron
    hold = factories.HoldFactory(item=item, patron=waiting, pickup_branch=branch)

    answer = checkin(session, item)

    assert answer.startswith("101NUY"), answer
    found = fields_of(answer)
    assert (found["CT"], found["CV"]) == (["main"], ["01"])
    hold.refresh_from_db()
    assert hold.status == Hold.Status.READY
    assert Item.objects.get(pk=item.pk).status == Item.Status.ON_HOLD_SHELF
