"""Checkout blocks: why a card may not borrow, with a reason staff can read.

Pure functions over already-loaded rows, shared by the checkout service and
the desk summary so that both say the same thing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from patrons.models import Card

CARD_LOST = "This card was reported lost: it cannot be used. Ask for ID and issue a new card."
CARD_STOLEN = "This card was reported stolen: it cannot be used. Ask for ID and issue a new card."
CARD_REPLACED = "This card was replaced by a newer card: ask for the current card."
CARD_EXPIRED = "This card expired on {date}. Renew it after checking the patron's address."
FEES_OVER_THRESHOLD = (
    "Open fees of ${total} are over the ${threshold} limit. The patron can pay at the desk."
)
LIMIT_REACHED = (
    "The limit of {limit} {format} items at once is reached. Offer a hold for later instead."
)
ITEM_ON_LOAN = "This item is already on loan. Check it in first."
ITEM_UNAVAILABLE = "This item is marked {status}. Check it in to put it back in circulation."
ITEM_WITHDRAWN = "This item is withdrawn from the collection and cannot be lent."
ITEM_HELD_FOR_OTHER = "This item is on the hold shelf for another patron. Offer a hold instead."
ITEM_OTHERS_WAITING = "Other patrons are waiting for this item. Offer a hold instead."
PROXY_NOT_ACTIVE = "This proxy authorization has expired or was revoked."
PROXY_MAY_NOT_BORROW = "This proxy may pick up holds but is not authorized to borrow."
PROXY_WRONG_CARDHOLDER = "This proxy is not authorized for this card."


@dataclass(frozen=True)
class Block:
    """One reason a checkout is refused.

    `overridable` blocks may be lent through by a user who may override,
    with a reason; the others never (an item already on loan, a lost card).
    """

    code: str
    message: str
    overridable: bool


def card_blocks(card: Card, today: datetime.date) -> list[Block]:
    if card.status == Card.Status.LOST:
        return [Block("card_lost", CARD_LOST, False)]
    if card.status == Card.Status.STOLEN:
        return [Block("card_stolen", CARD_STOLEN, False)]
    if card.status == Card.Status.REPLACED:
        return [Block("card_replaced", CARD_REPLACED, False)]
    if card.status == Card.Status.EXPIRED or card.expires_on < today:
        return [Block("card_expired", CARD_EXPIRED.format(date=card.expires_on.isoformat()), True)]
    return []


def fee_blocks(open_total: Decimal, threshold: Decimal) -> list[Block]:
    if open_total > threshold:
        return [
            Block(
                "fees",
                FEES_OVER_THRESHOLD.format(total=f"{open_total:.2f}", threshold=f"{threshold:.2f}"),
                True,
            )
        ]
    return []


def limit_blocks(
    open_by_format: Mapping[str, int],
    limits: Mapping[str, int],
    labels: Mapping[str, str],
    formats: Iterable[str],
) -> list[Block]:
    """A block for each of `formats` whose open-loan count reached its limit."""
    blocks = []
    for fmt in formats:
        limit = limits.get(fmt)
        if limit is not None and open_by_format.get(fmt, 0) >= limit:
            blocks.append(
                Block(
                    f"limit_{fmt}",
                    LIMIT_REACHED.format(limit=limit, format=labels.get(fmt, fmt).lower()),
                    True,
                )
            )
    return blocks
