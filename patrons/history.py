"""A patron's kept loan history: how much there is, and erasing it when
the patron withdraws the opt-in (DESIGN section 6).

The patron record is this app's; the records kept are each owning app's,
so the erasing is asked of every retention handler of a record type a
patron may keep (returned loans), through the retention engine below.
"""

from __future__ import annotations

import logging

from django.db import transaction

from organisation import clock
from organisation.users import StaffUser
from patrons.models import Patron
from retention.context import RunContext
from retention.registry import HANDLERS
from retention.rulebook import RuleBook
from retention.services import DEFAULT_BATCH_SIZE, RetentionError

logger = logging.getLogger(__name__)

HISTORY_NOT_KEPT = "This patron does not keep a loan history."


def loan_history_count(*, patron: Patron) -> int:
    """How many records the patron's kept history holds: their returned
    loans still linked to them (each handler of a record type a patron may
    keep counts its own)."""
    return sum(
        handler.history_count(patron.pk)
        for handler in HANDLERS.values()
        if handler.keeps_patron_history and handler.model() is not None
    )


@transaction.atomic
def loan_history_withdraw(*, patron: Patron, acting_user: StaffUser) -> int:
    """The patron no longer keeps a loan history: erase it now.

    Locks the patron, clears the opt-in and has every handler of a record
    type a patron may keep (returned loans) erase the patron's kept
    records, except those it must still keep (a legal hold, an open fee).
    Returns how many records were erased. Callers check
    patrons.policies.can_withdraw_history first.
    """
    locked = Patron.objects.select_for_update().get(pk=patron.pk)
    if not locked.keeps_loan_history:
        raise RetentionError(HISTORY_NOT_KEPT)
    locked.keeps_loan_history = False
    locked.keeps_loan_history_since = None
    locked.save(update_fields=["keeps_loan_history", "keeps_loan_history_since", "updated_at"])
    ctx = RunContext(
        as_of=clock.server_day(),
        now=clock.now(),
        dry_run=False,
        batch_size=DEFAULT_BATCH_SIZE,
        rules=RuleBook(),
    )
    erased = sum(
        handler.history_erase(ctx, locked.pk)
        for handler in HANDLERS.values()
        if handler.keeps_patron_history and handler.model() is not None
    )
    logger.info("retention: loan history withdrawn for patron %s", locked.pk)
    return erased
