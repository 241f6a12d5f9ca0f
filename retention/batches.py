"""The unit of work of the engine: a batch of rows and the statements that
expunge it.

A batch is the relation `batch` (columns `id`, the primary key, and `tid`,
the row's physical locator: see sql.row_locator). A handler states what
expunging a batch does as a list of statements ("steps") over it; on
PostgreSQL they run as one statement of data-modifying WITH clauses, so
that row ids never travel to Python and back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from retention import sql
from retention.context import Fragment

BATCH = "batch"


def step_ctes(steps: Sequence[Fragment]) -> tuple[str, list[Any]]:
    """PostgreSQL: the steps as data-modifying WITH clauses to follow the
    `batch` clause, and their parameters in order."""
    ctes = "".join(f", s{i} AS ({step})" for i, (step, _) in enumerate(steps))
    return ctes, [p for _, step_params in steps for p in step_params]


def run_steps(batch: Fragment, steps: Sequence[Fragment]) -> None:
    """Run expunge steps over the rows `batch` (a query yielding id, tid).

    PostgreSQL runs them as one statement (data-modifying WITH clauses): the
    batch is read once and every step sees the rows as they were before any
    step ran. Elsewhere each step is its own statement, in order; steps are
    written so that both give the same result (a step that reads what
    another changes comes before it).
    """
    batch_sql, batch_params = batch
    if sql.is_postgres():
        ctes, steps_params = step_ctes(steps)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH {BATCH} AS MATERIALIZED ({batch_sql}){ctes} SELECT count(*) FROM {BATCH}",
                [*batch_params, *steps_params],
            )
        return
    with connection.cursor() as cursor:
        for step, step_params in steps:
            cursor.execute(f"WITH {BATCH} AS ({batch_sql}) {step}", [*batch_params, *step_params])


def this_row(alias: str = "t") -> str:
    """`alias` is a row of the batch, fetched by its physical locator: no
    index lookup, and never a scan of the table whatever the planner guesses
    for the batch's size. (Exact: the batch was read in the same statement
    and its rows are locked or, if not, an update in between is followed to
    the row's new version.)"""
    return sql.in_query(f"{alias}.{sql.row_locator()}", f"SELECT tid FROM {BATCH}")


def batch_ids() -> str:
    """A query yielding the batch's ids as the column `id`."""
    return f"SELECT id FROM {BATCH}"
