"""Circulation rules computed in more than one place, as pure functions.

The desk summary gathers its inputs with fixed SQL (desk/scan/selectors.py) and
the services with the ORM (circulation/services.py); both decide through
these functions, so the screen and the action cannot disagree. Like
circulation/blocks.py, nothing here reads the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from circulation.models import LoanRule

RENEW_LIMIT = "This item was already renewed {count} times, the most allowed."
RENEW_HOLDS_WAITING = "Another patron is waiting for this item, so it cannot be renewed."
RENEW_NOT_OPEN = "Only an item still on loan can be renewed."
RENEW_WOULD_NOT_MOVE = (
    "Renewing now would not move the due date ({due:%a} {due.day} {due:%b %Y}): it is "
    "already as late as a renewal would make it. Renew nearer the due date; no renewal "
    "was used."
)

# What the desk prints beside a loan it will not renew.
NOTE_NO_RENEWALS_LEFT = "No renewals left"
NOTE_OTHERS_WAITING = "Others are waiting"
NOTE_RETURNED = "Returned"
NOTE_NOT_YET = "Renewable nearer the due date"


def _default(name: str) -> int:
    field = LoanRule._meta.get_field(name)
    value = getattr(field, "default", None)
    assert isinstance(value, int)
    return value


# A format with no loan rule gets the rule's defaults, on the screen and at
# checkout alike.
DEFAULT_MAX_RENEWALS = _default("max_renewals")
DEFAULT_ITEM_LIMIT = _default("item_limit")
DEFAULT_LOAN_DAYS = _default("loan_days")


def loan_days(configured: int | None) -> int:
    """Days a format is lent for: its loan rule's, else the default."""
    return DEFAULT_LOAN_DAYS if configured is None else configured


def renewed_due_on(*, today: datetime.date, days: int) -> datetime.date:
    """The day a loan renewed today would be due (the end of that day)."""
    return today + datetime.timedelta(days=days)


def max_renewals(configured: int | None) -> int:
    """Renewals allowed for a format: its loan rule's, else the default."""
    return DEFAULT_MAX_RENEWALS if configured is None else configured


def item_limit(configured: int | None) -> int:
    """Items of a format a patron may have out at once: its loan rule's,
    else the default (never "no limit")."""
    return DEFAULT_ITEM_LIMIT if configured is None else configured


@dataclass(frozen=True)
class RenewalRefusal:
    """Why a loan cannot be renewed: `message` for the refused action,
    `note` for the short text beside the loan on the desk."""

    code: str
    message: str
    note: str


def renewal_refusal(
    *,
    returned: bool,
    renewals: int,
    allowed_renewals: int,
    others_waiting: bool,
    due_on: datetime.date,
    renewed_due_on: datetime.date,
) -> RenewalRefusal | None:
    """Why this loan cannot be renewed now, or None if it can.

    `others_waiting` is whether another patron (or an anonymized hold) has
    an open hold (waiting or ready) on the item: the patron's own hold does
    not stop a renewal. A renewal must move the due date (`due_on`, the
    loan's due day) to a later day (`renewed_due_on`): renewing a loan made
    today would only use up a renewal.
    """
    if returned:
        return RenewalRefusal("returned", RENEW_NOT_OPEN, NOTE_RETURNED)
    if renewals >= allowed_renewals:
        return RenewalRefusal("limit", RENEW_LIMIT.format(count=renewals), NOTE_NO_RENEWALS_LEFT)
    if others_waiting:
        return RenewalRefusal("holds", RENEW_HOLDS_WAITING, NOTE_OTHERS_WAITING)
    if renewed_due_on <= due_on:
        return RenewalRefusal("not_yet", RENEW_WOULD_NOT_MOVE.format(due=due_on), NOTE_NOT_YET)
    return None


def queue_key(placed_at: datetime.datetime, pk: int) -> tuple[datetime.datetime, int]:
    """The order of a hold queue: first placed first, ties by id (as checkin
    traps the next hold)."""
    return (placed_at, pk)


def queue_position(*, ahead: int) -> int:
    """A waiting hold's place in its queue, 1 for the next to be filled,
    from the number of waiting holds before it in `queue_key` order."""
    return ahead + 1


@dataclass(frozen=True)
class QueuedHold:
    """What the queue rule needs of a waiting hold."""

    pk: int
    placed_at: datetime.datetime
    level: str  # "title" or "copy" (Hold.Level)
    item_id: int | None
    title_id: int


def hold_can_take(hold: QueuedHold, *, copy_id: int, title_id: int) -> bool:
    """Whether a copy checked in can fill this waiting hold: a copy-level
    hold only with its own copy, a title-level one with any copy of its
    title."""
    if hold.level == "title":
        return hold.title_id == title_id
    return hold.item_id == copy_id


def hold_to_fill(waiting: list[QueuedHold], *, copy_id: int, title_id: int) -> QueuedHold | None:
    """The hold a copy checked in anywhere fills: of the waiting holds it
    can fill, the first in queue order (`queue_key`), wherever its pickup
    branch is; None when nobody waits for it."""
    fillable = [h for h in waiting if hold_can_take(h, copy_id=copy_id, title_id=title_id)]
    return min(fillable, key=lambda h: queue_key(h.placed_at, h.pk), default=None)


HOLD_SHELF = "hold_shelf"
IN_TRANSIT = "in_transit"


def hold_copy_goes(*, pickup_branch_id: int, here_branch_id: int) -> str:
    """Where a copy set aside for a hold goes from the desk that checked it
    in: on this branch's hold shelf (HOLD_SHELF) when the hold is picked up
    here, else in transit to the pickup branch (IN_TRANSIT)."""
    return HOLD_SHELF if pickup_branch_id == here_branch_id else IN_TRANSIT


def checkout_fills_hold(
    *,
    hold_patron_id: int | None,
    level: str,
    hold_item_id: int | None,
    hold_title_id: int,
    patron_id: int,
    copy_id: int,
    title_id: int,
) -> bool:
    """Whether lending a copy (`copy_id`, of `title_id`) to `patron_id`
    fills this open hold: the patron's own copy-level hold on that copy,
    or their title-level hold on its title, whichever copy, if any, was
    set aside for it (`hold_item_id`): a title-level hold asks for any
    copy, and the patron now has one."""
    if hold_patron_id is None or hold_patron_id != patron_id:
        return False
    if level == "title":
        return hold_title_id == title_id
    return hold_item_id == copy_id


ROUTE_AGAIN = "route_again"
TRAVEL_ON = "travel_on"


def freed_copy_goes(*, on_hold_shelf: bool) -> str:
    """What becomes of a copy that was set aside for a hold another copy
    has filled: from the hold shelf it is routed again at once, from the
    branch whose shelf it is on (the next waiting hold it can fill,
    `hold_to_fill`, or the shelf: ROUTE_AGAIN); a copy in transit travels
    on and is routed when it is checked in where it arrives (TRAVEL_ON)."""
    return ROUTE_AGAIN if on_hold_shelf else TRAVEL_ON
