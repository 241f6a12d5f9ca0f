"""The PIN lock on the cardholder's access report: a card locked after too
many wrong PINs at terminals is a line of its own until the desk unlocks
it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from patrons.models import Patron
from privacy.disclosure import reports_access
from sip2.models import PatronPin

LOCKED = "Self-service PIN locked after too many wrong tries"


@dataclass(frozen=True)
class LockLine:
    when: datetime.datetime
    staff: str
    what: str
    purpose: str


@reports_access
def pin_lock(patron: Patron) -> list[LockLine]:
    pin = PatronPin.objects.filter(patron_id=patron.pk, locked_at__isnull=False).first()
    if pin is None or pin.locked_at is None:
        return []
    return [
        LockLine(
            when=pin.locked_at,
            staff="Self-service terminals",
            what=LOCKED,
            purpose=f"{pin.failures} wrong PINs; the desk can unlock the card",
        )
    ]
