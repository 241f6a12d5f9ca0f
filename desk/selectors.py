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
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from circulation import blocks as B
from circulation.models import Fee, Hold, Item, ItemFormat, Loan, LoanRule
from libraryservice.selectors import staff_branch, staff_profile_for  # noqa: F401
from patrons import policies as patron_policies
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

CONTACT_FIELDS = ("email", "phone", "address_line", "city", "postal_code", "notes")


# The desk works at the staff member's branch; the name reads better at call sites.
desk_branch = staff_branch


def card_by_barcode(*, user: Any, barcode: str) -> Card | None:
    """The card (and its patron) if the user may see that patron."""
    qs = Card.objects.select_related("patron").filter(
        barcode=barcode, patron__in=patron_policies.patrons_visible_to(user)
    )
    if not patron_policies.can_view_contact(user):
        qs = qs.defer(*(f"patron__{f}" for f in CONTACT_FIELDS))
    return qs.first()


def card_for_patron(*, user: Any, patron_id: int, card_id: int | None = None) -> Card | None:
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


def item_by_barcode(barcode: str) -> Item | None:
    return Item.objects.filter(barcode=barcode).first()


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
        return str(dict(GuardianLink.Relationship.choices).get(self.relationship, ""))

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
        return str(dict(Fee.Kind.choices).get(self.kind, self.kind))


# Columns of the one query that reads fees, guardians and proxies: each
# branch of the UNION fills the columns that apply to it and NULLs the rest.
_SIDE_COLUMNS = (
    "s_kind",
    "s_pk",
    "s_name",
    "s_code",
    "s_proof",
    "s_at",
    "s_may_borrow",
    "s_may_pick_up_holds",
    "s_expires_on",
    "s_revoked_at",
    "s_amount",
)


def _nothing(field: Any) -> Cast:
    # A typed NULL: PostgreSQL cannot match an untyped parameter across a
    # UNION with the other branches' dates and numbers.
    return Cast(Value(None), output_field=field)


def side_rows_of(
    *, patron: Patron, now: datetime.datetime
) -> tuple[list[FeeLine], list[Person], list[Person]]:
    """Open fees, guardians and proxies (revoked in the last 30 days too).

    One UNION query, so the desk summary's query count stays fixed.
    """
    fees = (
        Fee.objects.filter(patron=patron, status=Fee.Status.OPEN)
        .order_by()
        .annotate(
            s_kind=Value("fee", output_field=CharField()),
            s_pk=F("pk"),
            s_name=Coalesce(F("loan__item__title"), Value(""), output_field=CharField()),
            s_code=F("kind"),
            s_proof=Value("", output_field=CharField()),
            s_at=F("created_at"),
            s_may_borrow=_nothing(BooleanField()),
            s_may_pick_up_holds=_nothing(BooleanField()),
            s_expires_on=_nothing(DateField()),
            s_revoked_at=_nothing(DateTimeField()),
            s_amount=F("amount"),
        )
        .values(*_SIDE_COLUMNS)
    )
    guardian_name = Case(
        When(
            guardian_patron__isnull=False,
            then=Concat(
                F("guardian_patron__first_name"), Value(" "), F("guardian_patron__last_name")
            ),
        ),
        default=F("guardian_name"),
        output_field=CharField(),
    )
    guardians = (
        GuardianLink.objects.filter(patron=patron)
        .order_by()
        .annotate(
            s_kind=Value("guardian", output_field=CharField()),
            s_pk=F("pk"),
            s_name=guardian_name,
            s_code=F("relationship"),
            s_proof=F("proof"),
            s_at=F("verified_at"),
            s_may_borrow=Value(False, output_field=BooleanField()),
            s_may_pick_up_holds=Value(False, output_field=BooleanField()),
            s_expires_on=_nothing(DateField()),
            s_revoked_at=_nothing(DateTimeField()),
            s_amount=_nothing(DecimalField(max_digits=8, decimal_places=2)),
        )
        .values(*_SIDE_COLUMNS)
    )
    proxies = (
        ProxyAuthorization.objects.filter(cardholder=patron)
        .order_by()
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gte=now - datetime.timedelta(days=30)))
        .annotate(
            s_kind=Value("proxy", output_field=CharField()),
            s_pk=F("pk"),
            s_name=F("proxy_name"),
            s_code=Value("", output_field=CharField()),
            s_proof=Value("", output_field=CharField()),
            s_at=F("created_at"),
            s_may_borrow=F("may_borrow"),
            s_may_pick_up_holds=F("may_pick_up_holds"),
            s_expires_on=F("expires_on"),
            s_revoked_at=F("revoked_at"),
            s_amount=_nothing(DecimalField(max_digits=8, decimal_places=2)),
        )
        .values(*_SIDE_COLUMNS)
    )
    rows = fees.union(guardians, proxies, all=True).order_by("s_kind", "s_at", "s_pk")
    fee_lines: list[FeeLine] = []
    people: dict[str, list[Person]] = {"guardian": [], "proxy": []}
    for row in rows:
        if row["s_kind"] == "fee":
            fee_lines.append(
                FeeLine(
                    pk=row["s_pk"],
                    kind=row["s_code"],
                    amount=Decimal(row["s_amount"]),
                    created_at=row["s_at"],
                    title=row["s_name"],
                )
            )
            continue
        people[row["s_kind"]].append(
            Person(
                kind=row["s_kind"],
                pk=row["s_pk"],
                name=row["s_name"],
                relationship=row["s_code"],
                proof=row["s_proof"],
                verified_at=row["s_at"] if row["s_kind"] == "guardian" else None,
                may_borrow=bool(row["s_may_borrow"]),
                may_pick_up_holds=bool(row["s_may_pick_up_holds"]),
                expires_on=row["s_expires_on"],
                revoked_at=row["s_revoked_at"],
            )
        )
    return fee_lines, people["guardian"], people["proxy"]


@dataclass
class LoanLine:
    loan: Loan
    overdue: bool
    can_renew: bool
    renew_note: str


@dataclass
class PatronSummary:
    patron: Patron
    card: Card | None
    loans: list[LoanLine]
    holds: Sequence[Hold]
    fees: list[FeeLine]
    fees_total: Decimal
    guardians: list[Person]
    proxies: list[Person]
    blocks: list[B.Block]
    contact: dict[str, str] | None
    today: datetime.date
    borrowing_proxies: list[Person] = field(default_factory=list)

    @property
    def card_expired(self) -> bool:
        return self.card is not None and self.card.expires_on < self.today

    @property
    def age(self) -> int | None:
        return self.patron.age


def patron_summary(
    *, user: Any, card: Card, threshold: Decimal, now: datetime.datetime | None = None
) -> PatronSummary:
    """Everything the desk shows about the card's patron (5 queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    patron = card.patron
    rule = LoanRule.objects.filter(format=OuterRef("item__format"))
    others_waiting = Hold.objects.filter(
        item_id=OuterRef("item_id"), status__in=Hold.OPEN_STATUSES
    ).exclude(patron_id=patron.pk)
    loans = list(
        Loan.objects.filter(patron=patron, returned_at__isnull=True)
        .select_related("item")
        .annotate(
            max_renewals=Coalesce(Subquery(rule.values("max_renewals")[:1]), Value(2)),
            item_limit=Subquery(rule.values("item_limit")[:1]),
            others_waiting=Exists(others_waiting),
        )
        .order_by("due_at", "pk")
    )
    ahead = (
        Hold.objects.filter(
            item_id=OuterRef("item_id"),
            status=Hold.Status.WAITING,
            placed_at__lt=OuterRef("placed_at"),
        )
        .order_by()
        .values("item_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    holds = list(
        Hold.objects.filter(patron=patron, status__in=Hold.OPEN_STATUSES)
        .select_related("item", "pickup_branch")
        .annotate(
            ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)),
        )
        .order_by("-status", "placed_at")
    )
    fees, guardians, proxies = side_rows_of(patron=patron, now=now)
    lines = []
    for loan in loans:
        overdue = loan.due_at < now
        if loan.renewals >= loan.max_renewals:
            lines.append(LoanLine(loan, overdue, False, "No renewals left"))
        elif loan.others_waiting:
            lines.append(LoanLine(loan, overdue, False, "Others are waiting"))
        else:
            lines.append(LoanLine(loan, overdue, True, ""))
    fees_total = sum((f.amount for f in fees), Decimal("0"))
    found: list[B.Block] = []
    if card is not None:
        found += B.card_blocks(card, today)
    found += B.fee_blocks(fees_total, threshold)
    by_format = Counter(loan.item.format for loan in loans)
    limits = {loan.item.format: loan.item_limit for loan in loans if loan.item_limit is not None}
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
    )
