"""Circulation services: checkout blocks, checkin, renewals, holds, fees."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from circulation import blocks as B
from circulation import services
from circulation.models import Fee, Hold, Item, Loan, LoanRule
from patrons.models import Card
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(branch):
    return factories.ItemFactory(home_branch=branch)


def checkout(item, card, user, branch, **kw):
    return services.loan_checkout(item=item, card=card, acting_user=user, branch=branch, **kw)


def codes(exc):
    return [b.code for b in exc.value.blocks]


# -- checkout --------------------------------------------------------------


def test_checkout_lends_the_item_for_the_formats_loan_period(item, card, desk_staff, branch):
    loan = checkout(item, card, desk_staff, branch)
    item.refresh_from_db()
    assert item.status == Item.Status.ON_LOAN
    assert loan.patron == card.patron and loan.checked_out_by == desk_staff
    today = services.local_today(branch)
    local_due = timezone.localtime(loan.due_at, services._tz(branch)).date()
    assert local_due == today + datetime.timedelta(days=21)
    assert loan.patron_category == card.patron.category
    assert loan.patron_birth_year == card.patron.date_of_birth.year


@pytest.mark.parametrize(
    ("status", "code", "overridable"),
    [
        (Card.Status.LOST, "card_lost", False),
        (Card.Status.STOLEN, "card_stolen", False),
        (Card.Status.REPLACED, "card_replaced", False),
        (Card.Status.EXPIRED, "card_expired", True),
    ],
)
def test_a_card_that_is_not_active_blocks_checkout(
    item, card, desk_staff, branch, status, code, overridable
):
    Card.objects.filter(pk=card.pk).update(status=status)
    card.refresh_from_db()
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, desk_staff, branch)
    assert codes(exc) == [code]
    assert exc.value.overridable is overridable
    assert not Loan.objects.exists()


def test_a_card_past_its_expiry_date_blocks_checkout(item, card, desk_staff, branch):
    Card.objects.filter(pk=card.pk).update(expires_on=timezone.localdate() - datetime.timedelta(1))
    card.refresh_from_db()
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, desk_staff, branch)
    assert exc.value.blocks[0].message.startswith("This card expired on")


def test_open_fees_over_the_threshold_block_and_at_the_threshold_do_not(
    item, card, desk_staff, branch
):
    factories.FeeFactory(patron=card.patron, amount=Decimal("10.00"))
    checkout(item, card, desk_staff, branch)  # exactly at the threshold
    factories.FeeFactory(patron=card.patron, amount=Decimal("0.01"))
    other = factories.ItemFactory(home_branch=branch)
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(other, card, desk_staff, branch)
    assert codes(exc) == ["fees"]
    assert "$10.01" in exc.value.message


def test_paid_fees_do_not_block(item, card, desk_staff, branch):
    factories.FeeFactory(
        patron=card.patron, amount=Decimal("50"), status=Fee.Status.PAID, closed_at=timezone.now()
    )
    checkout(item, card, desk_staff, branch)


def test_the_item_limit_per_format_blocks_the_next_one(card, desk_staff, branch):
    LoanRule.objects.filter(format="dvd").update(item_limit=2)
    dvds = [factories.ItemFactory(home_branch=branch, format="dvd") for _ in range(3)]
    checkout(dvds[0], card, desk_staff, branch)
    checkout(dvds[1], card, desk_staff, branch)
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(dvds[2], card, desk_staff, branch)
    assert codes(exc) == ["limit_dvd"]
    assert "limit of 2 dvd items" in exc.value.message
    # Another format is unaffected.
    checkout(factories.ItemFactory(home_branch=branch, format="book"), card, desk_staff, branch)


def test_an_item_on_loan_is_never_lent_again_even_by_a_supervisor(card, supervisor, branch):
    loan = factories.LoanFactory(item__home_branch=branch)
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(loan.item, card, supervisor, branch, override_reason="I insist")
    assert codes(exc) == ["item_on_loan"]
    assert exc.value.message == B.ITEM_ON_LOAN
    assert Loan.objects.filter(item=loan.item).count() == 1


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Item.Status.LOST, "item_unavailable"),
        (Item.Status.MISSING, "item_unavailable"),
        (Item.Status.IN_TRANSIT, "item_unavailable"),
        (Item.Status.WITHDRAWN, "item_withdrawn"),
    ],
)
def test_an_unavailable_item_blocks_checkout(card, desk_staff, branch, status, code):
    item = factories.ItemFactory(home_branch=branch, status=status)
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, desk_staff, branch)
    assert codes(exc) == [code]


def test_an_item_trapped_for_someone_else_is_blocked(item, card, desk_staff, branch):
    factories.HoldFactory(item=item, status=Hold.Status.READY, pickup_by=timezone.localdate())
    Item.objects.filter(pk=item.pk).update(status=Item.Status.ON_HOLD_SHELF)
    item.refresh_from_db()
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, desk_staff, branch)
    assert codes(exc) == ["item_held"]
    assert exc.value.overridable


def test_lending_through_another_patrons_trapped_hold_requeues_that_hold(
    item, card, supervisor, branch
):
    held = factories.HoldFactory(
        item=item, pickup_branch=branch, status=Hold.Status.READY, pickup_by=timezone.localdate()
    )
    Item.objects.filter(pk=item.pk).update(status=Item.Status.ON_HOLD_SHELF)
    item.refresh_from_db()
    checkout(item, card, supervisor, branch, override_reason="Parent agreed")
    held.refresh_from_db()
    assert held.status == Hold.Status.WAITING and held.pickup_by is None
    result = services.loan_checkin(item=item, acting_user=supervisor, branch=branch)
    assert result.trapped_hold == held


def test_checking_out_an_item_trapped_for_this_patron_fulfils_the_hold(
    item, card, desk_staff, branch
):
    hold = factories.HoldFactory(
        item=item, patron=card.patron, status=Hold.Status.READY, pickup_by=timezone.localdate()
    )
    Item.objects.filter(pk=item.pk).update(status=Item.Status.ON_HOLD_SHELF)
    item.refresh_from_db()
    checkout(item, card, desk_staff, branch)
    hold.refresh_from_db()
    assert hold.status == Hold.Status.FULFILLED and hold.closed_at is not None


def test_an_available_item_others_wait_for_is_blocked_for_a_patron_not_queued(
    item, card, desk_staff, branch
):
    factories.HoldFactory(item=item)
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, desk_staff, branch)
    assert codes(exc) == ["item_others_waiting"]


def test_a_supervisor_overrides_overridable_blocks_with_a_reason(item, card, supervisor, branch):
    factories.FeeFactory(patron=card.patron, amount=Decimal("30"))
    with pytest.raises(services.CheckoutBlocked):
        checkout(item, card, supervisor, branch)  # no reason: still blocked
    loan = checkout(item, card, supervisor, branch, override_reason="  Pays on Friday ")
    assert loan.override_reason == "Pays on Friday" and loan.override_by == supervisor


def test_desk_staff_cannot_override(item, card, desk_staff, branch):
    factories.FeeFactory(patron=card.patron, amount=Decimal("30"))
    with pytest.raises(services.CirculationError) as exc:
        checkout(item, card, desk_staff, branch, override_reason="please")
    assert exc.value.message == services.OVERRIDE_NOT_ALLOWED
    assert not Loan.objects.exists()


def test_a_mix_of_overridable_and_hard_blocks_cannot_be_overridden(item, card, supervisor, branch):
    factories.FeeFactory(patron=card.patron, amount=Decimal("30"))
    Card.objects.filter(pk=card.pk).update(status=Card.Status.STOLEN)
    card.refresh_from_db()
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, supervisor, branch, override_reason="please")
    assert set(codes(exc)) == {"card_stolen", "fees"}


def test_an_administrator_cannot_circulate(item, card, administrator, branch):
    with pytest.raises(services.CirculationError) as exc:
        checkout(item, card, administrator, branch)
    assert exc.value.message == services.NOT_ALLOWED


def test_a_proxy_who_may_borrow_checks_out_on_the_card(item, card, desk_staff, branch):
    proxy = factories.ProxyAuthorizationFactory(cardholder=card.patron)
    loan = checkout(item, card, desk_staff, branch, proxy=proxy)
    assert loan.proxy == proxy and loan.patron == card.patron


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"may_borrow": False}, "proxy_no_borrow"),
        ({"revoked_at": timezone.now()}, "proxy_inactive"),
        (
            {"expires_on": datetime.date.today() - datetime.timedelta(days=2)},
            "proxy_inactive",
        ),
    ],
)
def test_an_inactive_or_pickup_only_proxy_cannot_borrow(
    item, card, supervisor, branch, change, code
):
    proxy = factories.ProxyAuthorizationFactory(cardholder=card.patron, **change)
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, supervisor, branch, proxy=proxy, override_reason="x")
    assert codes(exc) == [code]


def test_a_proxy_of_another_cardholder_is_refused(item, card, desk_staff, branch):
    proxy = factories.ProxyAuthorizationFactory()
    with pytest.raises(services.CheckoutBlocked) as exc:
        checkout(item, card, desk_staff, branch, proxy=proxy)
    assert codes(exc) == ["proxy_wrong"]


# -- checkin ---------------------------------------------------------------


def _loan_due(branch, card, days_ago, fmt="book"):
    out = timezone.now() - datetime.timedelta(days=days_ago + 21)
    item = factories.ItemFactory(home_branch=branch, format=fmt, status=Item.Status.ON_LOAN)
    due = services.due_at_for(
        branch=branch,
        start=services.local_today(branch) - datetime.timedelta(days=days_ago),
        days=0,
    )
    return factories.LoanFactory(
        item=item, patron=card.patron, branch=branch, checked_out_at=out, due_at=due
    )


def test_checkin_on_time_charges_nothing_and_shelves_the_item(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=0)
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    assert result.loan.returned_at is not None and result.fee is None
    assert Item.objects.get(pk=loan.item_id).status == Item.Status.AVAILABLE
    assert result.messages == ["Return it to the shelf."]


def test_checkin_charges_whole_days_late_at_the_formats_rate(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=3)
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    assert result.fee.amount == Decimal("0.75")
    assert result.fee.patron_id == card.patron_id and result.fee.loan_id == loan.pk
    assert result.fee.status == Fee.Status.OPEN


def test_the_overdue_fee_is_capped(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=400, fmt="dvd")
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    assert result.fee.amount == Decimal("10.00")


def test_checkin_traps_the_first_waiting_hold_for_pickup_here(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=0)
    first = factories.HoldFactory(item=loan.item, pickup_branch=branch)
    second = factories.HoldFactory(item=loan.item, pickup_branch=branch)
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    first.refresh_from_db()
    assert result.trapped_hold == first
    assert first.status == Hold.Status.READY and first.ready_at is not None
    assert first.pickup_by == services.local_today(branch) + datetime.timedelta(days=7)
    assert Hold.objects.get(pk=second.pk).status == Hold.Status.WAITING
    assert Item.objects.get(pk=loan.item_id).status == Item.Status.ON_HOLD_SHELF
    assert f"hold shelf for pickup at {branch.name}" in result.messages[0]


def test_checkin_sends_an_item_held_at_another_branch_in_transit(
    card, desk_staff, branch, other_branch
):
    loan = _loan_due(branch, card, days_ago=0)
    hold = factories.HoldFactory(item=loan.item, pickup_branch=other_branch)
    result = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    assert result.in_transit_to == other_branch
    assert Item.objects.get(pk=loan.item_id).status == Item.Status.IN_TRANSIT
    assert Hold.objects.get(pk=hold.pk).status == Hold.Status.WAITING
    # Checked in at the pickup branch, it is trapped there.
    arrived = services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=other_branch)
    assert arrived.trapped_hold == hold


def test_checkin_of_an_item_not_on_loan_is_harmless(desk_staff, branch):
    item = factories.ItemFactory(home_branch=branch)
    result = services.loan_checkin(item=item, acting_user=desk_staff, branch=branch)
    assert result.loan is None and result.fee is None
    assert Item.objects.get(pk=item.pk).status == Item.Status.AVAILABLE


# -- renewals ---------------------------------------------------------------


def test_renewal_counts_the_new_loan_period_from_today(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=2)
    renewed = services.loan_renew(loan=loan, acting_user=desk_staff)
    local_due = timezone.localtime(renewed.due_at, services._tz(branch)).date()
    assert local_due == services.local_today(branch) + datetime.timedelta(days=21)
    assert renewed.renewals == 1


def test_renewals_stop_at_the_formats_maximum(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=0, fmt="dvd")  # 1 renewal for DVDs
    services.loan_renew(loan=loan, acting_user=desk_staff)
    with pytest.raises(services.CirculationError) as exc:
        services.loan_renew(loan=loan, acting_user=desk_staff)
    assert exc.value.message == services.RENEW_LIMIT.format(count=1)


def test_renewal_is_refused_while_another_patron_waits(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=0)
    factories.HoldFactory(item=loan.item)
    with pytest.raises(services.CirculationError) as exc:
        services.loan_renew(loan=loan, acting_user=desk_staff)
    assert exc.value.message == services.RENEW_HOLDS_WAITING


def test_renewing_a_loan_made_today_is_refused_and_uses_no_renewal(card, desk_staff, branch):
    item = factories.ItemFactory(home_branch=branch, format="book")
    loan = services.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
    due = loan.due_at
    with pytest.raises(services.CirculationError) as exc:
        services.loan_renew(loan=loan, acting_user=desk_staff)
    assert "would not move the due date" in exc.value.message
    loan.refresh_from_db()
    assert loan.renewals == 0 and loan.due_at == due


def test_a_returned_loan_cannot_be_renewed(card, desk_staff, branch):
    loan = _loan_due(branch, card, days_ago=0)
    services.loan_checkin(item=loan.item, acting_user=desk_staff, branch=branch)
    with pytest.raises(services.CirculationError) as exc:
        services.loan_renew(loan=loan, acting_user=desk_staff)
    assert exc.value.message == services.RENEW_NOT_OPEN


# -- holds -------------------------------------------------------------------


def test_a_patron_cannot_hold_an_item_twice_or_one_they_have(item, card, desk_staff, branch):
    services.hold_place(item=item, patron=card.patron, pickup_branch=branch, acting_user=desk_staff)
    with pytest.raises(services.CirculationError) as exc:
        services.hold_place(
            item=item, patron=card.patron, pickup_branch=branch, acting_user=desk_staff
        )
    assert exc.value.message == services.HOLD_ALREADY_OPEN
    loan = factories.LoanFactory(patron=card.patron, item__home_branch=branch)
    with pytest.raises(services.CirculationError) as exc:
        services.hold_place(
            item=loan.item, patron=card.patron, pickup_branch=branch, acting_user=desk_staff
        )
    assert exc.value.message == services.HOLD_ALREADY_HAS_ITEM


def test_no_holds_on_withdrawn_items(card, desk_staff, branch):
    item = factories.ItemFactory(status=Item.Status.WITHDRAWN)
    with pytest.raises(services.CirculationError) as exc:
        services.hold_place(
            item=item, patron=card.patron, pickup_branch=branch, acting_user=desk_staff
        )
    assert exc.value.message == services.HOLD_ITEM_WITHDRAWN


def test_cancelling_a_ready_hold_passes_the_item_to_the_next_patron(item, desk_staff, branch):
    ready = factories.HoldFactory(
        item=item, pickup_branch=branch, status=Hold.Status.READY, pickup_by=timezone.localdate()
    )
    nxt = factories.HoldFactory(item=item, pickup_branch=branch)
    Item.objects.filter(pk=item.pk).update(status=Item.Status.ON_HOLD_SHELF)
    services.hold_cancel(hold=ready, acting_user=desk_staff)
    assert Hold.objects.get(pk=ready.pk).status == Hold.Status.CANCELLED
    assert Hold.objects.get(pk=nxt.pk).status == Hold.Status.READY
    with pytest.raises(services.CirculationError) as exc:
        services.hold_cancel(hold=ready, acting_user=desk_staff)
    assert exc.value.message == services.HOLD_NOT_OPEN


def test_expired_ready_holds_close_and_the_item_moves_on(item, desk_staff, branch):
    today = timezone.localdate()
    late = factories.HoldFactory(
        item=item,
        pickup_branch=branch,
        status=Hold.Status.READY,
        pickup_by=today - datetime.timedelta(days=1),
    )
    lone = factories.ItemFactory(home_branch=branch, status=Item.Status.ON_HOLD_SHELF)
    lone_hold = factories.HoldFactory(
        item=lone,
        pickup_branch=branch,
        status=Hold.Status.READY,
        pickup_by=today - datetime.timedelta(days=1),
    )
    on_time = factories.HoldFactory(pickup_branch=branch, status=Hold.Status.READY, pickup_by=today)
    nxt = factories.HoldFactory(item=item, pickup_branch=branch)
    Item.objects.filter(pk=item.pk).update(status=Item.Status.ON_HOLD_SHELF)
    assert services.holds_expire(today=today) == 2
    assert Hold.objects.get(pk=late.pk).status == Hold.Status.EXPIRED
    assert Hold.objects.get(pk=nxt.pk).status == Hold.Status.READY
    assert Hold.objects.get(pk=lone_hold.pk).status == Hold.Status.EXPIRED
    assert Item.objects.get(pk=lone.pk).status == Item.Status.AVAILABLE
    assert Hold.objects.get(pk=on_time.pk).status == Hold.Status.READY
    # Safe to run twice.
    assert services.holds_expire(today=today) == 0


def test_the_hold_expiry_task_runs_the_service(item, branch):
    from circulation.tasks import holds_expire_task

    factories.HoldFactory(
        item=item,
        pickup_branch=branch,
        status=Hold.Status.READY,
        pickup_by=timezone.localdate() - datetime.timedelta(days=3),
    )
    assert holds_expire_task.apply().get() == 1


def test_the_hold_expiry_job_is_scheduled_daily():
    from circulation.schedule import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["circulation-holds-expire"]
    assert entry["task"] == "circulation.holds_expire"


# -- fees --------------------------------------------------------------------


def test_paying_a_fee_closes_it_once(desk_staff, patron):
    fee = factories.FeeFactory(patron=patron)
    services.fee_pay(fee=fee, acting_user=desk_staff)
    fee.refresh_from_db()
    assert fee.status == Fee.Status.PAID and fee.closed_by == desk_staff
    with pytest.raises(services.CirculationError) as exc:
        services.fee_pay(fee=fee, acting_user=desk_staff)
    assert exc.value.message == services.FEE_NOT_OPEN


def test_waiving_needs_a_supervisor_and_a_reason(desk_staff, supervisor, patron):
    fee = factories.FeeFactory(patron=patron)
    with pytest.raises(services.CirculationError) as exc:
        services.fee_waive(fee=fee, acting_user=desk_staff, reason="kind")
    assert exc.value.message == services.WAIVE_NOT_ALLOWED
    with pytest.raises(services.CirculationError) as exc:
        services.fee_waive(fee=fee, acting_user=supervisor, reason="   ")
    assert exc.value.message == services.WAIVE_REASON_REQUIRED
    services.fee_waive(fee=fee, acting_user=supervisor, reason="Returned in book drop")
    fee.refresh_from_db()
    assert fee.status == Fee.Status.WAIVED and fee.waive_reason == "Returned in book drop"


def test_loans_holds_and_fees_are_audited(item, card, desk_staff, branch):
    from auditlog.models import LogEntry

    hold = factories.HoldFactory(item=item, patron=card.patron, pickup_branch=branch)
    loan = checkout(item, card, desk_staff, branch)
    assert LogEntry.objects.get_for_object(loan).filter(action=LogEntry.Action.CREATE).exists()
    assert LogEntry.objects.get_for_object(hold).filter(action=LogEntry.Action.UPDATE).exists()
