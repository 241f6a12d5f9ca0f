"""The records a scope covers, record type by record type: the rows of the
production's CSV files and the counts the Director sees before producing.

A record is in scope when its patron is one the request names, its type is
one the scope lists, and its date falls in the scope's range, inclusive,
on the branch's calendar: current and past loans by the day they were
checked out, holds by the day they were placed, fees by the day they were
charged, other record types by the date their owning app gives
(privacy.disclosure providers). Registration is the patron's identity, not
an activity: it has no date, and is in scope whenever the type is listed.

Rows come in a fixed order (patron, date, id) with no time of production
anywhere in them, so the same scope gives the same bytes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from circulation.models import Fee, Hold, Loan
from libraryservice import clock
from privacy import disclosure
from privacy.decision import RECORD_TYPES
from privacy.vocabulary import RecordType

# Record types kept by circulation and patrons; the others come from the
# apps that register a disclosure provider for them.
OWN_TYPES = ("registration", "current_loans", "loan_history", "holds", "fees")
MAX_LINES = 1_000_000

COLUMNS: dict[str, tuple[str, ...]] = {
    "registration": (
        "patron",
        "first_name",
        "last_name",
        "date_of_birth",
        "email",
        "phone",
        "address",
        "city",
        "postal_code",
        "registered_on",
        "cards",
    ),
    "current_loans": (
        "patron",
        "loan",
        "item_barcode",
        "title",
        "branch",
        "checked_out_at",
        "due_at",
    ),
    "loan_history": (
        "patron",
        "loan",
        "item_barcode",
        "title",
        "branch",
        "checked_out_at",
        "returned_at",
    ),
    "holds": ("patron", "hold", "item_barcode", "title", "status", "placed_at", "closed_at"),
    "fees": (
        "patron",
        "fee",
        "kind",
        "amount",
        "status",
        "charged_at",
        "closed_at",
        "item_barcode",
    ),
}
OTHER_COLUMNS = ("patron", "date", "record")


@dataclass(frozen=True)
class Scope:
    patron_ids: tuple[int, ...]
    record_types: tuple[str, ...]
    starts_on: datetime.date
    ends_on: datetime.date
    tz: str

    def as_json(self) -> dict[str, Any]:
        return {
            "patrons": list(self.patron_ids),
            "record_types": list(self.record_types),
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "tz": self.tz,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scope:
        return cls(
            patron_ids=tuple(sorted(int(p) for p in data["patrons"])),
            record_types=tuple(rt for rt in RECORD_TYPES if rt in data["record_types"]),
            starts_on=datetime.date.fromisoformat(data["starts_on"]),
            ends_on=datetime.date.fromisoformat(data["ends_on"]),
            tz=str(data["tz"]),
        )

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) as aware datetimes in the branch's timezone."""
        return (
            clock.day_bounds(self.tz, self.starts_on)[0],
            clock.day_bounds(self.tz, self.ends_on)[1],
        )


def columns(record_type: str) -> tuple[str, ...]:
    return COLUMNS.get(record_type, OTHER_COLUMNS)


def label(record_type: str) -> str:
    return str(dict(RecordType.choices).get(record_type, record_type))


def kept_here(record_type: str) -> bool:
    """Whether this installation keeps any record of the type."""
    return record_type in OWN_TYPES or record_type in disclosure.PROVIDERS


def _when(moment: datetime.datetime | None, tz: str) -> str:
    if moment is None:
        return ""
    return clock.local_now(tz, moment).replace(microsecond=0).isoformat()


def rows(scope: Scope, record_type: str) -> list[tuple[str, ...]]:
    """The scoped records of one type, as CSV rows in a fixed order."""
    start, end = scope.bounds
    tz = scope.tz
    patrons = scope.patron_ids
    if record_type == "registration":
        from patrons.models import Patron

        found: list[tuple[str, ...]] = []
        for p in Patron.objects.filter(pk__in=patrons).prefetch_related("cards").order_by("pk"):
            cards = ";".join(sorted(c.barcode for c in p.cards.all()))
            found.append(
                (
                    str(p.pk),
                    p.first_name,
                    p.last_name,
                    p.date_of_birth.isoformat() if p.date_of_birth else "",
                    p.email,
                    p.phone,
                    p.address_line,
                    p.city,
                    p.postal_code,
                    clock.local_day(tz, p.created_at).isoformat(),
                    cards,
                )
            )
        return found
    if record_type in ("current_loans", "loan_history"):
        loans = Loan.objects.filter(
            patron_id__in=patrons,
            checked_out_at__gte=start,
            checked_out_at__lt=end,
            returned_at__isnull=record_type == "current_loans",
        ).select_related("item", "branch")
        return [
            (
                str(loan.patron_id),
                str(loan.pk),
                loan.item.barcode,
                loan.item.title,
                loan.branch.code,
                _when(loan.checked_out_at, tz),
                _when(loan.due_at if record_type == "current_loans" else loan.returned_at, tz),
            )
            for loan in loans.order_by("patron_id", "checked_out_at", "pk")
        ]
    if record_type == "holds":
        holds = Hold.objects.filter(
            patron_id__in=patrons, placed_at__gte=start, placed_at__lt=end
        ).select_related("item")
        return [
            (
                str(h.patron_id),
                str(h.pk),
                h.item.barcode,
                h.item.title,
                h.status,
                _when(h.placed_at, tz),
                _when(h.closed_at, tz),
            )
            for h in holds.order_by("patron_id", "placed_at", "pk")
        ]
    if record_type == "fees":
        fees = Fee.objects.filter(
            patron_id__in=patrons, created_at__gte=start, created_at__lt=end
        ).select_related("loan__item")
        return [
            (
                str(f.patron_id),
                str(f.pk),
                f.kind,
                f"{f.amount:.2f}",
                f.status,
                _when(f.created_at, tz),
                _when(f.closed_at, tz),
                f.loan.item.barcode if f.loan is not None else "",
            )
            for f in fees.order_by("patron_id", "created_at", "pk")
        ]
    return _other_rows(scope, record_type)


def _other_rows(scope: Scope, record_type: str) -> list[tuple[str, ...]]:
    """Rows of a record type another app keeps, from its provider."""
    from patrons.models import Patron

    if record_type not in disclosure.PROVIDERS:
        return []
    start, end = scope.bounds
    found = []
    for patron in Patron.objects.filter(pk__in=scope.patron_ids).order_by("pk"):
        lines = disclosure.lines_for(patron=patron, record_type=record_type, limit=MAX_LINES) or []
        for line in lines:
            when = line.when
            if when is None:
                continue
            if isinstance(when, datetime.datetime):
                inside = start <= when < end
                shown = _when(when, scope.tz)
            else:
                inside = scope.starts_on <= when <= scope.ends_on
                shown = when.isoformat()
            if inside:
                found.append((str(patron.pk), shown, line.text))
    return sorted(found)


def counts(scope: Scope) -> dict[str, int | None]:
    """How many records of each scoped type; None for a type this
    installation keeps no records of."""
    return {rt: (len(rows(scope, rt)) if kept_here(rt) else None) for rt in scope.record_types}
