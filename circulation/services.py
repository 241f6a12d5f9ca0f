"""Circulation writes: checkout, checkin, renewal, holds and fees.

Every service is keyword-only and atomic. Rows that two desks may touch at
once are locked (select_for_update) in one order, card before item, and the
database constraints (one open loan per item, one open hold per patron and
item, one ready hold per item) back the locks up."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q

from catalogue.models import Title
from circulation import blocks as B
from circulation import checkin, checkout, holds, policies, rules
from circulation.models import Fee, Hold, Item, ItemFormat, Loan, LoanRule
from kernel.transactions import Refused, refusing
from organisation import clock, users
from organisation.models import Branch, LibrarySystem
from patrons.models import Card, Patron, ProxyAuthorization

NOT_ALLOWED = "Your role may not do this."
OVERRIDE_NOT_ALLOWED = "Only a supervisor may override a checkout block."
OVERRIDE_REASON_REQUIRED = "Give a reason for the override."
NOT_ON_LOAN = "This loan is already closed."
RENEW_LIMIT = rules.RENEW_LIMIT
RENEW_HOLDS_WAITING = rules.RENEW_HOLDS_WAITING
RENEW_NOT_OPEN = rules.RENEW_NOT_OPEN
HOLD_ALREADY_OPEN = "This patron already has a hold on this item."
HOLD_ALREADY_HAS_ITEM = "This patron has this item on loan already."
HOLD_ITEM_WITHDRAWN = (
    "This item is withdrawn: a hold cannot be placed. Suggest an interlibrary loan."
)
HOLD_NOT_OPEN = "This hold is no longer open."
HOLD_TITLE_ALREADY_OPEN = "This patron already has a hold on this title."
HOLD_TITLE_ON_LOAN = "This patron has a copy of this title on loan already."
HOLD_TITLE_NO_COPY = (
    "The library has no copy of this title that can be lent: a hold cannot be placed. "
    "Suggest an interlibrary loan."
)
# Copies that will not come back to fill a hold.
UNLENDABLE = (Item.Status.WITHDRAWN, Item.Status.LOST, Item.Status.MISSING)
FEE_NOT_OPEN = "This fee is already closed."
LOST_NOT_OPEN = "Only an item still on loan can be declared lost."
LOST_NOT_ALLOWED = "Only library staff may declare an item lost: ask a colleague."
LOST_RETURNED_WAIVED = (
    "Returned after being declared lost: the lost-item fee of ${amount} is cancelled."
)
LOST_RETURNED_PAID = (
    "Returned after being declared lost; its fee of ${amount} was already paid. "
    "Refund it as the library's fee policy says."
)
LOST_RETURNED_REASON = "Item returned after it was declared lost."
WAIVE_REASON_REQUIRED = "Give a reason for waiving the fee."
WAIVE_NOT_ALLOWED = "Only a supervisor may waive a fee."

DEFAULT_RULE = LoanRule(format=ItemFormat.BOOK)


class CirculationError(Exception):
    """A refused circulation action; `message` is shown to staff as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CheckoutBlocked(CirculationError):
    """Checkout refused for the listed reasons."""

    def __init__(self, blocks: list[B.Block]) -> None:
        super().__init__(" ".join(b.message for b in blocks))
        self.blocks = blocks

    @property
    def overridable(self) -> bool:
        return all(b.overridable for b in self.blocks)


@dataclass
class CheckinResult:
    item: Item
    loan: Loan | None = None
    fee: Fee | None = None
    trapped_hold: Hold | None = None
    in_transit_to: Branch | None = None
    messages: list[str] = field(default_factory=list)


def branch_tz(branch: Branch) -> datetime.tzinfo:
    """The branch's time zone (the server's when it names none we know)."""
    return clock.zone(branch)


def _tz(branch: Branch) -> datetime.tzinfo:
    return clock.zone(branch)


def local_today(branch: Branch, now: datetime.datetime | None = None) -> datetime.date:
    """The date at the branch (its own time zone), now or at `now`."""
    return clock.local_day(branch, now)


def due_on_for(
    *,
    branch: Branch,
    start: datetime.date,
    days: int,
    has_opening_hours: bool | None = None,
) -> datetime.date:
    """The branch-local day a loan made or renewed on `start` is due.

    `days` after `start`, moved to the branch's next open day when that
    day is closed and the branch says so (`due_dates_skip_closed_days`)
    and has opening hours to say when it is open (`has_opening_hours`,
    read here unless the caller has it).
    """
    day = start + datetime.timedelta(days=days)
    if not branch.due_dates_skip_closed_days:
        return day
    if has_opening_hours is None:
        has_opening_hours = branch.opening_hours.exists()
    if has_opening_hours:
        # A branch never open: the plain count is the only date there is.
        with contextlib.suppress(clock.CalendarError):
            day = clock.open_day_on_or_after(branch, day)
    return day


def due_at_for(
    *, branch: Branch, start: datetime.date, days: int, has_opening_hours: bool | None = None
) -> datetime.datetime:
    """Due at the end of the branch's local day `due_on_for` gives."""
    day = due_on_for(branch=branch, start=start, days=days, has_opening_hours=has_opening_hours)
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=_tz(branch))


def loan_rule_for(fmt: str) -> LoanRule:
    """The format's loan rule, or an unsaved one with the defaults (which
    circulation/rules.py also applies to a format with no rule)."""
    return LoanRule.objects.filter(format=fmt).first() or DEFAULT_RULE


def overdue_fee_amount(
    *, loan: Loan, returned_at: datetime.datetime, rule: LoanRule | None = None
) -> Decimal:
    """Whole days late by the branch's local date, capped. `rule`, the
    item format's loan rule, is read only for a loan returned late."""
    days = (
        clock.local_day(loan.branch, returned_at) - clock.local_day(loan.branch, loan.due_at)
    ).days
    if days <= 0:
        return Decimal("0")
    rule = rule or loan_rule_for(loan.item.format)
    return min(rule.overdue_fee_per_day * days, rule.overdue_fee_cap)


def _require(ok: bool, message: str = NOT_ALLOWED) -> None:
    if not ok:
        raise CirculationError(message)


def _system_of(branch: Branch) -> LibrarySystem:
    return branch.system


# -- checkout ---------------------------------------------------------------


def checkout_blocks(
    *,
    item: Item,
    card: Card,
    today: datetime.date,
    threshold: Decimal,
    proxy: ProxyAuthorization | None = None,
    rule: LoanRule | None = None,
) -> list[B.Block]:
    """Every reason this card may not borrow this item today. `rule`, the
    item format's loan rule, is read here unless the caller has it."""
    facts = checkout.facts(item=item, patron_id=card.patron_id, branch=None)
    rule = rule or loan_rule_for(item.format)
    return B.checkout_blocks(
        facts,
        card=card,
        item=item,
        today=today,
        threshold=threshold,
        proxy=proxy,
        item_limit=rules.item_limit(rule.item_limit),
    )


@refusing
def loan_checkout(
    *,
    item: Item,
    card: Card,
    acting_user: users.StaffUser,
    branch: Branch,
    proxy: ProxyAuthorization | None = None,
    override_reason: str = "",
    access_kind: str = "",
) -> Loan | Refused:
    """Lend `item` on `card`, or raise CheckoutBlocked with every reason.

    Locks the card row (so two desks cannot pass one patron's limit) and
    then the item row. Overridable blocks are lent through only for a user
    who may override and gives a reason, which is recorded on the loan.
    Holds the loan settles: the patron's own hold on the copy or its
    title is fulfilled, and others' holds the copy was set aside for go
    back to their queue (holds.release_for_checkout). `access_kind`: the
    patron's access-log entry of this checkout, written with the loan (a
    terminal logs every checkout it answers); a refused checkout writes
    none, so the caller logs that one itself.

    Few round trips (circulation/checkout.py): the locked rows, the facts
    the rules weigh, and one write of the loan and the item. A refusal
    before the write ends in COMMIT (kernel.transactions).
    """
    _require(policies.can_circulate(acting_user))
    override_reason = (override_reason or "").strip()
    rows = checkout.locked(card_id=card.pk, item_id=item.pk)
    if rows is None:
        raise (
            Card.DoesNotExist if not Card.objects.filter(pk=card.pk).exists() else Item.DoesNotExist
        )
    card, item, rule = rows
    rule = rule or DEFAULT_RULE
    patron = card.patron
    facts = checkout.facts(item=item, patron_id=patron.pk, branch=branch, loan_id=True)
    today = local_today(branch)
    threshold = facts.threshold
    if threshold is None:
        threshold = _system_of(branch).fee_block_threshold
    found = B.checkout_blocks(
        facts,
        card=card,
        item=item,
        today=today,
        threshold=threshold,
        proxy=proxy,
        item_limit=rules.item_limit(rule.item_limit),
    )
    overriding = False
    if found:
        if not all(b.overridable for b in found) or not override_reason:
            return Refused(CheckoutBlocked(found))
        if not policies.can_override_blocks(acting_user):
            return Refused(CirculationError(OVERRIDE_NOT_ALLOWED))
        overriding = True
    loan = Loan(
        id=facts.next_loan_id,
        item=item,
        patron=patron,
        card=card,
        proxy=proxy,
        branch=branch,
        due_at=due_at_for(
            branch=branch,
            start=today,
            days=rule.loan_days,
            has_opening_hours=facts.has_opening_hours,
        ),
        checked_out_by=acting_user,
        override_by=acting_user if overriding else None,
        override_reason=override_reason if overriding else "",
        patron_category=patron.category,
        patron_birth_year=patron.date_of_birth.year if patron.date_of_birth else None,
    )
    access = (acting_user, access_kind) if access_kind else None
    if not checkout.write(loan=loan, item=item, access=access):
        # Another desk lent it between our check and our insert.
        raise CheckoutBlocked([B.Block("item_on_loan", B.ITEM_ON_LOAN, False)])
    if facts.holds_to_settle:
        holds.release_for_checkout(item=item, patron_id=patron.pk)
    return loan


# -- checkin ----------------------------------------------------------------


def _route_item(*, item: Item, branch: Branch, result: CheckinResult | None = None) -> Hold | None:
    """Route the copy (holds.route_copy) and tell the desk where it goes;
    the hold it was put on the hold shelf for, if any. The caller holds
    the item's row lock."""
    routing = holds.route_copy(item=item, branch=branch)
    if result is not None:
        result.messages.append(routing.message)
        result.in_transit_to = routing.in_transit_to
        result.trapped_hold = routing.hold if routing.ready else None
    return routing.hold if routing.ready else None


@transaction.atomic
def loan_checkin(*, item: Item, acting_user: users.StaffUser, branch: Branch) -> CheckinResult:
    """Close the item's open loan, charge any overdue fee, route the item.

    Locks the item row (on PostgreSQL with its title's), then the loan
    (circulation/checkin.py: the common case, a loan to close and no hold
    for the copy, is three statements there). An item with no open loan
    (found, back from transit) is routed all the same: to the next hold or
    to the shelf.
    """
    _require(policies.can_circulate(acting_user))
    found = checkin.read(item_id=item.pk)
    item, loan, now = found.item, found.loan, clock.now()
    result = CheckinResult(item=item, loan=loan)
    if loan is not None:
        checkin.close(found, returned_at=now)
        loan.item = item
        amount = overdue_fee_amount(loan=loan, returned_at=now, rule=found.rule)
        if amount > 0 and loan.patron_id is not None:
            result.fee = Fee.objects.create(
                patron_id=loan.patron_id,
                loan=loan,
                branch=branch,
                kind=Fee.Kind.OVERDUE,
                amount=amount,
                patron_category=loan.patron_category,
            )
            result.messages.append(f"Returned late: an overdue fee of ${amount:.2f} was charged.")
        if found.to_shelf:
            result.messages.append(holds.TO_SHELF)  # closed and shelved by checkin.close
            return result
    elif item.status == Item.Status.ON_HOLD_SHELF:
        result.messages.append("It is already on the hold shelf.")
        return result
    elif item.status == Item.Status.WITHDRAWN:
        result.messages.append("It is withdrawn: set it aside for the collection team.")
        return result
    elif item.status == Item.Status.LOST:
        _lost_item_returned(item=item, acting_user=acting_user, result=result)
    _route_item(item=item, branch=branch, result=result)
    return result


# -- lost items -------------------------------------------------------------


@transaction.atomic
def loan_declare_lost(*, loan: Loan, acting_user: users.StaffUser, branch: Branch) -> Fee | None:
    """The patron says the item is lost: the loan ends, the item is marked
    lost, and the patron is charged its replacement cost (the lost-item fee
    stands instead of overdue fines). Returns the fee (none for a free item
    or an anonymized loan).

    Locks the item, then the loan, as check-in does. If the item turns up,
    check-in cancels the fee while it is still open.
    """
    if not policies.can_declare_lost(acting_user):
        raise CirculationError(LOST_NOT_ALLOWED)
    item = Item.objects.select_for_update().get(pk=loan.item_id)
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.returned_at is not None:
        raise CirculationError(LOST_NOT_OPEN)
    loan.returned_at = clock.now()
    loan.save(update_fields=["returned_at"])
    item.status = Item.Status.LOST
    item.save(update_fields=["status"])
    if loan.patron_id is None or item.replacement_cost <= 0:
        return None
    return Fee.objects.create(
        patron_id=loan.patron_id,
        loan=loan,
        branch=branch,
        kind=Fee.Kind.LOST,
        amount=item.replacement_cost,
        patron_category=loan.patron_category,
    )


def _lost_item_returned(*, item: Item, acting_user: users.StaffUser, result: CheckinResult) -> None:
    """A lost item is back: cancel its open lost-item fee, or tell staff to
    refund a paid one. The caller holds the item's row lock."""
    fee = (
        Fee.objects.select_for_update()
        .filter(loan__item=item, kind=Fee.Kind.LOST)
        .exclude(status=Fee.Status.WAIVED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if fee is None:
        return
    amount = f"{fee.amount:.2f}"
    if fee.status == Fee.Status.PAID:
        result.messages.append(LOST_RETURNED_PAID.format(amount=amount))
        return
    _close_waived(fee, acting_user=acting_user, reason=LOST_RETURNED_REASON)
    result.messages.append(LOST_RETURNED_WAIVED.format(amount=amount))


# -- renewal ----------------------------------------------------------------


@refusing
def loan_renew(*, loan: Loan, acting_user: users.StaffUser) -> Loan | Refused:
    """A new due date counted from today, within the format's renewals,
    and only while nobody else is waiting for the item.

    Locks the loan row. Whether it may be renewed is
    rules.renewal_refusal, the same function the desk summary shows.
    """
    _require(policies.can_circulate(acting_user))
    loan = Loan.objects.select_for_update().select_related("item", "branch").get(pk=loan.pk)
    rule = loan_rule_for(loan.item.format)
    today = local_today(loan.branch)
    refusal = rules.renewal_refusal(
        returned=loan.returned_at is not None,
        renewals=loan.renewals,
        allowed_renewals=rules.max_renewals(rule.max_renewals),
        others_waiting=renewal_others_waiting(loan=loan),
        due_on=clock.local_day(loan.branch, loan.due_at),
        renewed_due_on=due_on_for(branch=loan.branch, start=today, days=rule.loan_days),
    )
    if refusal is not None:
        return Refused(CirculationError(refusal.message))
    loan.due_at = due_at_for(branch=loan.branch, start=today, days=rule.loan_days)
    loan.renewals += 1
    loan.save(update_fields=["due_at", "renewals"])
    return loan


def renewal_others_waiting(*, loan: Loan) -> bool:
    """Whether an open hold other than the borrower's own is on the item,
    or a title-level hold waits for its title (an anonymized hold counts:
    someone is waiting)."""
    waiting = Hold.objects.filter(
        Q(item_id=loan.item_id, status__in=Hold.OPEN_STATUSES) | holds.fillable_by(loan.item)
    )
    if loan.patron_id is not None:
        waiting = waiting.exclude(patron_id=loan.patron_id)
    return waiting.exists()


# -- holds ------------------------------------------------------------------


@transaction.atomic
def hold_place(
    *, item: Item, patron: Patron, pickup_branch: Branch, acting_user: users.StaffUser
) -> Hold:
    """Queue the patron for the item (one open hold per patron and item)."""
    _require(policies.can_circulate(acting_user))
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status == Item.Status.WITHDRAWN:
        raise CirculationError(HOLD_ITEM_WITHDRAWN)
    if Loan.objects.filter(item=item, patron=patron, returned_at__isnull=True).exists():
        raise CirculationError(HOLD_ALREADY_HAS_ITEM)
    if Hold.objects.filter(
        title_record_id=item.title_record_id, patron=patron, status__in=Hold.OPEN_STATUSES
    ).exists():
        raise CirculationError(HOLD_ALREADY_OPEN)
    try:
        with transaction.atomic():
            return Hold.objects.create(
                item=item,
                title_record_id=item.title_record_id,
                level=Hold.Level.COPY,
                patron=patron,
                pickup_branch=pickup_branch,
                placed_by=acting_user,
                patron_category=patron.category,
            )
    except IntegrityError:
        raise CirculationError(HOLD_ALREADY_OPEN) from None


@transaction.atomic
def hold_place_title(
    *, title: Title, patron: Patron, pickup_branch: Branch, acting_user: users.StaffUser
) -> Hold:
    """Queue the patron for any copy of the title: the first copy checked
    in anywhere after the holds before this one fills it."""
    _require(policies.can_circulate(acting_user))
    title = Title.objects.select_for_update().get(pk=title.pk)
    if not Item.objects.filter(title_record=title).exclude(status__in=UNLENDABLE).exists():
        raise CirculationError(HOLD_TITLE_NO_COPY)
    on_loan = Loan.objects.filter(item__title_record=title, returned_at__isnull=True)
    if on_loan.filter(patron=patron).exists():
        raise CirculationError(HOLD_TITLE_ON_LOAN)
    held = Hold.objects.filter(title_record=title, status__in=Hold.OPEN_STATUSES)
    if held.filter(patron=patron).exists():
        raise CirculationError(HOLD_TITLE_ALREADY_OPEN)
    try:
        with transaction.atomic():
            return Hold.objects.create(
                title_record=title,
                level=Hold.Level.TITLE,
                patron=patron,
                pickup_branch=pickup_branch,
                placed_by=acting_user,
                patron_category=patron.category,
            )
    except IntegrityError:
        raise CirculationError(HOLD_TITLE_ALREADY_OPEN) from None


@transaction.atomic
def hold_cancel(*, hold: Hold, acting_user: users.StaffUser) -> Hold:
    """Cancel an open hold; a copy on the hold shelf for it goes to the next
    patron; a copy in transit for it travels on and is routed where it is
    checked in."""
    _require(policies.can_circulate(acting_user))
    while True:
        # Item, title, hold: the lock order of check-in. A title-level hold
        # may be given a copy meanwhile: then lock that copy and look again.
        item_id = Hold.objects.filter(pk=hold.pk).values_list("item_id", flat=True).get()
        item = Item.objects.select_for_update().get(pk=item_id) if item_id else None
        Title.objects.select_for_update().filter(pk=hold.title_record_id).values_list("pk").get()
        hold = Hold.objects.select_for_update().get(pk=hold.pk)
        if hold.item_id == item_id:
            break
    if hold.status not in Hold.OPEN_STATUSES:
        raise CirculationError(HOLD_NOT_OPEN)
    was_ready = hold.status == Hold.Status.READY
    hold.status = Hold.Status.CANCELLED
    hold.closed_at = clock.now()
    hold.save(update_fields=["status", "closed_at"])
    if was_ready and item is not None:
        _route_item(item=item, branch=hold.pickup_branch)
    return hold


def holds_expire(*, today: datetime.date | None = None) -> int:
    """Close ready holds whose pickup date has passed; route their items.

    Safe to run twice: only holds still `ready` are touched. Each hold is
    handled in its own transaction so one failure does not undo the rest.
    """
    count = 0
    # Candidates by the system's date with a day to spare; each hold is then
    # judged by its pickup branch's own day.
    latest = (today or clock.server_day()) + datetime.timedelta(days=1)
    due = Hold.objects.filter(status=Hold.Status.READY, pickup_by__lt=latest)
    for hold_id in due.values_list("pk", flat=True):
        if _hold_expire_one(hold_id=hold_id, today=today):
            count += 1
    return count


@transaction.atomic
def _hold_expire_one(*, hold_id: int, today: datetime.date | None) -> bool:
    hold = Hold.objects.select_related("pickup_branch").filter(pk=hold_id).first()
    if hold is None or hold.item_id is None:
        return False
    item = Item.objects.select_for_update().get(pk=hold.item_id)
    hold = Hold.objects.select_for_update().get(pk=hold_id)
    day = today or local_today(hold.pickup_branch)
    if hold.status != Hold.Status.READY or hold.pickup_by is None or hold.pickup_by >= day:
        return False
    hold.status = Hold.Status.EXPIRED
    hold.closed_at = clock.now()
    hold.save(update_fields=["status", "closed_at"])
    _route_item(item=item, branch=hold.pickup_branch)
    return True


# -- fees -------------------------------------------------------------------


@transaction.atomic
def fee_pay(*, fee: Fee, acting_user: users.StaffUser) -> Fee:
    _require(policies.can_circulate(acting_user))
    fee = Fee.objects.select_for_update().get(pk=fee.pk)
    if fee.status != Fee.Status.OPEN:
        raise CirculationError(FEE_NOT_OPEN)
    fee.status = Fee.Status.PAID
    fee.closed_at = clock.now()
    fee.closed_by = acting_user
    fee.save(update_fields=["status", "closed_at", "closed_by"])
    return fee


@transaction.atomic
def fee_waive(*, fee: Fee, acting_user: users.StaffUser, reason: str) -> Fee:
    if not policies.can_waive_fees(acting_user):
        raise CirculationError(WAIVE_NOT_ALLOWED)
    reason = (reason or "").strip()
    if not reason:
        raise CirculationError(WAIVE_REASON_REQUIRED)
    fee = Fee.objects.select_for_update().get(pk=fee.pk)
    if fee.status != Fee.Status.OPEN:
        raise CirculationError(FEE_NOT_OPEN)
    _close_waived(fee, acting_user=acting_user, reason=reason)
    return fee


def _close_waived(fee: Fee, *, acting_user: users.StaffUser, reason: str) -> None:
    """Close a locked open fee as waived, saying who and why."""
    fee.status = Fee.Status.WAIVED
    fee.closed_at = clock.now()
    fee.closed_by = acting_user
    fee.waive_reason = reason[:300]
    fee.save(update_fields=["status", "closed_at", "closed_by", "waive_reason"])
