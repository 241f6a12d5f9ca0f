from __future__ import annotations

from patrons.models import Patron
from retention.registry import HANDLERS


def loan_history_count(*, patron: Patron) -> int:
    """How many records the patron's kept history holds: their returned
    loans still linked to them (each handler of a record type a patron may
    keep counts its own)."""
    return sum(
        handler.history_count(patron.pk)
        for handler in HANDLERS.values()
        if handler.keeps_patron_history and handler.model() is not None
    )
