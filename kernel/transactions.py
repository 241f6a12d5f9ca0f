"""A transaction whose refusals end in COMMIT, not ROLLBACK.

psycopg forgets every prepared statement of a connection when it sees a
ROLLBACK, its own or a ROLLBACK TO SAVEPOINT (and sends DEALLOCATE ALL):
it cannot tell whether the transaction changed the schema. PostgreSQL
then plans each statement anew on its next five runs on that connection.
At a busy desk, refused checkouts did that several times a minute: in the
load benchmark a third of the desk summary's runs were planned, at about
ten times the cost of running it (pg_stat_statements, issue 28).

A service that refuses after reading, and before writing anything, can
end its transaction with COMMIT instead: it has only read and locked
rows, and COMMIT releases the locks as ROLLBACK would. `refusing` does
that for a body that returns `Refused(error)` instead of raising it.
A refusal raised (not returned), or any other exception, rolls back as
`transaction.atomic` always does: use Refused only where nothing has been
written yet.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Refused:
    """A refusal decided before the transaction wrote anything."""

    error: Exception


def refusing(body: Callable[P, T | Refused]) -> Callable[P, T]:
    """`body` in transaction.atomic; a Refused it returns is raised once
    the transaction (or savepoint) has been committed (released)."""

    @functools.wraps(body)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with transaction.atomic():
            outcome = body(*args, **kwargs)
        if isinstance(outcome, Refused):
            raise outcome.error
        return outcome

    return run
