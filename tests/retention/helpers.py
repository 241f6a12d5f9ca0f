"""Shared builders for the retention tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.utils import timezone

from circulation.models import Fee, Hold, Loan
from tests import factories

AS_OF = datetime.date(2026, 6, 30)


def at(days_before: int, as_of: datetime.date = AS_OF, hour: int = 12) -> datetime.datetime:
    """An aware instant `days_before` days before as_of, at `hour` local time."""
    day = as_of - datetime.timedelta(days=days_before)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def returned_loan(*, patron, returned_days_ago: int, branch=None, **kwargs: Any) -> Loan:
    item_kwargs = {"home_branch": branch} if branch is not None else {}
    item = factories.ItemFactory(**item_kwargs)
    returned = at(returned_days_ago)
    return factories.LoanFactory(
        item=item,
        patron=patron,
        checked_out_at=returned - datetime.timedelta(days=14),
        returned_at=returned,
        **kwargs,
    )


def fee_on(loan: Loan, *, closed_days_ago: int | None = None) -> Fee:
    if closed_days_ago is None:
        return factories.FeeFactory(patron=loan.patron, loan=loan, branch=loan.branch)
    return factories.FeeFactory(
        patron=loan.patron,
        loan=loan,
        branch=loan.branch,
        status=Fee.Status.PAID,
        closed_at=at(closed_days_ago),
    )


def finished_hold(*, patron, closed_days_ago: int, status=Hold.Status.FULFILLED) -> Hold:
    closed = at(closed_days_ago)
    return factories.HoldFactory(
        patron=patron,
        status=status,
        placed_at=closed - datetime.timedelta(days=5),
        closed_at=closed,
    )


SNAPSHOT_TABLES = {
    "circulation_loan": "id",
    "circulation_hold": "id",
    "circulation_fee": "id",
    "patrons_patron": "id",
    "patrons_card": "id",
    "patrons_guardianlink": "id",
    "patrons_proxyauthorization": "id",
    "auditlog_logentry": "id",
    "retention_legalhold": "id",
}
# Columns that hold the moment a run happened, which differs between runs.
RUN_TIME_COLUMNS = {"anonymized_at", "deidentified_at", "updated_at"}


def snapshot(
    *, ignore_run_times: bool = False, tables: dict[str, str] | None = None
) -> dict[str, list[tuple]]:
    """Every row of every table retention touches (and of `tables`, table
    name -> order), for before/after checks."""
    data: dict[str, list[tuple]] = {}
    with connection.cursor() as cursor:
        for table, order in {**SNAPSHOT_TABLES, **(tables or {})}.items():
            cursor.execute(f"SELECT * FROM {table} ORDER BY {order}")
            names = [c[0] for c in cursor.description]
            rows = []
            for row in cursor.fetchall():
                if ignore_run_times:
                    row = tuple(
                        (value is not None) if name in RUN_TIME_COLUMNS else value
                        for name, value in zip(names, row, strict=True)
                    )
                rows.append(tuple(str(v) for v in row))
            data[table] = rows
    return data
