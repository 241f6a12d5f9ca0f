"""Clocks on the branch's business calendar.

A clock is three fields on a case row, named after it: `<clock>_due`,
`<clock>_reminded_at` and `<clock>_breached_at`. A clock is started by
setting its due time, stopped while the case waits on someone outside the
library (the deadlines move by the business time spent waiting), reminded
once before it runs out, and marked breached once when it has.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from organisation.calendar import (
    BusinessCalendar,
    add_business_days,
    add_business_time,
    business_time_between,
    calendar_for_branch,
)
from organisation.models import Branch

REMINDER = "reminder"
BREACH = "breach"


def calendar(branch: Branch) -> BusinessCalendar:
    return calendar_for_branch(branch)


def due_after(
    branch: Branch,
    start: datetime.datetime,
    *,
    business_days: int,
    cal: BusinessCalendar | None = None,
) -> datetime.datetime:
    """`business_days` business days after `start`, on the branch's calendar."""
    return add_business_days(cal or calendar(branch), start, business_days)


def paused_for(
    branch: Branch, since: datetime.datetime, until: datetime.datetime
) -> datetime.timedelta:
    """Business time between `since` and `until` (time spent waiting)."""
    return business_time_between(calendar(branch), since, until)


def push_back(case: Any, clock_names: Iterable[str], by: datetime.timedelta) -> list[str]:
    """Move each running clock's deadline back by `by` business time; returns
    the fields changed."""
    cal = calendar(case.branch)
    changed = []
    for name in clock_names:
        due = getattr(case, f"{name}_due")
        if due is not None:
            setattr(case, f"{name}_due", add_business_time(cal, due, by))
            changed.append(f"{name}_due")
    return changed


@dataclass(frozen=True)
class Tick:
    clock: str
    what: str  # REMINDER or BREACH


def clocks_tick(
    case: Any,
    clock_names: Iterable[str],
    *,
    now: datetime.datetime,
    lead: datetime.timedelta,
    cal: BusinessCalendar,
) -> tuple[list[Tick], list[str]]:
    """What is due on the locked `case` at `now`: a reminder when a clock is
    within `lead` business time of running out, a breach once it has, each at
    most once per clock (recorded on the row). Returns the ticks and the
    fields set; the caller saves them and acts on the ticks."""
    ticks: list[Tick] = []
    changed: list[str] = []
    for clock in clock_names:
        due = getattr(case, f"{clock}_due")
        if due is None:
            continue
        if due <= now:
            if getattr(case, f"{clock}_breached_at") is None:
                setattr(case, f"{clock}_breached_at", now)
                changed.append(f"{clock}_breached_at")
                ticks.append(Tick(clock, BREACH))
        elif getattr(case, f"{clock}_reminded_at") is None and (
            business_time_between(cal, now, due) <= lead
        ):
            setattr(case, f"{clock}_reminded_at", now)
            changed.append(f"{clock}_reminded_at")
            ticks.append(Tick(clock, REMINDER))
    return ticks, changed
