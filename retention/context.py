"""What one run of the retention engine knows and reports: the effective
rule, the run's clock and settings, and one record type's counts.

Handlers receive these; nothing here touches the database.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from organisation import clock
from retention.vocabulary import ANY_JURISDICTION

# An SQL fragment and its %s parameters, in order.
Fragment = tuple[str, list[Any]]
# A reason to keep a due row: (KeptReason value, SQL true when it applies,
# parameters).
KeptCondition = tuple[str, str, list[Any]]

ELIGIBLE = "eligible"
# A nightly pass leaves its keyset bound at most this long before its own
# moment (a return committed just after it started is read by a later
# night).
INCREMENTAL_SLACK = datetime.timedelta(days=2)
# And it reads again what changed from this long before the last complete
# run started (a fee closed or a hold released by a transaction still open
# when that run read its rows; clocks of other servers a little behind).
CHANGE_SLACK = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Rule:
    """The effective rule for a set of jurisdictions (None: all of them)."""

    period_days: int
    action: str
    keep_birth_year: bool
    jurisdictions: tuple[str, ...] | None = None


def rule_key(rule: Rule) -> str:
    """A rule group's name in a split run's plan (stable across workers)."""
    where = "*" if rule.jurisdictions is None else ",".join(sorted(rule.jurisdictions))
    return f"{rule.period_days}d {rule.action} {int(rule.keep_birth_year)} {where}"


class Rules(Protocol):
    """The retention rules of one run (see retention.rulebook.RuleBook)."""

    def branch_ids(self, codes: tuple[str, ...]) -> list[int]: ...

    def rule(self, record_type: str, jurisdiction: str = ANY_JURISDICTION) -> Rule: ...

    def groups(self, record_type: str, by_branch: bool) -> list[Rule]: ...


@dataclass
class RunContext:
    as_of: datetime.date
    now: datetime.datetime
    dry_run: bool
    batch_size: int
    rules: Rules
    # Called after each committed batch (tests and the benchmark observe
    # progress through it); receives the record type and the batch size.
    on_batch: Callable[[str, int], None] | None = None
    # A run split across workers: this worker expunges the rows whose id is
    # `shard` modulo `shards`, and counts nothing (the run's last worker
    # counts what is kept, once, for the whole table).
    shard: int = 0
    shards: int = 1
    # The run's plan (ExpungeRun.plan): per record type and rule group, the
    # values of the keyset's first column that bound the shares.
    plan: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    # A nightly pass: the bounds the last complete run left, per record type
    # and rule group (ExpungeRun.bounds); None for a full pass.
    previous_bounds: dict[str, dict[str, str]] | None = None
    # The bounds this run leaves, filled by the handlers as they finish.
    bounds: dict[str, dict[str, str]] = field(default_factory=dict)
    # When the last complete run started (a nightly pass only).
    previous_started: datetime.datetime | None = None

    @property
    def changed_since(self) -> datetime.datetime:
        """A nightly pass revisits what changed since this instant."""
        assert self.previous_started is not None
        return self.previous_started - CHANGE_SLACK

    @property
    def incremental(self) -> bool:
        return self.previous_bounds is not None

    def previous_bound(self, record_type: str, rule: Rule) -> datetime.datetime | None:
        """Where the last complete run left this rule group, or None (the
        group is read in full)."""
        if self.previous_bounds is None:
            return None
        value = self.previous_bounds.get(record_type, {}).get(rule_key(rule))
        return datetime.datetime.fromisoformat(value) if value else None

    def leave_bound(self, record_type: str, rule: Rule, value: datetime.datetime | None) -> None:
        if value is not None:
            self.bounds.setdefault(record_type, {})[rule_key(rule)] = value.isoformat()

    def bounds_for(self, record_type: str, rule: Rule) -> list[Any] | None:
        """The planned bounds of this share's range, or None (split by id
        modulo the shares)."""
        return self.plan.get(record_type, {}).get(rule_key(rule))

    @property
    def is_share(self) -> bool:
        return self.shards > 1

    def cutoff_day(self, rule: Rule) -> datetime.date:
        """The last day whose records are due: as_of minus the period."""
        return self.as_of - datetime.timedelta(days=rule.period_days)

    def cutoff(self, rule: Rule) -> datetime.datetime:
        """Records that ended before this instant are due (the end of the
        cutoff day in the library's time zone)."""
        return clock.day_bounds(clock.server_zone(), self.cutoff_day(rule))[1]

    @property
    def moment(self) -> datetime.datetime:
        """The instant the run stands at: `now` for a run as of today, the
        end of the as-of day for a run as of another day (`expunge --as-of`
        a later date sees that day as over, as the other rules do; an
        earlier one sees nothing of the days after it)."""
        if self.as_of == clock.server_day(self.now):
            return self.now
        return clock.day_bounds(clock.server_zone(), self.as_of)[1]


@dataclass
class TypeReport:
    record_type: str
    available: bool = True
    action: str = ""
    expunged: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"available": self.available}
        if self.available:
            data.update(
                action=self.action,
                expunged=self.expunged,
                kept=dict(sorted(self.kept.items())),
            )
        if self.error:
            data["error"] = self.error
        return data
