"""What a terminal may learn about a patron (DESIGN section 8), and the
access-log entry of every answer about a patron.

No address, e-mail, phone or date of birth leaves, for any kind of
terminal. A PC-reservation system gets an age band and a minor flag
instead of the date of birth, and the status flags instead of amounts.
Counts, amounts and item lists go only to a self-check machine, and the
item lists only for the cardholder who typed their PIN.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db import connection
from django.utils import timezone

from catalogue.models import Title
from circulation import blocks as B
from circulation import rules
from circulation.models import Fee, Hold, Item, ItemFormat, Loan, LoanRule
from circulation.services import DEFAULT_RULE, loan_rule_for, local_today
from kernel import rawsql
from patrons.models import Card, Patron
from privacy import services as privacy_services
from privacy.selectors import is_minor
from programs.agebands import age_band_for
from sip2 import protocol as P
from sip2 import services
from sip2.models import Terminal

# Access-log kinds, declared with their labels by the record types they
# read (patrons/recordtypes.py, circulation/recordtypes.py).
ACCESS_PATRON = "sip2_patron"
ACCESS_CHECKOUT = "sip2_checkout"
ACCESS_RENEWAL = "sip2_renewal"
ACCESS_PAYMENT = "sip2_payment"

CURRENCY = "USD"


class Standing:
    """A card's standing, computed by the desk's own block functions.

    Each part is read when first asked for, once: a checkout needs only
    the card (the desk's checkout weighs the blocks itself), patron
    information needs them all. The patron's open fees are read once and
    summed here, as the desk's fee block sums them.
    """

    def __init__(self, card: Card, terminal: Terminal) -> None:
        self.card = card
        self.patron: Patron = card.patron
        self.terminal = terminal

    @cached_property
    def today(self) -> datetime.date:
        return local_today(self.terminal.branch)

    @cached_property
    def threshold(self) -> Decimal:
        return self.terminal.branch.system.fee_block_threshold

    @cached_property
    def fees(self) -> list[Fee]:
        return list(
            Fee.objects.filter(patron=self.patron, status=Fee.Status.OPEN).order_by(
                "created_at", "pk"
            )
        )

    @cached_property
    def fees_open(self) -> Decimal:
        return sum((fee.amount for fee in self.fees), Decimal("0"))

    @cached_property
    def charged(self) -> list[Loan]:
        return list(
            Loan.objects.select_related("item")
            .filter(patron=self.patron, returned_at__isnull=True)
            .order_by("due_at", "pk")
        )

    @cached_property
    def overdue(self) -> list[Loan]:
        now = timezone.now()
        return [loan for loan in self.charged if loan.due_at < now]

    @cached_property
    def _holds(self) -> list[Hold]:
        return list(
            Hold.objects.select_related("item", "title_record")
            .filter(patron=self.patron, status__in=Hold.OPEN_STATUSES)
            .order_by("placed_at", "pk")
        )

    @cached_property
    def holds_ready(self) -> list[Hold]:
        return [h for h in self._holds if h.status == Hold.Status.READY]

    @cached_property
    def holds_waiting(self) -> list[Hold]:
        return [h for h in self._holds if h.status == Hold.Status.WAITING]

    @cached_property
    def card_blocks(self) -> list[B.Block]:
        return B.card_blocks(self.card, self.today)

    @cached_property
    def fee_blocks(self) -> list[B.Block]:
        return B.fee_blocks(self.fees_open, self.threshold)

    @cached_property
    def limit_blocks(self) -> list[B.Block]:
        by_format: dict[str, int] = {}
        for loan in self.charged:
            by_format[loan.item.format] = by_format.get(loan.item.format, 0) + 1
        limits = {fmt: rules.item_limit(self._rule(fmt).item_limit) for fmt in by_format}
        return B.limit_blocks(by_format, limits, dict(ItemFormat.choices), by_format)

    def _rule(self, fmt: str) -> LoanRule:
        rules_read = self.__dict__.get("_rules")
        if rules_read is None:
            return loan_rule_for(fmt)
        return rules_read.get(fmt) or DEFAULT_RULE

    def read_all(self) -> Standing:
        """Read the fees, loans, holds and loan rules in one statement
        (PostgreSQL; each part as it is first used elsewhere), for an
        answer that uses them all. Built as the lazy parts build them:
        the same rows, order and cached relations."""
        if connection.vendor != "postgresql":
            return self
        params = {
            "patron": self.patron.pk,
            "fee_open": Fee.Status.OPEN,
            "open": list(Hold.OPEN_STATUSES),
        }
        row = rawsql.fetch(_STANDING_SQL, params, [None] * 4)[0]
        fees, loans, holds, loan_rules = (_json(value) for value in row)
        self.__dict__["fees"] = [_instance(Fee, row) for row in fees]
        charged = []
        for row in loans:
            loan = _instance(Loan, row["l"])
            Loan.item.field.set_cached_value(loan, _instance(Item, row["i"]))
            charged.append(loan)
        self.__dict__["charged"] = charged
        read = []
        for row in holds:
            hold = _instance(Hold, row["h"])
            Hold.item.field.set_cached_value(
                hold, _instance(Item, row["i"]) if row["i"] is not None else None
            )
            Hold.title_record.field.set_cached_value(hold, _instance(Title, row["t"]))
            read.append(hold)
        self.__dict__["_holds"] = read
        rule_list = [_instance(LoanRule, x) for x in loan_rules]
        self.__dict__["_rules"] = {r.format: r for r in rule_list}
        return self


def _columns(model: Any, alias: str, only: Sequence[str] = ()) -> str:
    """json_build_object of the model's concrete columns (or `only`)."""
    fields = [f for f in model._meta.concrete_fields if not only or f.attname in only]
    pairs = ", ".join(f"'{f.column}', {alias}.{f.column}" for f in fields)
    return f"json_build_object({pairs})"


_STANDING_SQL = (
    "SELECT"  # noqa: S608 - the models' own columns
    f" (SELECT json_agg({_columns(Fee, 'f')} ORDER BY f.created_at, f.id)::text"
    "   FROM circulation_fee f WHERE f.patron_id = %(patron)s AND f.status = %(fee_open)s),"
    f" (SELECT json_agg(json_build_object('l', {_columns(Loan, 'l')}, 'i', {_columns(Item, 'i')})"
    "   ORDER BY l.due_at, l.id)::text"
    "   FROM circulation_loan l JOIN circulation_item i ON i.id = l.item_id"
    "   WHERE l.patron_id = %(patron)s AND l.returned_at IS NULL),"
    f" (SELECT json_agg(json_build_object('h', {_columns(Hold, 'h')},"
    f"   'i', CASE WHEN i.id IS NULL THEN NULL ELSE {_columns(Item, 'i')} END,"
    f"   't', {_columns(Title, 't', only=('id', 'title'))}) ORDER BY h.placed_at, h.id)::text"
    "   FROM circulation_hold h LEFT JOIN circulation_item i ON i.id = h.item_id"
    "   JOIN catalogue_title t ON t.id = h.title_record_id"
    "   WHERE h.patron_id = %(patron)s AND h.status = ANY(%(open)s)),"
    f" (SELECT json_agg({_columns(LoanRule, 'r')})::text FROM circulation_loanrule r)"
)


def _json(text: str | None) -> list[Any]:
    # Numbers with a fraction as Decimal: amounts stay exact.
    return json.loads(text, parse_float=Decimal) if text else []


def _instance(model: Any, row: dict[str, Any]) -> Any:
    """The model instance of a JSON object of its columns (those not in
    it deferred), its values as the ORM would load them."""
    names, values = [], []
    for f in model._meta.concrete_fields:
        if f.column not in row:
            continue
        value = row[f.column]
        if value is not None:
            kind = f.get_internal_type()
            if kind == "DateTimeField":
                value = datetime.datetime.fromisoformat(value)
            elif kind == "DateField":
                value = datetime.date.fromisoformat(value)
            elif kind == "DecimalField":
                value = Decimal(value)
        names.append(f.attname)
        values.append(value)
    return model.from_db(connection.alias, names, values)


# Fixed SQL for the card and its patron: it runs for every message about a
# patron, and compiling the select_related queryset cost more than the
# statement. The patron's contact details and the desk's notes are not
# even read: no terminal may learn them.
NEVER_READ = ("email", "phone", "address_line", "city", "postal_code", "notes")
_CARD = rawsql.Columns(Card, "c")
_PATRON = rawsql.Columns(Patron, "p", exclude=NEVER_READ)
_CARD_SQL = (
    f"SELECT {_CARD.sql}, {_PATRON.sql} FROM patrons_card c"  # noqa: S608 - column names from the models
    " JOIN patrons_patron p ON p.id = c.patron_id"
    " WHERE c.barcode = %(barcode)s AND p.deidentified_at IS NULL"
)
# With the terminal's revoked check: one row whether or not the card is known.
_CHECKED_CARD_SQL = (
    f"SELECT {_CARD.sql}, {_PATRON.sql}, {services.ACTIVE_COLUMN}"  # noqa: S608 - as above
    " FROM (SELECT 1 AS one) o"
    " LEFT JOIN patrons_card c ON c.barcode = %(barcode)s"
    " LEFT JOIN patrons_patron p ON p.id = c.patron_id AND p.deidentified_at IS NULL"
)


def card_for(barcode: str, check: services.RevokedCheck | None = None) -> Card | None:
    """The card of `barcode` with its patron (not a de-identified one), or
    None. `check`: make the message's revoked check in the same statement
    (raises services.TerminalRevoked)."""
    barcode = (barcode or "").strip()
    if not barcode or len(barcode) > P.BARCODE_MAX:
        return None
    fields = [*_CARD.fields, *_PATRON.fields]
    terminal = check.take() if check is not None else None
    if terminal is None:
        rows = rawsql.fetch(_CARD_SQL, {"barcode": barcode}, fields)
    else:
        rows = rawsql.fetch(
            _CHECKED_CARD_SQL, {"barcode": barcode, "terminal": terminal}, [*fields, None]
        )
        services.RevokedCheck.confirm(rows[0][-1])
        rows = [row[:-1] for row in rows if row[0] is not None and row[len(_CARD)] is not None]
    if not rows:
        return None
    card = _CARD.instance(rows[0][: len(_CARD)])
    Card.patron.field.set_cached_value(card, _PATRON.instance(rows[0][len(_CARD) :]))
    return card


def standing(card: Card, terminal: Terminal) -> Standing:
    """The card's blocks and the patron's loans, holds and fees, as the
    desk's checkout would weigh them today at the terminal's branch (each
    read when first used)."""
    return Standing(card, terminal)


def status_flags(s: Standing, *, locked: bool) -> str:
    """The 14 "patron status" flags of answers 24 and 64 (Y or blank)."""
    card_blocked = bool(s.card_blocks) or locked
    lost = s.card.status in (Card.Status.LOST, Card.Status.STOLEN)
    flags = [
        card_blocked or bool(s.fee_blocks),  # charge privileges denied
        card_blocked,  # renewal privileges denied
        False,  # recall privileges denied
        card_blocked,  # hold privileges denied
        lost,  # card reported lost
        bool(s.limit_blocks),  # too many items charged
        False,  # too many items overdue
        False,  # too many renewals
        False,  # too many claims of items returned
        False,  # too many items lost
        bool(s.fee_blocks),  # excessive outstanding fines
        bool(s.fee_blocks),  # excessive outstanding fees
        False,  # recall overdue
        False,  # too many items billed
    ]
    return "".join("Y" if f else " " for f in flags)


def display_name(patron: Patron) -> str:
    return f"{patron.first_name} {patron.last_name}".strip()


def pc_fields(s: Standing, terminal: Terminal) -> list[tuple[str, object]]:
    """What a PC-reservation system learns instead of a date of birth: an
    age band (XA) and whether the patron is a minor where the branch is
    (XM), and the patron's category (PC)."""
    return [
        ("PC", s.patron.category),
        ("XA", age_band_for(s.patron.date_of_birth, s.today)),
        (
            "XM",
            P.yn(
                is_minor(
                    patron=s.patron,
                    jurisdiction_code=terminal.branch.jurisdiction_code,
                    on=s.today,
                )
            ),
        ),
        ("XF", P.yn(bool(s.fee_blocks))),
    ]


def item_line(item: Item) -> str:
    return f"{item.barcode} {item.title}"


def hold_line(hold: Hold) -> str:
    """A hold's copy, or its title while it waits for any copy."""
    return item_line(hold.item) if hold.item is not None else hold.title_record.title


def item_list(summary: str, s: Standing, start: int, end: int) -> list[tuple[str, object]]:
    """The one list the summary asks for (the first Y), BP..BQ of it."""
    position = summary.find("Y")
    lists: dict[int, tuple[str, list[str]]] = {
        0: ("AS", [hold_line(h) for h in s.holds_ready + s.holds_waiting]),
        1: ("AT", [item_line(loan.item) for loan in s.overdue]),
        2: ("AU", [item_line(loan.item) for loan in s.charged]),
        3: ("AV", [f"{fee.amount:.2f} {fee.get_kind_display()}" for fee in s.fees]),
        5: ("CD", [hold_line(h) for h in s.holds_waiting]),
    }
    if position not in lists:
        return []
    field_id, values = lists[position]
    start = max(start, 1)
    end = max(end, start)
    return [(field_id, value) for value in values[start - 1 : end]]


def logged(terminal: Terminal, patron: Patron, kind: str) -> None:
    """The access-log entry of one answer about `patron` to `terminal`:
    on the cardholder's access report as the terminal, kept and expunged
    with the access log."""
    privacy_services.patron_access_log(patron=patron, acting_user=terminal.user, kind=kind)
