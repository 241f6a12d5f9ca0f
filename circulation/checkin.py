"""What a checkin reads and writes, in few round trips (issue 25).

The desk and the self-check terminals return items through
`circulation.services.loan_checkin`; on PostgreSQL it gathers its inputs
here with fixed SQL (`kernel.rawsql`), as circulation/checkout.py does
for the checkout:

1. `locked`: the item, locking its row and then its title's (`FOR
   UPDATE OF i, t`, in the FROM list's order): the lock order of
   circulation/holds.py, item then title then hold. Routing needs the
   title lock whenever it reads the hold queue.
2. `facts`: the item's open loan (locked: a renewal locks only the loan),
   the loan's branch, the format's loan rule, and whether the hold queue
   has anything for the copy (a hold it travels for, a waiting hold it
   could fill). Read after the locks are held, so that a checkout of
   the item that committed while this one waited is seen.
3. `write_returned`: the loan closed, its audit entry (django-auditlog's
   own, circulation/auditrows.py) and the item back on the shelf, in one
   statement. Only for the common case: a loan to close and no hold for
   the copy. Everything else (holds, lost and withdrawn items, fees)
   goes on through the ORM in services.loan_checkin with these locks
   held.

SQLite keeps the ORM path throughout.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.db import connection
from django.db.models.signals import post_save

from circulation import auditrows
from circulation.checkout import FILLABLE
from circulation.models import Hold, Item, Loan, LoanRule
from kernel import rawsql
from organisation.models import Branch

_ITEM = rawsql.Columns(Item, "i")
_LOAN = rawsql.Columns(Loan, "l")
_BRANCH = rawsql.Columns(Branch, "b")
_RULE = rawsql.Columns(LoanRule, "r")

_LOCKED_SQL = (
    f"SELECT {_ITEM.sql} FROM circulation_item i"  # noqa: S608 - the model's columns
    " JOIN catalogue_title t ON t.id = i.title_record_id"
    " WHERE i.id = %(item)s FOR UPDATE OF i, t"
)

_FACTS_SQL = (
    f"SELECT {_LOAN.sql}, {_BRANCH.sql}, {_RULE.sql},"  # noqa: S608 - the models' columns
    " EXISTS (SELECT 1 FROM circulation_hold h"
    "   WHERE h.item_id = %(item)s AND h.status = %(in_transit)s),"
    f" EXISTS (SELECT 1 FROM circulation_hold h WHERE {FILLABLE})"
    " FROM (SELECT 1 AS one) o"
    " LEFT JOIN LATERAL (SELECT * FROM circulation_loan"
    "   WHERE item_id = %(item)s AND returned_at IS NULL FOR UPDATE) l ON true"
    " LEFT JOIN libraryservice_branch b ON b.id = l.branch_id"
    " LEFT JOIN circulation_loanrule r ON r.format = %(format)s"
)

_CLOSE_LOAN = (
    "WITH loan AS (UPDATE circulation_loan SET returned_at = %(returned_at)s"
    "   WHERE id = %(loan)s AND returned_at IS NULL RETURNING id)"
)
_AUDITED = ", " + auditrows.insert("audited", prefix="entry", source="loan")
_TO_SHELF = (
    " UPDATE circulation_item SET status = %(available)s"
    " WHERE id = %(item)s AND EXISTS (SELECT 1 FROM loan)"
)


def fixed_sql() -> bool:
    """Whether checkin reads and writes through this module (PostgreSQL)."""
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Facts:
    """What the checkin weighs, read under the item and title locks."""

    item: Item  # locked, with its title
    loan: Loan | None  # the open loan, locked, its branch cached on it
    rule: LoanRule | None  # the item format's loan rule (None: it has none)
    in_transit_hold: bool  # a hold the copy travels for (holds.route_copy)
    waiting_hold: bool  # a waiting hold it could fill (holds.fillable_by)

    @property
    def to_shelf(self) -> bool:
        """A loan to close and nothing in the hold queue for the copy
        (read with fixed SQL): routing can only put it back on the shelf."""
        return (
            fixed_sql()
            and self.loan is not None
            and not self.in_transit_hold
            and not self.waiting_hold
        )


def locked(*, item_id: int) -> Item | None:
    """The item, locking its row and then its title's; None when gone."""
    rows = rawsql.fetch(_LOCKED_SQL, {"item": item_id}, _ITEM.fields)
    return _ITEM.instance(rows[0]) if rows else None


def read(*, item_id: int) -> Facts:
    """`locked`, then `facts`; Item.DoesNotExist when the item is gone.
    Elsewhere than PostgreSQL, the item and its open loan (locked where
    the database locks rows) through the ORM, and no fast path."""
    if not fixed_sql():
        item = Item.objects.select_for_update().get(pk=item_id)
        loan = (
            Loan.objects.select_for_update()
            .select_related("branch")
            .filter(item=item, returned_at__isnull=True)
            .first()
        )
        return Facts(item=item, loan=loan, rule=None, in_transit_hold=False, waiting_hold=False)
    held = locked(item_id=item_id)
    if held is None:
        raise Item.DoesNotExist
    return facts(item=held)


def close(found: Facts, *, returned_at: datetime.datetime) -> None:
    """Close the open loan `read` found: with the copy back on the shelf
    in one statement when `found.to_shelf` (routing has nothing else to
    do), otherwise through the ORM, its routing left to the caller."""
    loan = found.loan
    assert loan is not None
    if not found.to_shelf:
        loan.returned_at = returned_at
        loan.save(update_fields=["returned_at"])
    elif not write_returned(loan=loan, item=found.item, returned_at=returned_at):
        raise RuntimeError("the loan read under its lock was closed meanwhile")


def facts(*, item: Item) -> Facts:
    """The open loan (locked), its branch, the loan rule and the hold
    queue's flags for `item`, whose row lock (and its title's) the caller
    holds."""
    params = {
        "item": item.pk,
        "format": item.format,
        "title_record": item.title_record_id,
        "in_transit": Hold.Status.IN_TRANSIT,
        "waiting": Hold.Status.WAITING,
        "copy": Hold.Level.COPY,
        "title": Hold.Level.TITLE,
    }
    fields = [*_LOAN.fields, *_BRANCH.fields, *_RULE.fields, None, None]
    row = rawsql.fetch(_FACTS_SQL, params, fields)[0]
    cut = [len(_LOAN), len(_LOAN) + len(_BRANCH), len(_LOAN) + len(_BRANCH) + len(_RULE)]
    loan = None
    if row[0] is not None:
        loan = _LOAN.instance(row[: cut[0]])
        Loan.branch.field.set_cached_value(loan, _BRANCH.instance(row[cut[0] : cut[1]]))
    rule = _RULE.instance(row[cut[1] : cut[2]]) if row[cut[1]] is not None else None
    return Facts(
        item=item,
        loan=loan,
        rule=rule,
        in_transit_hold=bool(row[cut[2]]),
        waiting_hold=bool(row[-1]),
    )


def write_returned(*, loan: Loan, item: Item, returned_at: datetime.datetime) -> bool:
    """Close `loan` (locked by `facts`) at `returned_at`, write its audit
    entry and put `item` back on the shelf, in one statement. False, and
    nothing written, when the loan was already closed. Sends the loan's
    post_save as `loan.save(update_fields=["returned_at"])` would; its
    pre_save is not sent, as its receiver is django-auditlog's, whose
    entry (read of the old row and INSERT) this statement makes."""
    old = Loan.from_db(connection.alias, _LOAN.attnames, [getattr(loan, a) for a in _LOAN.attnames])
    loan.returned_at = returned_at
    entry = auditrows.entry(loan, action=LogEntry.Action.UPDATE, old=old, fields=["returned_at"])
    params: dict[str, Any] = {
        "returned_at": returned_at,
        "loan": loan.pk,
        "item": item.pk,
        "available": Item.Status.AVAILABLE,
    }
    sql = _CLOSE_LOAN + _TO_SHELF
    if entry is not None:
        sql = _CLOSE_LOAN + _AUDITED + _TO_SHELF
        params.update(auditrows.params(entry, prefix="entry"))
    if not rawsql.execute(sql, params):
        loan.returned_at = None
        return False
    item.status = Item.Status.AVAILABLE
    if entry is not None:
        auditrows.written(entry)
    post_save.send(
        sender=Loan,
        instance=loan,
        created=False,
        update_fields=frozenset(["returned_at"]),
        raw=False,
        using=connection.alias,
    )
    return True
