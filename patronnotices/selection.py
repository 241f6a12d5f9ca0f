"""The day's notices, found by index and queued in the database.

Each kind is one INSERT ... SELECT ... ON CONFLICT (key) DO NOTHING over a
small relation of per-branch windows (the branch's own local days, through
organisation.clock): the rows never come to Python, so memory stays flat
whatever the day's count, and the time follows the number of notices (each
branch's window is a range scan of a partial index: loans still out by
branch and due date, ready holds by pickup branch and time, open fees by
branch and time, active cards by expiry). The unique key makes queueing
idempotent: run twice, or on two workers at once, each notice is queued
once.

A notice for a de-identified patron is never queued (and the sender checks
again). Windows reach back CATCH_UP_DAYS, so that a day the beat did not
run is caught up the next day; the key keeps those notices single.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection

from circulation.models import Fee, Hold
from kernel import rawsql
from organisation import clock
from organisation.models import Branch
from patronnotices.models import Kind, NoticeSettings, PatronNotice
from patrons.models import Card

CATCH_UP_DAYS = 2


@dataclass(frozen=True)
class Window:
    branch_id: int
    lo: Any  # an instant, or a date for cards
    hi: Any


def _defaults() -> NoticeSettings:
    return NoticeSettings()


def branch_schedules() -> list[tuple[Branch, NoticeSettings]]:
    """Every branch with its notice schedule (the defaults where none)."""
    settings = {s.branch_id: s for s in NoticeSettings.objects.all()}
    return [(b, settings.get(b.pk) or _defaults()) for b in Branch.objects.all()]


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def windows(kind: str, *, now: datetime.datetime) -> list[Window]:
    """Per branch, the half-open range [lo, hi) the kind's selecting query
    reads today (the branch's local day at `now`)."""
    found = []
    for branch, s in branch_schedules():
        today = clock.local_day(branch, now)

        def start(day: datetime.date, branch: Branch = branch) -> datetime.datetime:
            return clock.day_bounds(branch, day)[0]

        lo: datetime.date | datetime.datetime
        hi: datetime.date | datetime.datetime
        if kind == Kind.COURTESY:
            lo, hi = start(today + _days(1)), start(today + _days(s.courtesy_days_before + 1))
        elif kind == Kind.OVERDUE_FIRST:
            first, second = s.overdue_first_days, s.overdue_second_days
            lo = start(today - _days(min(first + CATCH_UP_DAYS, second - 1)))
            hi = start(today - _days(first - 1))
        elif kind == Kind.OVERDUE_SECOND:
            second = s.overdue_second_days
            lo, hi = start(today - _days(second + CATCH_UP_DAYS)), start(today - _days(second - 1))
        elif kind in (Kind.HOLD_READY, Kind.FEE):
            lo, hi = start(today - _days(CATCH_UP_DAYS)), now
        elif kind == Kind.CARD_EXPIRING:
            # A card's expiry is a date of the library system (clock).
            day = clock.server_day(now)
            lo, hi = day, day + _days(s.card_expiry_days_before + 1)
        else:
            raise ValueError(f"Unknown notice kind {kind!r}.")
        found.append(Window(branch.pk, lo, hi))
    return found


def _windows_sql(found: list[Window], *, dates: bool) -> tuple[str, list[Any]]:
    """The windows as a relation w(branch_id, lo, hi)."""
    pg = connection.vendor == "postgresql"
    kind = "date" if dates else "timestamp with time zone"
    row = f"(CAST(%s AS bigint), CAST(%s AS {kind}), CAST(%s AS {kind}))" if pg else "(%s, %s, %s)"
    params: list[Any] = []
    for w in found:
        params += [w.branch_id, w.lo, w.hi]
    values = ", ".join([row] * len(found))
    return f"w (branch_id, lo, hi) AS (VALUES {values})", params


_INSERT = (
    "INSERT INTO patronnotices_patronnotice"
    " (key, kind, patron_id, branch_id, loan_id, hold_id, fee_id, card_id, status, channel,"
    " queued_at, next_attempt_at, attempts, sent_at, outcome, print_batch_id)"
)
_NONE = "CAST(NULL AS bigint)"


def _columns(key: str, patron: str, branch: str, **links: str) -> str:
    """The selected row: key, patron, branch and the one link it is about
    (the others NULL, typed: an untyped NULL in a subquery is text)."""
    ids = ", ".join(f"{links.get(name, _NONE)} AS {name}" for name in ("lid", "hid", "fid", "cid"))
    return f"SELECT {key} AS k, {patron} AS pid, {branch} AS bid, {ids}"


def _per_branch(table: str, alias: str, branch: str, columns: str, where: str) -> str:
    """Rows of `table` in each branch's window of w. On PostgreSQL a
    LATERAL subquery: one range scan of the partial index per branch,
    whatever the planner guesses of the windows (as a plain join it may
    read every row the index's condition covers, e.g. all loans still out,
    and filter). OFFSET 0 keeps the planner from pulling the subquery up
    into that join. SQLite's nested loops use the index as they are."""
    if connection.vendor == "postgresql":
        return (
            f" FROM w CROSS JOIN LATERAL (SELECT {columns} FROM {table} {alias}"  # noqa: S608
            f" WHERE {alias}.{branch} = w.branch_id AND {where} OFFSET 0) {alias}"
        )
    return f" FROM w JOIN {table} {alias} ON {alias}.{branch} = w.branch_id AND {where}"


# Every statement below is fixed text; only values go in as parameters.
def _loans() -> str:
    return (
        _columns("%s || l.id || ':' || l.renewals", "l.patron_id", "l.branch_id", lid="l.id")
        + _per_branch(
            "circulation_loan",
            "l",
            "branch_id",
            "l.id, l.patron_id, l.branch_id, l.renewals",
            "l.returned_at IS NULL AND l.due_at >= w.lo AND l.due_at < w.hi",
        )
        + " JOIN patrons_patron p ON p.id = l.patron_id AND p.deidentified_at IS NULL"
    )


def _holds() -> str:
    return (
        _columns("%s || h.id", "h.patron_id", "h.pickup_branch_id", hid="h.id")
        + _per_branch(
            "circulation_hold",
            "h",
            "pickup_branch_id",
            "h.id, h.patron_id, h.pickup_branch_id",
            "h.status = %s AND h.ready_at >= w.lo AND h.ready_at < w.hi",
        )
        + " JOIN patrons_patron p ON p.id = h.patron_id AND p.deidentified_at IS NULL"
    )


def _fees() -> str:
    return (
        _columns("%s || f.id", "f.patron_id", "f.branch_id", fid="f.id")
        + _per_branch(
            "circulation_fee",
            "f",
            "branch_id",
            "f.id, f.patron_id, f.branch_id",
            "f.status = %s AND f.created_at >= w.lo AND f.created_at < w.hi",
        )
        + " JOIN patrons_patron p ON p.id = f.patron_id AND p.deidentified_at IS NULL"
    )


# Cards by expiry over the widest window (one range of the index), each
# then held to its holder's home branch's window.
_CARDS = (
    _columns(  # noqa: S608 (fixed text: this module's own columns and tables)
        "%s || c.id || ':' || CAST(c.expires_on AS text)",
        "c.patron_id",
        "p.home_branch_id",
        cid="c.id",
    )
    + " FROM patrons_card c"
    " JOIN patrons_patron p ON p.id = c.patron_id AND p.deidentified_at IS NULL"
    " JOIN w ON w.branch_id = p.home_branch_id AND c.expires_on >= w.lo AND c.expires_on < w.hi"
    " WHERE c.status = %s AND c.expires_on >= (SELECT MIN(lo) FROM w)"
    " AND c.expires_on < (SELECT MAX(hi) FROM w)"
)


def _select(kind: str) -> tuple[str, list[Any]]:
    """The kind's SELECT: rows (k, pid, bid, lid, hid, fid, cid)."""
    prefix = f"{kind}:"
    if kind in (Kind.COURTESY, Kind.OVERDUE_FIRST, Kind.OVERDUE_SECOND):
        return _loans(), [prefix]
    if kind == Kind.HOLD_READY:
        return _holds(), [prefix, Hold.Status.READY.value]
    if kind == Kind.FEE:
        return _fees(), [prefix, Fee.Status.OPEN.value]
    if kind == Kind.CARD_EXPIRING:
        return _CARDS, [prefix, Card.Status.ACTIVE.value]
    raise ValueError(f"Unknown notice kind {kind!r}.")


def selecting_sql(kind: str, *, now: datetime.datetime) -> tuple[str, list[Any]] | None:
    """The kind's selecting query for today (for EXPLAIN in the benchmark);
    None when there is no branch."""
    found = windows(kind, now=now)
    if not found:
        return None
    cte, params = _windows_sql(found, dates=kind == Kind.CARD_EXPIRING)
    select, select_params = _select(kind)
    return f"WITH {cte} {select}", [*params, *select_params]


def notices_queue_kind(kind: str, *, now: datetime.datetime) -> int:
    """Queue the kind's notices for today; returns how many were new."""
    found = windows(kind, now=now)
    if not found:
        return 0
    cte, params = _windows_sql(found, dates=kind == Kind.CARD_EXPIRING)
    select, select_params = _select(kind)
    status = PatronNotice.Status.QUEUED.value
    # The constant columns ride along each selected row. The statement
    # starts with INSERT (SQLite counts the rows of nothing else), and
    # "WHERE true" makes SQLite read ON CONFLICT as the upsert clause, not
    # a join's ON.
    sql = (
        f"{_INSERT} WITH {cte} SELECT sub.k, %s, sub.pid, sub.bid, sub.lid, sub.hid, sub.fid,"  # noqa: S608
        f" sub.cid, %s, '', %s, %s, 0, NULL, '', NULL FROM ({select}) AS sub"
        " WHERE true ON CONFLICT (key) DO NOTHING"
    )
    return rawsql.execute(sql, [*params, kind, status, now, now, *select_params])
