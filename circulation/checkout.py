"""What a checkout reads and writes, in few round trips (issue 25).

The desk and the self-check terminals lend through
`circulation.services.loan_checkout`, which decides with the rules of
circulation/blocks.py and circulation/rules.py; this module only gathers
their inputs and makes the write, with fixed SQL (`kernel.rawsql`:
compiled once, prepared by PostgreSQL, where the querysets it replaces
cost more to compile and plan than to run):

1. `locked`: the card with its patron, the item and its format's loan
   rule, locking the card row and then the item row (`FOR UPDATE OF c,
   i`: PostgreSQL locks a statement's rows in the order of its FROM list),
   the lock order of circulation/holds.py.
2. `facts`: everything the block rules weigh (open fees, loans of the
   format, the item's open loan, its holds), read after the locks are
   held, so that another desk's checkout for this patron or this item that
   committed while this one waited is counted.
3. `write`: the loan, its audit entry and the item's new status in one
   statement (and, for a terminal, its access-log entry with them,
   `patrons.access`).

SQLite runs the same reads (without row locks: it has none, and writes
one at a time) and writes through the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save, pre_save

from circulation import auditrows
from circulation.models import Fee, Hold, Item, Loan, LoanRule
from kernel import rawsql
from organisation.models import Branch, LibrarySystem
from patrons.access import patron_access_log
from patrons.models import Card, Patron

# A checkout needs none of the patron's contact details or notes.
NOT_READ = ("email", "phone", "address_line", "city", "postal_code", "notes")
_CARD = rawsql.Columns(Card, "c")
_PATRON = rawsql.Columns(Patron, "p", exclude=NOT_READ)
_ITEM = rawsql.Columns(Item, "i")
_RULE = rawsql.Columns(LoanRule, "r")

_LOCKED_SQL = (
    f"SELECT {_CARD.sql}, {_PATRON.sql}, {_ITEM.sql}, {_RULE.sql}"  # noqa: S608 - the models' columns
    " FROM patrons_card c JOIN patrons_patron p ON p.id = c.patron_id"
    " CROSS JOIN circulation_item i"
    " LEFT JOIN circulation_loanrule r ON r.format = i.format"
    " WHERE c.id = %(card)s AND i.id = %(item)s"
)

# Holds that can take the copy: a copy-level one on it, a title-level one
# on its title (holds.fillable_by, rules.hold_can_take).
FILLABLE = (
    "h.status = %(waiting)s AND ((h.level = %(copy)s AND h.item_id = %(item)s)"
    " OR (h.level = %(title)s AND h.title_record_id = %(title_record)s))"
)
_FACTS_SQL = (
    "SELECT"  # noqa: S608 - only the fixed FILLABLE is spliced in
    " (SELECT COALESCE(SUM(f.amount), 0) FROM circulation_fee f"
    "   WHERE f.patron_id = %(patron)s AND f.status = %(fee_open)s),"
    " (SELECT COUNT(*) FROM circulation_loan l JOIN circulation_item li ON li.id = l.item_id"
    "   WHERE l.patron_id = %(patron)s AND l.returned_at IS NULL AND li.format = %(format)s),"
    " EXISTS (SELECT 1 FROM circulation_loan l"
    "   WHERE l.item_id = %(item)s AND l.returned_at IS NULL),"
    " EXISTS (SELECT 1 FROM circulation_hold h"
    "   WHERE h.item_id = %(item)s AND h.status = %(ready)s),"
    " EXISTS (SELECT 1 FROM circulation_hold h WHERE h.item_id = %(item)s AND h.status = %(ready)s"
    "   AND h.patron_id = %(patron)s),"
    f" EXISTS (SELECT 1 FROM circulation_hold h WHERE {FILLABLE}),"
    f" EXISTS (SELECT 1 FROM circulation_hold h WHERE {FILLABLE} AND h.patron_id = %(patron)s),"
    # Holds a loan of this copy settles (holds.release_for_checkout): any
    # set aside with it, and the patron's own open hold on it or its title.
    " EXISTS (SELECT 1 FROM circulation_hold h"
    "   WHERE (h.item_id = %(item)s AND h.status IN (%(in_transit)s, %(ready)s))"
    "   OR (h.patron_id = %(patron)s AND h.status IN (%(waiting)s, %(in_transit)s, %(ready)s)"
    "     AND (h.item_id = %(item)s OR h.title_record_id = %(title_record)s))),"
    " (SELECT s.fee_block_threshold FROM libraryservice_librarysystem s WHERE s.id = %(system)s),"
    " EXISTS (SELECT 1 FROM libraryservice_openinghours o WHERE o.branch_id = %(branch)s)"
)
_NEXT_LOAN_ID = ", nextval(pg_get_serial_sequence('circulation_loan', 'id'))"
# Sums and limits convert as the decimal fields they come from.
_FACTS_FIELDS = [
    Fee._meta.get_field("amount"),
    *[None] * 7,
    LibrarySystem._meta.get_field("fee_block_threshold"),
    None,
]


@dataclass(frozen=True)
class Facts:
    """What the checkout rules weigh, read under the card and item locks."""

    fees_open: Decimal
    loans_of_format: int
    item_on_loan: bool
    ready_any: bool  # the copy is on the hold shelf for a hold
    ready_own: bool  # ... for this patron's
    waiting_any: bool  # a waiting hold can take this copy
    waiting_own: bool  # ... one of this patron's
    holds_to_settle: bool  # holds.release_for_checkout has work to do
    threshold: Decimal | None  # the library system's fee limit
    has_opening_hours: bool
    next_loan_id: int | None = None


def locked(*, card_id: int, item_id: int) -> tuple[Card, Item, LoanRule | None] | None:
    """The card (its patron cached on it), the item and its format's loan
    rule (None: the format has none), locking card then item where the
    database has row locks; None when either row is gone."""
    sql = _LOCKED_SQL
    if connection.features.has_select_for_update_of:
        sql += " FOR UPDATE OF c, i"
    fields = [*_CARD.fields, *_PATRON.fields, *_ITEM.fields, *_RULE.fields]
    rows = rawsql.fetch(sql, {"card": card_id, "item": item_id}, fields)
    if not rows:
        return None
    row = rows[0]
    cut = [len(_CARD), len(_CARD) + len(_PATRON), len(_CARD) + len(_PATRON) + len(_ITEM)]
    card = _CARD.instance(row[: cut[0]])
    Card.patron.field.set_cached_value(card, _PATRON.instance(row[cut[0] : cut[1]]))
    item = _ITEM.instance(row[cut[1] : cut[2]])
    rule = _RULE.instance(row[cut[2] :]) if row[cut[2]] is not None else None
    return card, item, rule


def facts(*, item: Item, patron_id: int, branch: Branch | None, loan_id: bool = False) -> Facts:
    """Read what the rules weigh about lending `item` to the patron (at
    `branch`: its system's fee limit and whether it has opening hours).
    `loan_id`: also draw the new loan's id (on PostgreSQL; None
    elsewhere), so that the write can insert the loan and its dependants
    in one statement."""
    params = {
        "patron": patron_id,
        "item": item.pk,
        "format": item.format,
        "title_record": item.title_record_id,
        "fee_open": Fee.Status.OPEN,
        "waiting": Hold.Status.WAITING,
        "in_transit": Hold.Status.IN_TRANSIT,
        "ready": Hold.Status.READY,
        "copy": Hold.Level.COPY,
        "title": Hold.Level.TITLE,
        "system": branch.system_id if branch is not None else None,
        "branch": branch.pk if branch is not None else None,
    }
    sql, fields = _FACTS_SQL, _FACTS_FIELDS
    # Elsewhere the ORM's insert draws the id (see `write`).
    loan_id = loan_id and connection.vendor == "postgresql"
    if loan_id:
        sql, fields = sql + _NEXT_LOAN_ID, [*fields, None]
    row = rawsql.fetch(sql, params, fields)[0]
    return Facts(
        fees_open=Decimal(row[0] or 0),
        loans_of_format=int(row[1]),
        item_on_loan=bool(row[2]),
        ready_any=bool(row[3]),
        ready_own=bool(row[4]),
        waiting_any=bool(row[5]),
        waiting_own=bool(row[6]),
        holds_to_settle=bool(row[7]),
        threshold=None if row[8] is None else Decimal(row[8]),
        has_opening_hours=bool(row[9]),
        next_loan_id=int(row[10]) if loan_id else None,
    )


_LOAN_FIELDS = list(Loan._meta.concrete_fields)
_LOAN_COLUMNS = [str(f.column) for f in _LOAN_FIELDS]
_INSERT_LOAN_SQL = (
    "WITH loan AS (INSERT INTO circulation_loan ("  # noqa: S608 - the model's own columns
    + ", ".join(connection.ops.quote_name(column) for column in _LOAN_COLUMNS)
    + ") VALUES ("
    + ", ".join(f"%(loan_{f.attname})s" for f in _LOAN_FIELDS)
    + ") ON CONFLICT (item_id) WHERE returned_at IS NULL DO NOTHING RETURNING id)"
    " UPDATE circulation_item SET status = %(on_loan)s"
    " WHERE id = %(loan_item_id)s AND EXISTS (SELECT 1 FROM loan)"
)
_INSERT_LOAN_AUDITED_SQL = _INSERT_LOAN_SQL.replace(
    " RETURNING id)",
    " RETURNING id), " + auditrows.insert("audited", prefix="entry", source="loan"),
    1,
)


def write(*, loan: Loan, item: Item, access: tuple[Any, str] | None = None) -> bool:
    """Insert `loan` (its id drawn by `facts`) and mark `item` on loan;
    with `access` (acting user, kind), the patron's access-log entry too.
    False, and nothing written, when another open loan of the item is
    already there. The loan's audit entry is django-auditlog's own
    (circulation/auditrows.py), written in the same statement; the loan's
    save signals go out as a save sends them, with django-auditlog's
    receiver off for post_save (the entry it would write is written)."""
    if connection.vendor != "postgresql":
        return _write_orm(loan=loan, item=item, access=access)
    pre_save.send(sender=Loan, instance=loan, raw=False, using=connection.alias, update_fields=None)
    params = {
        f"loan_{f.attname}": f.get_db_prep_save(f.pre_save(loan, True), connection)
        for f in _LOAN_FIELDS
    }
    params["on_loan"] = Item.Status.ON_LOAN
    # The loan's audit entry in the same statement (its id is drawn).
    entry = auditrows.entry(loan, action=LogEntry.Action.CREATE)
    sql = _INSERT_LOAN_SQL
    if entry is not None:
        sql = _INSERT_LOAN_AUDITED_SQL
        params.update(auditrows.params(entry, prefix="entry"))
    statement = (sql, params)
    if access is not None:
        acting_user, kind = access
        assert loan.patron is not None
        touched = patron_access_log(
            patron=loan.patron, acting_user=acting_user, kind=kind, then=statement
        )
    else:
        touched = rawsql.execute(*statement)
    if not touched:
        return False
    loan._state.adding = False
    loan._state.db = connection.alias
    item.status = Item.Status.ON_LOAN
    if entry is not None:
        auditrows.written(entry)
    with disable_auditlog():  # its receiver's entry is written above
        post_save.send(
            sender=Loan,
            instance=loan,
            created=True,
            update_fields=None,
            raw=False,
            using=connection.alias,
        )
    return True


def _write_orm(*, loan: Loan, item: Item, access: tuple[Any, str] | None) -> bool:
    try:
        with transaction.atomic():
            loan.save(force_insert=True)
    except IntegrityError:
        return False
    item.status = Item.Status.ON_LOAN
    item.save(update_fields=["status"])
    if access is not None:
        assert loan.patron is not None
        patron_access_log(patron=loan.patron, acting_user=access[0], kind=access[1])
    return True
