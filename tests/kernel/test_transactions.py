"""kernel.transactions.refusing: a refusal decided before any write ends
its transaction with COMMIT, so that psycopg keeps the connection's
prepared statements (it forgets them all on any ROLLBACK)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from circulation import services
from circulation.models import Loan
from kernel import rawsql
from kernel.transactions import Refused, refusing
from organisation import clock
from organisation.models import Branch
from patrons.models import Card
from tests import factories

pytestmark = pytest.mark.django_db


class Refusal(Exception):
    pass


def prepared() -> int:
    """Prepared statements this connection's PostgreSQL session holds (an
    ORM cursor binds on the client: this count prepares nothing)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return int(cursor.fetchone()[0])


def prepare_one() -> None:
    rawsql.fetch("SELECT count(*) FROM libraryservice_branch WHERE id > %(id)s", {"id": 0}, [None])


@refusing
def refuse_after_reading(branch_id: int) -> Branch | Refused:
    branch = Branch.objects.select_for_update().get(pk=branch_id)
    if branch.code == "main":
        return Refused(Refusal("refused"))
    return branch


@refusing
def write_then_fail(name: str) -> Branch | Refused:
    branch = factories.BranchFactory(name=name)
    raise Refusal(f"failed after writing {branch.pk}")


def test_a_returned_refusal_is_raised_and_the_transaction_is_over(branch):
    with pytest.raises(Refusal, match="refused"):
        refuse_after_reading(branch.pk)
    assert not connection.needs_rollback
    other = factories.BranchFactory(code="east")
    assert refuse_after_reading(other.pk) == other


def test_an_exception_raised_rolls_back_what_was_written_as_atomic_does(db):
    with pytest.raises(Refusal, match="failed after writing"):
        write_then_fail("Written then rolled back")
    assert not Branch.objects.filter(name="Written then rolled back").exists()


@pytest.mark.postgres
def test_a_returned_refusal_keeps_the_prepared_statements_and_a_raised_one_does_not(branch):
    prepare_one()
    held = prepared()
    assert held >= 1
    with pytest.raises(Refusal):
        refuse_after_reading(branch.pk)
    assert prepared() == held
    # Why refusing exists: the same refusal raised inside atomic ends in
    # ROLLBACK (TO SAVEPOINT, in this test's transaction), and psycopg
    # deallocates every statement it prepared.
    with pytest.raises(Refusal):
        write_then_fail("Rolled back")
    assert prepared() == 0


@pytest.mark.postgres
def test_a_refused_checkout_and_renewal_keep_the_prepared_statements(branch, card, desk_staff):
    item = factories.ItemFactory(home_branch=branch)
    Card.objects.filter(pk=card.pk).update(
        expires_on=clock.local_day(branch) - datetime.timedelta(1)
    )
    card.refresh_from_db()
    prepare_one()
    held = prepared()
    with pytest.raises(services.CheckoutBlocked) as blocked:
        services.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
    assert [b.code for b in blocked.value.blocks] == ["card_expired"]
    assert not Loan.objects.filter(item=item).exists()
    assert prepared() >= held

    loan = factories.LoanFactory(item__home_branch=branch, renewals=99)
    with pytest.raises(services.CirculationError):
        services.loan_renew(loan=loan, acting_user=desk_staff)
    loan.refresh_from_db()
    assert loan.renewals == 99
    assert prepared() >= held
