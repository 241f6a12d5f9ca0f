"""Checkout blocks: why a card may not borrow, with a reason staff can read.

Pure functions over already-loaded rows, shared by the checkout service and
the desk summary so that both say the same thing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from circulation.models import Item, ItemFormat
from patrons.models import Card, ProxyAuthorization

if TYPE_CHECKING:
    from circulation.checkout import Facts

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


# Item statuses in which a copy cannot be lent until it is checked in.
_NOT_ON_THE_SHELF = (Item.Status.LOST, Item.Status.MISSING, Item.Status.IN_TRANSIT)


def item_blocks(
    *,
    status: str,
    on_loan: bool,
    ready_any: bool,
    ready_own: bool,
    waiting_any: bool,
    waiting_own: bool,
) -> list[Block]:
    """Why this copy may not be lent to the patron: its status (`status`,
    an Item.Status value), an open loan of it (`on_loan`), or holds. On
    the hold shelf (`ready_any`) it goes only to the patron it waits for
    (`ready_own`); otherwise a waiting hold that can take it
    (`waiting_any`, rules.hold_can_take) stops the checkout unless the
    patron is among those waiting (`waiting_own`)."""
    if status == Item.Status.ON_LOAN or on_loan:
        return [Block("item_on_loan", ITEM_ON_LOAN, False)]
    if status == Item.Status.WITHDRAWN:
        return [Block("item_withdrawn", ITEM_WITHDRAWN, False)]
    if status in _NOT_ON_THE_SHELF:
        label = Item.Status(status).label.lower()
        return [Block("item_unavailable", ITEM_UNAVAILABLE.format(status=label), True)]
    if ready_any:
        return [] if ready_own else [Block("item_held", ITEM_HELD_FOR_OTHER, True)]
    if waiting_any and not waiting_own:
        return [Block("item_others_waiting", ITEM_OTHERS_WAITING, True)]
    return []


def checkout_blocks(
    facts: Facts,
    *,
    card: Card,
    item: Item,
    today: datetime.date,
    threshold: Decimal,
    proxy: ProxyAuthorization | None,
    item_limit: int,
) -> list[Block]:
    """Every reason `card` may not borrow `item` today: the proxy, the
    card, its fees, the format's limit (`item_limit`, rules.item_limit)
    and the copy, from the facts circulation/checkout.py gathered."""
    found: list[Block] = []
    if proxy is not None:
        if proxy.cardholder_id != card.patron_id:
            found.append(Block("proxy_wrong", PROXY_WRONG_CARDHOLDER, False))
        elif not proxy.is_active_on(today):
            found.append(Block("proxy_inactive", PROXY_NOT_ACTIVE, False))
        elif not proxy.may_borrow:
            found.append(Block("proxy_no_borrow", PROXY_MAY_NOT_BORROW, False))
    found += card_blocks(card, today)
    found += fee_blocks(facts.fees_open, threshold)
    found += limit_blocks(
        {item.format: facts.loans_of_format},
        {item.format: item_limit},
        dict(ItemFormat.choices),
        [item.format],
    )
    found += item_blocks(
        status=item.status,
        on_loan=facts.item_on_loan,
        ready_any=facts.ready_any,
        ready_own=facts.ready_own,
        waiting_any=facts.waiting_any,
        waiting_own=facts.waiting_own,
    )
    return found
