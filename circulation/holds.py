"""The hold queue of a copy: which holds a copy can fill, and routing a
copy checked in to the next of them (circulation.services calls these
with the copy's row lock held).

Locks are taken in one order everywhere: card, item (the copy), title,
hold; a hold's pickup branch is read, never locked (`of=("self",)`: a
check-in at that branch holds its row through the loan it closes).
Routing locks the copy's title row before it reads the queue, so two desks
checking in two copies of one title at once take turns: the second
sees the hold the first filled as no longer waiting, and one hold is
never filled twice (the constraint `hold_one_allocated_per_item` and the
status check back this up).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from catalogue.models import Title
from circulation import rules
from circulation.models import Hold, Item
from organisation import clock
from organisation.models import Branch

# Waiting holds read per routing: the rule picks the first it can fill.
QUEUE_HEAD = 50
TO_SHELF = "Return it to the shelf."


def fillable_by(item: Item) -> Q:
    """Waiting holds the copy could fill (rules.hold_can_take, as a filter):
    copy-level ones on it, title-level ones on its title."""
    return Q(status=Hold.Status.WAITING) & (
        Q(level=Hold.Level.COPY, item_id=item.pk)
        | Q(level=Hold.Level.TITLE, title_record_id=item.title_record_id)
    )


def holds_queue_for_copy(*, item: Item) -> QuerySet[Hold]:
    """The open holds a copy serves: those waiting that it could fill, and
    those it is set aside for (in transit or on the hold shelf)."""
    return Hold.objects.filter(
        fillable_by(item) | Q(item_id=item.pk, status__in=Hold.ALLOCATED_STATUSES)
    )


def others_waiting_for(*, item: Item, patron_id: int | None) -> bool:
    """Whether someone other than the patron waits for what this copy could
    fill (an anonymized hold counts: someone is waiting)."""
    waiting = Hold.objects.filter(fillable_by(item))
    if patron_id is not None:
        waiting = waiting.exclude(patron_id=patron_id)
    return waiting.exists()


@dataclass
class Routing:
    """Where a copy checked in goes, for the desk that checked it in."""

    hold: Hold | None = None  # the hold it was set aside for
    ready: bool = False  # on this branch's hold shelf
    in_transit_to: Branch | None = None
    message: str = ""


def route_copy(*, item: Item, branch: Branch) -> Routing:
    """Send a copy checked in at `branch` where it is needed.

    A copy already travelling for a title-level hold goes on to it (onto
    the hold shelf if this is its pickup branch). Otherwise the first
    waiting hold it can fill takes it: a title-level hold has it set aside
    at once (in transit or on the shelf), a copy-level hold at another
    branch is trapped when the copy arrives there. No hold: the shelf.
    """
    allocated = (
        Hold.objects.select_for_update(of=("self",))
        .select_related("pickup_branch")
        .filter(item=item, status=Hold.Status.IN_TRANSIT)
        .first()
    )
    if allocated is not None:
        return _send(allocated, item=item, branch=branch)
    Title.objects.select_for_update().filter(pk=item.title_record_id).values_list("pk").first()
    head = list(
        Hold.objects.select_for_update(of=("self",))
        .select_related("pickup_branch")
        .filter(fillable_by(item))
        .order_by("placed_at", "pk")[:QUEUE_HEAD]
    )
    chosen = rules.hold_to_fill(
        [rules.QueuedHold(h.pk, h.placed_at, h.level, h.item_id, h.title_record_id) for h in head],
        copy_id=item.pk,
        title_id=item.title_record_id,
    )
    if chosen is None:
        item.status = Item.Status.AVAILABLE
        item.save(update_fields=["status"])
        return Routing(message=TO_SHELF)
    return _send(next(h for h in head if h.pk == chosen.pk), item=item, branch=branch)


def _send(hold: Hold, *, item: Item, branch: Branch) -> Routing:
    pickup = hold.pickup_branch
    goes = rules.hold_copy_goes(pickup_branch_id=pickup.pk, here_branch_id=branch.pk)
    if goes == rules.IN_TRANSIT:
        item.status = Item.Status.IN_TRANSIT
        item.save(update_fields=["status"])
        if hold.level == Hold.Level.TITLE and hold.status == Hold.Status.WAITING:
            # Set aside now, so that no other copy is sent for this hold.
            hold.item = item
            hold.status = Hold.Status.IN_TRANSIT
            hold.save(update_fields=["item", "status"])
        return Routing(
            hold=hold,
            in_transit_to=pickup,
            message=f"Send it to {pickup.name}: a patron there is waiting for it.",
        )
    today = clock.local_day(branch)
    hold.item = item
    hold.status = Hold.Status.READY
    hold.ready_at = clock.now()
    hold.pickup_by = today + datetime.timedelta(days=branch.system.hold_pickup_days)
    hold.save(update_fields=["item", "status", "ready_at", "pickup_by"])
    item.status = Item.Status.ON_HOLD_SHELF
    item.save(update_fields=["status"])
    return Routing(
        hold=hold,
        ready=True,
        message=(
            f"Put it on the hold shelf for pickup at {branch.name} by "
            f"{hold.pickup_by:%a} {hold.pickup_by.day} {hold.pickup_by:%b %Y}."
        ),
    )


def release_for_checkout(*, item: Item, patron_id: int) -> None:
    """The copy is lent to `patron_id`: holds of others it was set aside
    for go back to the head of their queue (a title-level one lets go of
    the copy), and the patron's own hold it fills (rules.checkout_fills_hold:
    on this copy, or on its title even with another copy set aside for it)
    is fulfilled. Another copy that was set aside for that hold is freed
    (rules.freed_copy_goes). The caller holds the copy's row lock; freed
    copies are locked next, then holds, in the module's lock order."""
    candidates = Hold.objects.filter(
        Q(item=item) | Q(title_record_id=item.title_record_id),
        patron_id=patron_id,
        status__in=Hold.OPEN_STATUSES,
    )
    own = [
        h
        for h in candidates
        if rules.checkout_fills_hold(
            hold_patron_id=h.patron_id,
            level=h.level,
            hold_item_id=h.item_id,
            hold_title_id=h.title_record_id,
            patron_id=patron_id,
            copy_id=item.pk,
            title_id=item.title_record_id,
        )
    ]
    freed_ids = sorted(
        {
            h.item_id
            for h in own
            if h.item_id not in (None, item.pk) and h.status in Hold.ALLOCATED_STATUSES
        }
    )
    # Copies, then the title, before holds (the module's lock order): a
    # freed copy from the hold shelf is routed again below, which reads
    # its title's queue under the title's lock (its title is this copy's:
    # the patron's own holds are on this copy or its title).
    freed = {i.pk: i for i in Item.objects.select_for_update().filter(pk__in=freed_ids)}
    if freed:
        Title.objects.select_for_update().filter(pk=item.title_record_id).values_list("pk").first()
    for other in (
        Hold.objects.select_for_update()
        .filter(item=item, status__in=Hold.ALLOCATED_STATUSES)
        .exclude(patron_id=patron_id)
    ):
        other.status = Hold.Status.WAITING
        other.ready_at = None
        other.pickup_by = None
        if other.level == Hold.Level.TITLE:
            other.item = None
        other.save(update_fields=["status", "ready_at", "pickup_by", "item"])
    if not own:
        return
    # Saved one by one (at most one open hold per patron and title) so the
    # change is audited; re-read under lock, as another desk may have moved it.
    for hold in (
        Hold.objects.select_for_update(of=("self",))
        .select_related("pickup_branch")
        .filter(pk__in=[h.pk for h in own], status__in=Hold.OPEN_STATUSES)
    ):
        copy = freed.get(hold.item_id) if hold.item_id is not None else None
        hold.status = Hold.Status.FULFILLED
        hold.item = item
        hold.closed_at = clock.now()
        hold.save(update_fields=["status", "item", "closed_at"])
        if copy is None:
            continue
        on_shelf = copy.status == Item.Status.ON_HOLD_SHELF
        if rules.freed_copy_goes(on_hold_shelf=on_shelf) == rules.ROUTE_AGAIN:
            route_copy(item=copy, branch=hold.pickup_branch)
