"""A checkin in few round trips (issue 25, circulation/checkin.py): what it
writes is what the ORM wrote (the loan closed, its audit entry, the fee,
the copy's routing), and its locks come in the order of
circulation/holds.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from circulation import services
from circulation.models import Fee, Hold, Item, Loan, LoanRule
from tests import factories
from tests.clock import SATURDAY_NIGHT, at

pytestmark = pytest.mark.django_db

ENTRY_FIELDS = [f.attname for f in LogEntry._meta.concrete_fields]


def lent(branch, **fields):
    return factories.LoanFactory(item__home_branch=branch, branch=branch, **fields)


def entry_of(loan, action=LogEntry.Action.UPDATE):
    return LogEntry.objects.get_for_object(loan).get(action=action)


def test_a_checkin_s_audit_entry_is_the_one_the_orm_would_have_written(
    branch, desk_staff, time_machine
):
    """The loan is closed with fixed SQL; its audit entry is still
    django-auditlog's, field by field as a save through the ORM logs it,
    actor included."""
    by_checkin, by_orm = lent(branch), lent(branch)
    time_machine.move_to(at("2026-12-07 10:15"), tick=False)
    with set_actor(desk_staff):
        services.loan_checkin(item=by_checkin.item, acting_user=desk_staff, branch=branch)
        by_orm.returned_at = at("2026-12-07 10:15")
        by_orm.save(update_fields=["returned_at"])

    got, expected = entry_of(by_checkin), entry_of(by_orm)
    differ = {"id", "object_pk", "object_id", "object_repr"}
    assert {f: getattr(got, f) for f in ENTRY_FIELDS if f not in differ} == {
        f: getattr(expected, f) for f in ENTRY_FIELDS if f not in differ
    }
    assert (got.object_pk, got.object_id, got.object_repr) == (
        str(by_checkin.pk),
        by_checkin.pk,
        str(by_checkin),
    )
    assert got.actor_id == desk_staff.pk
    assert list(got.changes_dict) == ["returned_at"]


def test_a_checkout_s_audit_entry_in_the_loan_s_statement_is_the_orm_s(
    branch, card, desk_staff, time_machine
):
    """The loan's audit entry is written in the loan's own statement; it is
    field by field the entry django-auditlog writes when the same loan is
    inserted through the ORM, actor included."""
    time_machine.move_to(at("2026-12-07 10:15"), tick=False)
    item = factories.ItemFactory(home_branch=branch)
    with set_actor(desk_staff):
        loan = services.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
        fixed = entry_of(loan, LogEntry.Action.CREATE)
        again = Loan.objects.get(pk=loan.pk)
        Loan.objects.filter(pk=loan.pk).delete()
        LogEntry.objects.filter(pk=fixed.pk).delete()
        again._state.adding = True
        again.save(force_insert=True)
    by_orm = entry_of(again, LogEntry.Action.CREATE)
    fields = [f for f in ENTRY_FIELDS if f != "id"]
    assert {f: getattr(fixed, f) for f in fields} == {f: getattr(by_orm, f) for f in fields}
    assert fixed.actor_id == desk_staff.pk


def test_a_plain_checkin_closes_the_loan_and_shelves_the_copy(branch, desk_staff):
    loan = lent(branch)
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    loan.refresh_from_db()
    loan.item.refresh_from_db()
    assert loan.returned_at is not None and result.loan.pk == loan.pk
    assert result.loan.returned_at == loan.returned_at
    assert loan.item.status == Item.Status.AVAILABLE == result.item.status
    assert (result.fee, result.trapped_hold, result.in_transit_to) == (None, None, None)
    assert result.messages == ["Return it to the shelf."]


def test_a_late_return_is_charged_by_the_format_s_rule_and_audited(
    branch, desk_staff, time_machine
):
    LoanRule.objects.filter(format="dvd").update(
        overdue_fee_per_day=Decimal("1.00"), overdue_fee_cap=Decimal("10.00")
    )
    time_machine.move_to(at("2026-12-01 12:00"), tick=False)
    loan = lent(branch, item__format="dvd", due_at=at("2026-12-01 23:59"))
    time_machine.move_to(at("2026-12-04 09:00"), tick=False)

    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)

    fee = Fee.objects.get(loan=loan)
    assert result.fee == fee and fee.amount == Decimal("3.00")
    assert (fee.kind, fee.status, fee.branch_id) == (Fee.Kind.OVERDUE, Fee.Status.OPEN, branch.pk)
    assert result.messages == [
        "Returned late: an overdue fee of $3.00 was charged.",
        "Return it to the shelf.",
    ]
    assert LogEntry.objects.get_for_object(fee).filter(action=LogEntry.Action.CREATE).exists()


def test_a_copy_someone_waits_for_is_still_routed_to_them(branch, other_branch, desk_staff):
    loan = lent(branch)
    hold = factories.HoldFactory(item=loan.item, level=Hold.Level.COPY, pickup_branch=other_branch)
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    loan.item.refresh_from_db()
    assert result.in_transit_to == other_branch and result.loan.pk == loan.pk
    assert loan.item.status == Item.Status.IN_TRANSIT
    assert Loan.objects.get(pk=loan.pk).returned_at is not None
    hold.refresh_from_db()
    assert hold.status == Hold.Status.WAITING  # a copy-level hold is trapped on arrival


@pytest.mark.postgres  # row locks and the fixed SQL
def test_a_checkin_locks_the_item_then_its_title_then_the_loan(branch, desk_staff):
    loan = lent(branch)
    with CaptureQueriesContext(connection) as queries:
        services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert len(locking) == 2, locking
    assert "FOR UPDATE OF i, t" in locking[0] and "FROM circulation_item i" in locking[0]
    assert "FROM circulation_loan" in locking[1]


@pytest.mark.postgres  # row locks and the fixed SQL
def test_a_plain_checkin_takes_three_statements_in_its_transaction(branch, desk_staff):
    """The locked item and title, the facts (the loan locked), one write
    of the loan, its audit entry and the item; it was nine."""
    warm = lent(branch)
    services.loan_checkin(item=warm.item, acting_user=desk_staff, branch=branch)  # permissions
    loan = lent(branch)
    with CaptureQueriesContext(connection) as queries:
        services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    inside = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(inside) <= 3, inside


@pytest.mark.postgres  # row locks and the fixed SQL
def test_a_freed_copy_routed_again_locks_its_title_before_any_hold(branch, card, desk_staff):
    """A patron borrows one copy of a title while another waits for them
    on the hold shelf: the freed copy is routed again, and the title's
    lock comes before the holds' (item -> title -> hold)."""
    title = factories.title_with_copies(branch, branch)
    shelf_copy, held_copy = title.copies.order_by("pk")
    hold = services.hold_place_title(
        title=title, patron=card.patron, pickup_branch=branch, acting_user=desk_staff
    )
    Item.objects.filter(pk=held_copy.pk).update(status=Item.Status.ON_LOAN)
    services.loan_checkin(item=held_copy, acting_user=desk_staff, branch=branch)
    hold.refresh_from_db()
    assert hold.status == Hold.Status.READY

    with CaptureQueriesContext(connection) as queries:
        services.loan_checkout(item=shelf_copy, card=card, acting_user=desk_staff, branch=branch)

    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    title_at = next(i for i, sql in enumerate(locking) if '"catalogue_title"' in sql)
    hold_at = next(i for i, sql in enumerate(locking) if 'FROM "circulation_hold"' in sql)
    assert title_at < hold_at, locking
    held_copy.refresh_from_db()
    assert held_copy.status == Item.Status.AVAILABLE


def test_a_return_late_on_the_due_evening_is_not_late_by_the_branch_s_day(
    branch, desk_staff, time_machine
):
    """23:45 on the due day in New York is already the next day in UTC: the
    fee is judged by the branch's day, so nothing is charged."""
    time_machine.move_to(at("2026-12-05 09:00"), tick=False)
    loan = lent(branch, due_at=at("2026-12-05 23:59"))
    time_machine.move_to(at(SATURDAY_NIGHT), tick=False)
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    loan.refresh_from_db()
    assert loan.returned_at == at(SATURDAY_NIGHT)
    assert result.fee is None and not Fee.objects.filter(loan=loan).exists()
