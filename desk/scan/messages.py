"""What the desk screen says: its messages, and the panels a response
can carry (a notice, an override, a confirmation, a check-in offer)."""

from __future__ import annotations

from dataclasses import dataclass, field

NO_BRANCH = "Your staff profile has no branch yet: ask an administrator to assign one."
UNKNOWN_CARD = "No patron has this card barcode. Check it, or register the patron."
UNKNOWN_ITEM = "No item has this barcode. Check it, or set the item aside for cataloguing."
NO_PATRON_IN_VIEW = "Scan the patron's card first."
PATRON_GONE = "That patron's record cannot be opened any more. Scan the card again."
NO_CARD = "This patron has no library card: issue one before lending."
PROXY_UNKNOWN = "That proxy is not on this patron's record."
NEXT_PATRON = "Ready for the next patron."
CHECKED_OUT = "Checked out: {title}. Due {due:%a} {due.day} {due:%b %Y}."
CHECKED_OUT_OVERRIDE = "Checked out with an override: {title}. Due {due:%a} {due.day} {due:%b %Y}."
CHECKED_IN = "Checked in: {title}."
ALREADY_ON_CARD = (
    "Already on this card: {title}, lent {minutes} ago, due {due:%a} {due.day} {due:%b %Y}. "
    "Nothing changed. To take it back, press “Check it in”."
)
RENEWED = "Renewed: {title}. Now due {due:%a} {due.day} {due:%b %Y}."
HOLD_PLACED = "Hold placed: {title}. Position {position} in the queue."
HOLD_CANCELLED = "Hold cancelled: {title}."
FEE_PAID = "Payment of ${amount} recorded."
FEE_WAIVED = "Fee of ${amount} waived."
DECLARED_LOST = "Declared lost: {title}. A lost-item fee of ${amount} was charged."
DECLARED_LOST_NO_FEE = "Declared lost: {title}. No fee: the item has no replacement cost."
LOST_HOLDS_WAITING = (
    "{who} waiting for this item. Holds on it stay in the queue and are filled if it "
    "is found; to get another copy for them, tell the collection team."
)
BLOCKED = "Not checked out: {title}."


@dataclass
class Notice:
    level: str  # ok, warn, bad
    text: str
    lines: list[str] = field(default_factory=list)


@dataclass
class LostConfirmation:
    """Asked before declaring a loan's item lost: it charges the patron."""

    loan_id: int
    title: str
    amount: str


@dataclass
class CheckinOffer:
    """Offered when an item just lent to the patron in view is scanned
    again: a scanner's double read must not undo the checkout."""

    barcode: str
    title: str


@dataclass
class Override:
    barcode: str
    title: str
    proxy_id: int | None
    allowed: bool
