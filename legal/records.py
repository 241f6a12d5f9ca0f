"""The records a scope covers, record type by record type: the rows of the
production's CSV files and the counts the Director sees before producing.

A record is in scope when its patron is one the request names, its type is
one the scope lists, and its date falls in the scope's range, inclusive,
on the branch's calendar. Each record type's owning app says which rows
that is (recordtypes.Declaration.production: circulation's loans, holds
and fees by the day they were checked out, placed or charged; the patron's
registration, which has no date, whenever the type is listed); a type
declared without one gives the dated lines of its disclosure provider
(privacy.disclosure), one (patron, date, record) row each.

Rows come in a fixed order (patron, date, id) with no time of production
anywhere in them, so the same scope gives the same bytes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import recordtypes
from organisation import clock
from privacy import disclosure
from privacy.vocabulary import record_type_label, record_types

MAX_LINES = 1_000_000
OTHER_COLUMNS = ("patron", "date", "record")


def __getattr__(name: str) -> Any:
    # RECORD_TYPES is read when used, not at import: a record type declared
    # later (a test's) is in it, in the vocabulary's order.
    if name == "RECORD_TYPES":
        return record_types()
    raise AttributeError(name)


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
            record_types=tuple(rt for rt in record_types() if rt in data["record_types"]),
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
    declared = recordtypes.get(record_type)
    if declared is not None and declared.production is not None:
        return declared.production.columns
    return OTHER_COLUMNS


def label(record_type: str) -> str:
    return record_type_label(record_type)


def kept_here(record_type: str) -> bool:
    """Whether this installation keeps any record of the type."""
    declared = recordtypes.get(record_type)
    return (
        declared is not None and declared.production is not None
    ) or record_type in disclosure.PROVIDERS


def rows(scope: Scope, record_type: str) -> list[tuple[str, ...]]:
    """The scoped records of one type, as CSV rows in a fixed order."""
    declared = recordtypes.get(record_type)
    if declared is not None and declared.production is not None:
        return declared.production.rows(scope)
    return _provided_rows(scope, record_type)


def _provided_rows(scope: Scope, record_type: str) -> list[tuple[str, ...]]:
    """Rows of a record type from its disclosure provider's dated lines."""
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
                shown = recordtypes.production_moment(when, scope.tz)
            else:
                inside = scope.starts_on <= when <= scope.ends_on
                shown = when.isoformat()
            if inside:
                found.append((str(patron.pk), shown, line.text))
    return sorted(found)


def count(scope: Scope, record_type: str) -> int | None:
    """How many records of the type the scope covers, counted by the
    owning app where it can (no row built); None for a type this
    installation keeps no records of."""
    if not kept_here(record_type):
        return None
    declared = recordtypes.get(record_type)
    if declared is not None and declared.production is not None:
        return declared.production.count(scope)
    return len(_provided_rows(scope, record_type))


def counts(scope: Scope) -> dict[str, int | None]:
    """How many records of each scoped type; None for a type this
    installation keeps no records of."""
    return {rt: count(scope, rt) for rt in scope.record_types}
