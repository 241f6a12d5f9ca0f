"""Reads for the desk screen: the one-screen patron summary.

The summary is a fixed number of queries whatever the patron holds: the
card with its patron, open loans (with each format's renewal limit and
item limit and whether others wait, as subqueries), open holds (with queue
position), open fees, and guardians and proxies. Contact details are not
even loaded for a user who may not see them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Value,
    When,
)
from django.utils import timezone

from circulation import blocks as B
from circulation import rules
from circulation.models import Fee, Hold, ItemFormat, Loan
from circulation.selectors import (  # noqa: F401 (the desk's views call them here)
    holds_waiting_count,
    item_by_barcode,
    loan_just_made,
)
from circulation.services import branch_tz, local_today
from kernel import rawsql
from organisation import clock
from organisation.selectors import staff_branch, staff_profile_for  # noqa: F401
from organisation.users import StaffUser
from patrons import policies as patron_policies
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

CONTACT_FIELDS = ("email", "phone", "address_line", "city", "postal_code", "notes")


def day_text(value: datetime.date | datetime.datetime | None, *, weekday: bool = True) -> str:
    """A day as the summary writes it ("Sat 6 Dec 2026", or "6 Dec 2026"
    without the weekday), a moment on the server's local day: what the
    template's date filter wrote ("D j M Y"), without its per-value
    format and translation lookups."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = clock.server_time(value)
    text = f"{value.day} {value:%b} {value.year}"
    return f"{value:%a} {text}" if weekday else text


# Labels looked up per row of the summary: built once, not per row.
_RELATIONSHIP_LABELS = dict(GuardianLink.Relationship.choices)
_FEE_KIND_LABELS = dict(Fee.Kind.choices)
_FORMAT_LABELS = dict(ItemFormat.choices)


# The desk works at the staff member's branch; the name reads better at call sites.
desk_branch = staff_branch


_CARD_COLUMNS = rawsql.Columns(Card, "c")
_PATRON_COLUMNS = rawsql.Columns(Patron, "p")
_PATRON_NO_CONTACT = rawsql.Columns(Patron, "p", exclude=CONTACT_FIELDS)


def _card_sql(patron: rawsql.Columns) -> str:
    # Column names come from the models' metadata, quoted; the barcode is a parameter.
    return (
        f"SELECT {_CARD_COLUMNS.sql}, {patron.sql} FROM patrons_card c"  # noqa: S608
        " JOIN patrons_patron p ON p.id = c.patron_id"
        " WHERE c.barcode = %(barcode)s AND p.deidentified_at IS NULL"
    )


_CARD_SQL = {True: _card_sql(_PATRON_COLUMNS), False: _card_sql(_PATRON_NO_CONTACT)}


def card_by_barcode(*, user: StaffUser, barcode: str) -> Card | None:
    """The card (and its patron) if the user may see that patron.

    Fixed SQL (it runs on every card scanned); the patron's contact
    details are not even read for a user who may not see them.
    """
    if not patron_policies.may_see_patrons(user):
        return None
    contact = patron_policies.can_view_contact(user)
    patron_columns = _PATRON_COLUMNS if contact else _PATRON_NO_CONTACT
    fields = [*_CARD_COLUMNS.fields, *patron_columns.fields]
    rows = rawsql.fetch(_CARD_SQL[contact], {"barcode": barcode}, fields)
    if not rows:
        return None
    n = len(_CARD_COLUMNS)
    card = _CARD_COLUMNS.instance(rows[0][:n])
    Card.patron.field.set_cached_value(card, patron_columns.instance(rows[0][n:]))
    return card


def card_for_patron(*, user: StaffUser, patron_id: int, card_id: int | None = None) -> Card | None:
    """The card in use at the desk: the scanned one, else the newest active."""
    qs = Card.objects.select_related("patron").filter(
        patron_id=patron_id, patron__in=patron_policies.patrons_visible_to(user)
    )
    if not patron_policies.can_view_contact(user):
        qs = qs.defer(*(f"patron__{f}" for f in CONTACT_FIELDS))
    if card_id is not None:
        card = qs.filter(pk=card_id).first()
        if card is not None:
            return card
    # Active first, then the most recently issued.
    first = Case(When(status=Card.Status.ACTIVE, then=Value(0)), default=Value(1))
    return qs.annotate(active_first=first).order_by("active_first", "-issued_on", "-pk").first()


@dataclass
class Person:
    """A guardian or a proxy of the patron, as the desk lists them."""

    kind: str  # guardian, proxy
    pk: int
    name: str
    relationship: str
    proof: str
    verified_at: datetime.datetime | None
    may_borrow: bool
    may_pick_up_holds: bool
    expires_on: datetime.date | None
    revoked_at: datetime.datetime | None

    @property
    def relationship_label(self) -> str:
        return str(_RELATIONSHIP_LABELS.get(self.relationship, ""))

    def is_active_on(self, day: datetime.date) -> bool:
        return self.revoked_at is None and self.expires_on is not None and self.expires_on >= day


@dataclass
class FeeLine:
    """An open fee as the desk lists it."""

    pk: int
    kind: str
    amount: Decimal
    created_at: datetime.datetime
    title: str

    def get_kind_display(self) -> str:
        return str(_FEE_KIND_LABELS.get(self.kind, self.kind))

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    @property
    def ref(self) -> str:
        """The id as a row button sends it."""
        return str(self.pk)

    @property
    def created_text(self) -> str:
        return day_text(self.created_at, weekday=False)

    @property
    def amount_text(self) -> str:
        """The amount as the desk shows it (two decimals)."""
        return f"{self.amount:.2f}"


def _field(model: Any, name: str) -> Any:
    return model._meta.get_field(name)


# Open fees, guardians and proxies in one statement: each branch of the
# UNION fills the columns that apply to it and typed NULLs the rest
# (PostgreSQL cannot match an untyped NULL across the branches).
SIDE_ROWS_SELECT = """
SELECT 'fee', f.id, COALESCE(i.title, ''), f.kind, '', f.created_at,
       CAST(NULL AS boolean), CAST(NULL AS boolean), CAST(NULL AS date),
       CAST(NULL AS timestamp with time zone), f.amount
  FROM circulation_fee f
  LEFT JOIN circulation_loan l ON l.id = f.loan_id
  LEFT JOIN circulation_item i ON i.id = l.item_id
 WHERE f.patron_id = %(patron)s AND f.status = %(fee_open)s
UNION ALL
SELECT 'guardian', g.id,
       CASE WHEN g.guardian_patron_id IS NULL THEN g.guardian_name
            ELSE gp.first_name || ' ' || gp.last_name END,
       g.relationship, g.proof, g.verified_at,
       %(false)s, %(false)s, CAST(NULL AS date),
       CAST(NULL AS timestamp with time zone), CAST(NULL AS numeric)
  FROM patrons_guardianlink g
  LEFT JOIN patrons_patron gp ON gp.id = g.guardian_patron_id
 WHERE g.patron_id = %(patron)s
UNION ALL
SELECT 'proxy', x.id, x.proxy_name, '', '', x.created_at,
       x.may_borrow, x.may_pick_up_holds, x.expires_on, x.revoked_at, CAST(NULL AS numeric)
  FROM patrons_proxyauthorization x
 WHERE x.cardholder_id = %(patron)s
   AND (x.revoked_at IS NULL OR x.revoked_at >= %(revoked_since)s)
"""
SIDE_ROWS_ORDER = (0, 5, 1)
SIDE_ROWS_SQL = f"{SIDE_ROWS_SELECT}ORDER BY 1, 6, 2\n"
SIDE_ROWS_FIELDS = (
    None,
    None,
    None,
    None,
    None,
    _field(Fee, "created_at"),
    BooleanField(),
    BooleanField(),
    _field(ProxyAuthorization, "expires_on"),
    _field(ProxyAuthorization, "revoked_at"),
    _field(Fee, "amount"),
)


def side_rows_of(
    *, patron: Patron, now: datetime.datetime
) -> tuple[list[FeeLine], list[Person], list[Person]]:
    """Open fees, guardians and proxies (revoked in the last 30 days too)."""
    rows = rawsql.fetch(SIDE_ROWS_SQL, {"patron": patron.pk, **_side_params(now)}, SIDE_ROWS_FIELDS)
    return _side_lines(rows)


def _side_params(now: datetime.datetime) -> dict[str, Any]:
    return {
        "fee_open": Fee.Status.OPEN.value,
        "false": False,
        "revoked_since": now - datetime.timedelta(days=30),
    }


def _side_lines(rows: list[Any]) -> tuple[list[FeeLine], list[Person], list[Person]]:
    fee_lines: list[FeeLine] = []
    people: dict[str, list[Person]] = {"guardian": [], "proxy": []}
    for kind, pk, name, code, proof, at, may_borrow, may_pick_up, expires, revoked, amount in rows:
        if kind == "fee":
            fee_lines.append(FeeLine(pk=pk, kind=code, amount=amount, created_at=at, title=name))
            continue
        people[kind].append(
            Person(
                kind=kind,
                pk=pk,
                name=name or "",
                relationship=code,
                proof=proof,
                verified_at=at if kind == "guardian" else None,
                may_borrow=bool(may_borrow),
                may_pick_up_holds=bool(may_pick_up),
                expires_on=expires,
                revoked_at=revoked,
            )
        )
    return fee_lines, people["guardian"], people["proxy"]


@dataclass
class LoanLine:
    """An open loan as the desk lists it."""

    pk: int
    title: str
    format: str
    call_number: str
    due_at: datetime.datetime
    renewals: int
    overdue: bool
    can_renew: bool
    renew_note: str

    def get_format_display(self) -> str:
        return str(_FORMAT_LABELS.get(self.format, self.format))

    @property
    def format_label(self) -> str:
        return self.get_format_display()

    @property
    def ref(self) -> str:
        """The id as a row button sends it."""
        return str(self.pk)

    @property
    def due_text(self) -> str:
        return day_text(self.due_at)


@dataclass
class HoldLine:
    """An open hold as the desk lists it; `ahead` counts earlier waiting holds."""

    pk: int
    title: str
    status: str
    pickup_branch: str
    pickup_by: datetime.date | None
    ahead: int

    @property
    def position(self) -> int:
        return rules.queue_position(ahead=self.ahead)

    @property
    def ref(self) -> str:
        """The id as a row button sends it."""
        return str(self.pk)

    @property
    def pickup_by_text(self) -> str:
        return day_text(self.pickup_by)


# Open loans, with their format's renewal and item limits (NULL without a
# loan rule: circulation/rules.py fills in the defaults) and whether another
# patron waits for the item, or for its title (a waiting hold with no item is
# a title-level one). Only inputs: the rules decide.
LOANS_SELECT = """
SELECT l.id, i.title, i.format, i.call_number, l.due_at, l.renewals,
       r.max_renewals, r.item_limit,
       EXISTS (SELECT 1 FROM circulation_hold h
                WHERE (h.item_id = l.item_id AND h.status IN (%(waiting)s, %(transit)s, %(ready)s)
                       OR h.item_id IS NULL AND h.title_record_id = i.title_record_id
                          AND h.status = %(waiting)s)
                  AND (h.patron_id IS NULL OR h.patron_id <> %(patron)s)),
       r.loan_days
  FROM circulation_loan l
  JOIN circulation_item i ON i.id = l.item_id
  LEFT JOIN circulation_loanrule r ON r.format = i.format
 WHERE l.patron_id = %(patron)s AND l.returned_at IS NULL
"""
LOANS_ORDER = (4, 0)
LOANS_SQL = f"{LOANS_SELECT} ORDER BY l.due_at, l.id\n"
LOANS_FIELDS = (
    None,
    None,
    None,
    None,
    _field(Loan, "due_at"),
    None,
    None,
    None,
    BooleanField(),
    None,
)

# Waiting holds ahead of hold `h` in its queue, in the order of
# rules.queue_key (placed_at, then id): those on its copy and the
# title-level ones on its title (a waiting hold with no item), which a copy
# checked in fills in that order (circulation/holds.py). The summary and
# hold_queue_position both count with it.
HOLDS_AHEAD_SQL = """
(SELECT COUNT(*) FROM circulation_hold a
  WHERE (a.item_id = h.item_id OR a.item_id IS NULL AND a.title_record_id = h.title_record_id)
    AND a.status = %(waiting)s
    AND (a.placed_at, a.id) < (h.placed_at, h.id))
"""

# Open holds, those ready to pick up first, with the queue position of
# waiting ones; the last two columns only order them.
HOLDS_SELECT = f"""
SELECT h.id, COALESCE(i.title, t.title), h.status, b.name, h.pickup_by,
       {HOLDS_AHEAD_SQL},
       CASE WHEN h.status = %(ready)s THEN 0 ELSE 1 END, h.placed_at
  FROM circulation_hold h
  JOIN catalogue_title t ON t.id = h.title_record_id
  LEFT JOIN circulation_item i ON i.id = h.item_id
  JOIN libraryservice_branch b ON b.id = h.pickup_branch_id
 WHERE h.patron_id = %(patron)s AND h.status IN (%(waiting)s, %(transit)s, %(ready)s)
"""  # noqa: S608 (constant fragments only; values are parameters)
HOLDS_ORDER = (6, 7)
HOLDS_SQL = f"{HOLDS_SELECT} ORDER BY 7, 8\n"
HOLDS_FIELDS = (None, None, None, None, _field(Hold, "pickup_by"), None, None, None)

HOLD_AHEAD_ONE_SQL = f"SELECT {HOLDS_AHEAD_SQL} FROM circulation_hold h WHERE h.id = %(hold)s"  # noqa: S608


def hold_queue_position(*, hold: Hold) -> int:
    """The hold's place in its item's queue (1: filled next), counted as the
    desk summary counts it."""
    rows = rawsql.fetch(
        HOLD_AHEAD_ONE_SQL, {"hold": hold.pk, "waiting": Hold.Status.WAITING.value}, (None,)
    )
    return rules.queue_position(ahead=rows[0][0] if rows else 0)


@dataclass
class PatronSummary:
    patron: Patron
    card: Card | None
    loans: list[LoanLine]
    holds: list[HoldLine]
    fees: list[FeeLine]
    fees_total: Decimal
    guardians: list[Person]
    proxies: list[Person]
    blocks: list[B.Block]
    contact: dict[str, str] | None
    today: datetime.date
    borrowing_proxies: list[Person] = field(default_factory=list)
    # The age of majority at the desk's jurisdiction, when read with the
    # summary (patron_summary_by_barcode); None: not read.
    age_of_majority: int | None = None

    @property
    def card_expired(self) -> bool:
        return self.card is not None and self.card.expires_on < self.today

    @property
    def age(self) -> int | None:
        return self.patron.age


def patron_summary(
    *, user: StaffUser, card: Card, threshold: Decimal, now: datetime.datetime | None = None
) -> PatronSummary:
    """Everything the desk shows about the card's patron (3 queries)."""
    now = now or timezone.now()
    # The desk's own date, as check-out counts it (a branch may keep another
    # time zone than the server's): a card expiring today is shown as
    # check-out will treat it.
    branch = staff_branch(user)
    today = local_today(branch, now) if branch is not None else clock.server_day(now)
    tz = branch_tz(branch) if branch is not None else timezone.get_current_timezone()
    patron = card.patron
    statuses = {
        "waiting": Hold.Status.WAITING.value,
        "transit": Hold.Status.IN_TRANSIT.value,
        "ready": Hold.Status.READY.value,
    }
    loan_rows = rawsql.fetch(LOANS_SQL, {"patron": patron.pk, **statuses}, LOANS_FIELDS)
    hold_rows = rawsql.fetch(HOLDS_SQL, {"patron": patron.pk, **statuses}, HOLDS_FIELDS)
    side_rows = rawsql.fetch(
        SIDE_ROWS_SQL, {"patron": patron.pk, **_side_params(now)}, SIDE_ROWS_FIELDS
    )
    return _summary_of(
        user=user,
        card=card,
        threshold=threshold,
        now=now,
        today=today,
        tz=tz,
        loan_rows=loan_rows,
        hold_rows=hold_rows,
        side_rows=side_rows,
    )


def _summary_of(
    *,
    user: StaffUser,
    card: Card,
    threshold: Decimal,
    now: datetime.datetime,
    today: datetime.date,
    tz: Any,
    loan_rows: list[Any],
    hold_rows: list[Any],
    side_rows: list[Any],
    age_of_majority: int | None = None,
) -> PatronSummary:
    """The summary from the rows of LOANS_SQL, HOLDS_SQL and SIDE_ROWS_SQL."""
    patron = card.patron
    holds = [HoldLine(*row[:6]) for row in hold_rows]
    fees, guardians, proxies = _side_lines(side_rows)
    lines = []
    by_format: Counter[str] = Counter()
    limits: dict[str, int] = {}
    for row in loan_rows:
        pk, title, fmt, call_number, due_at, renewals, max_renewals, limit, waiting, days = row
        by_format[fmt] += 1
        limits[fmt] = rules.item_limit(limit)
        refusal = rules.renewal_refusal(
            returned=False,
            renewals=renewals,
            allowed_renewals=rules.max_renewals(max_renewals),
            others_waiting=waiting,
            due_on=clock.local_now(tz, due_at).date(),
            renewed_due_on=rules.renewed_due_on(today=today, days=rules.loan_days(days)),
        )
        lines.append(
            LoanLine(
                pk,
                title,
                fmt,
                call_number,
                due_at,
                renewals,
                due_at < now,
                refusal is None,
                refusal.note if refusal else "",
            )
        )
    fees_total = sum((f.amount for f in fees), Decimal("0"))
    found: list[B.Block] = []
    if card is not None:
        found += B.card_blocks(card, today)
    found += B.fee_blocks(fees_total, threshold)
    found += B.limit_blocks(by_format, limits, dict(ItemFormat.choices), sorted(by_format))
    contact = None
    if patron_policies.can_view_contact(user, patron):
        contact = {
            "email": patron.email,
            "phone": patron.phone,
            "address": ", ".join(
                p for p in (patron.address_line, patron.city, patron.postal_code) if p
            ),
        }
    return PatronSummary(
        patron=patron,
        card=card,
        loans=lines,
        holds=holds,
        fees=fees,
        fees_total=fees_total,
        guardians=guardians,
        proxies=proxies,
        blocks=found,
        contact=contact,
        today=today,
        borrowing_proxies=[p for p in proxies if p.may_borrow and p.is_active_on(today)],
        age_of_majority=age_of_majority,
    )
