"""Title-level holds: a patron waits for any copy of a title; the first
copy checked in anywhere fills the first hold in the queue, and the desk
that checks it in is told where it goes."""

from __future__ import annotations

import datetime

import pytest

from circulation import holds, rules, services
from circulation.models import Hold, Item
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(branch, other_branch):
    """Three copies: two at the main branch, one at the other."""
    return factories.title_with_copies(
        branch, branch, other_branch, title="The Left Hand of Darkness", author="Ursula K. Le Guin"
    )


def copies(title):
    return list(title.copies.order_by("pk"))


def patron_at(branch):
    return factories.PatronFactory(home_branch=branch)


def place(title, patron, pickup, user, placed_at=None):
    hold = services.hold_place_title(
        title=title, patron=patron, pickup_branch=pickup, acting_user=user
    )
    if placed_at is not None:
        Hold.objects.filter(pk=hold.pk).update(placed_at=placed_at)
        hold.refresh_from_db()
    return hold


def lend(item, branch, user):
    patron = patron_at(branch)
    card = factories.CardFactory(patron=patron)
    return services.loan_checkout(
        item=item, card=card, acting_user=user, branch=branch, override_reason="test lending"
    )


def checkin(item, branch, user):
    return services.loan_checkin(item=item, acting_user=user, branch=branch)


def test_a_title_hold_waits_for_no_copy_in_particular(title, branch, desk_staff):
    hold = place(title, patron_at(branch), branch, desk_staff)
    assert (hold.level, hold.item_id, hold.status) == ("title", None, Hold.Status.WAITING)
    assert hold.title_record == title


def test_the_queue_keeps_its_order_whichever_copy_comes_back(title, branch, desk_staff, supervisor):
    first_copy, second_copy, _ = copies(title)
    for item in (first_copy, second_copy):
        lend(item, branch, supervisor)
    base = datetime.datetime(2026, 3, 2, 15, tzinfo=datetime.UTC)
    queue = [
        place(title, patron_at(branch), branch, desk_staff, base + datetime.timedelta(minutes=m))
        for m in (5, 1, 3)
    ]
    # Copy two comes back first: it fills the hold placed first (minute 1).
    result = checkin(second_copy, branch, desk_staff)
    assert result.trapped_hold.pk == queue[1].pk
    assert "hold shelf for pickup at Main Branch" in result.messages[-1]
    # Then copy one: the next in order (minute 3), not the last placed.
    result = checkin(first_copy, branch, desk_staff)
    assert result.trapped_hold.pk == queue[2].pk
    statuses = {h.pk: (h.status, h.item_id) for h in Hold.objects.all()}
    assert statuses == {
        queue[0].pk: (Hold.Status.WAITING, None),
        queue[1].pk: (Hold.Status.READY, second_copy.pk),
        queue[2].pk: (Hold.Status.READY, first_copy.pk),
    }


def test_a_copy_checked_in_at_another_branch_goes_in_transit_and_arrives(
    title, branch, other_branch, desk_staff, supervisor
):
    item = copies(title)[2]  # at the other branch
    lend(item, other_branch, supervisor)
    hold = place(title, patron_at(branch), branch, desk_staff)
    result = checkin(item, other_branch, desk_staff)
    assert result.in_transit_to == branch and result.trapped_hold is None
    assert result.messages[-1] == "Send it to Main Branch: a patron there is waiting for it."
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (Hold.Status.IN_TRANSIT, item.pk)
    assert Item.objects.get(pk=item.pk).status == Item.Status.IN_TRANSIT
    # Set aside: the next copy checked in does not go to this hold too.
    other = copies(title)[0]
    lend(other, branch, supervisor)
    assert checkin(other, branch, desk_staff).messages[-1] == "Return it to the shelf."
    # It arrives at the pickup branch: onto the hold shelf there.
    arrived = checkin(item, branch, desk_staff)
    assert arrived.trapped_hold.pk == hold.pk
    hold.refresh_from_db()
    assert hold.status == Hold.Status.READY and hold.pickup_by is not None
    assert Item.objects.get(pk=item.pk).status == Item.Status.ON_HOLD_SHELF


def test_two_branches_each_fill_their_own_queue_in_order(
    title, branch, other_branch, desk_staff, supervisor
):
    """The first hold in the queue is filled first wherever its pickup
    branch is; the desk is told where each copy goes."""
    here, _, there = copies(title)
    lend(here, branch, supervisor)
    lend(there, other_branch, supervisor)
    base = datetime.datetime(2026, 3, 2, 15, tzinfo=datetime.UTC)
    wants_other = place(title, patron_at(other_branch), other_branch, desk_staff, base)
    wants_main = place(
        title, patron_at(branch), branch, desk_staff, base + datetime.timedelta(hours=1)
    )
    # A copy back at the main branch: the first hold is for the other branch.
    first = checkin(here, branch, desk_staff)
    assert first.in_transit_to == other_branch
    # A copy back at the other branch: the next hold is for the main branch.
    second = checkin(there, other_branch, desk_staff)
    assert second.in_transit_to == branch
    assert Hold.objects.get(pk=wants_other.pk).item_id == here.pk
    assert Hold.objects.get(pk=wants_main.pk).item_id == there.pk


def test_a_copy_checked_in_at_the_wrong_branch_is_sent_on(
    title, branch, other_branch, make_staff, desk_staff, supervisor
):
    third = factories.BranchFactory(code="third", name="Third Branch", jurisdiction_code="US-NJ")
    item = copies(title)[0]
    lend(item, branch, supervisor)
    hold = place(title, patron_at(other_branch), other_branch, desk_staff)
    assert checkin(item, branch, desk_staff).in_transit_to == other_branch
    # The van drops it at the third branch by mistake.
    wrong = checkin(item, third, desk_staff)
    assert wrong.in_transit_to == other_branch and wrong.trapped_hold is None
    assert wrong.messages[-1] == "Send it to Other Branch: a patron there is waiting for it."
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (Hold.Status.IN_TRANSIT, item.pk)
    assert checkin(item, other_branch, desk_staff).trapped_hold.pk == hold.pk


def test_a_hold_cancelled_while_its_copy_is_in_transit_lets_the_copy_go_on(
    title, branch, other_branch, desk_staff, supervisor
):
    item = copies(title)[0]
    lend(item, branch, supervisor)
    base = datetime.datetime(2026, 3, 2, 15, tzinfo=datetime.UTC)
    cancelled = place(title, patron_at(other_branch), other_branch, desk_staff, base)
    checkin(item, branch, desk_staff)
    services.hold_cancel(hold=cancelled, acting_user=desk_staff)
    cancelled.refresh_from_db()
    assert cancelled.status == Hold.Status.CANCELLED
    # A later hold, for pickup where the copy is going.
    later = place(
        title, patron_at(other_branch), other_branch, desk_staff, base + datetime.timedelta(hours=1)
    )
    arrived = checkin(item, other_branch, desk_staff)
    assert arrived.trapped_hold.pk == later.pk
    # With nobody else waiting it would have gone back to the shelf.
    services.hold_cancel(hold=later, acting_user=desk_staff)
    assert Item.objects.get(pk=item.pk).status == Item.Status.AVAILABLE


def test_a_cancelled_in_transit_copy_with_nobody_waiting_goes_to_the_shelf(
    title, branch, other_branch, desk_staff, supervisor
):
    item = copies(title)[0]
    lend(item, branch, supervisor)
    hold = place(title, patron_at(other_branch), other_branch, desk_staff)
    checkin(item, branch, desk_staff)
    services.hold_cancel(hold=hold, acting_user=desk_staff)
    assert checkin(item, other_branch, desk_staff).messages[-1] == "Return it to the shelf."
    assert Item.objects.get(pk=item.pk).status == Item.Status.AVAILABLE


def test_copy_level_holds_and_title_level_holds_share_the_copy_in_queue_order(
    title, branch, desk_staff, supervisor
):
    item = copies(title)[0]
    lend(item, branch, supervisor)
    base = datetime.datetime(2026, 3, 2, 15, tzinfo=datetime.UTC)
    title_hold = place(title, patron_at(branch), branch, desk_staff, base)
    copy_hold = factories.HoldFactory(
        item=item, pickup_branch=branch, placed_at=base - datetime.timedelta(days=1)
    )
    assert checkin(item, branch, desk_staff).trapped_hold.pk == copy_hold.pk
    # Another copy of the title cannot fill the copy-level hold.
    other = copies(title)[1]
    lend(other, branch, supervisor)
    assert checkin(other, branch, desk_staff).trapped_hold.pk == title_hold.pk


def test_checking_out_any_copy_fulfils_the_patrons_own_title_hold(title, branch, desk_staff, card):
    hold = place(title, card.patron, branch, desk_staff)
    item = copies(title)[0]
    services.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (Hold.Status.FULFILLED, item.pk)


def test_others_waiting_for_the_title_block_checkout_and_renewal(
    title, branch, desk_staff, card, supervisor
):
    place(title, patron_at(branch), branch, desk_staff)
    item = copies(title)[0]
    with pytest.raises(services.CheckoutBlocked) as refused:
        services.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
    assert [b.code for b in refused.value.blocks] == ["item_others_waiting"]
    loan = services.loan_checkout(
        item=item, card=card, acting_user=supervisor, branch=branch, override_reason="urgent"
    )
    assert services.renewal_others_waiting(loan=loan)


def test_refusals_say_why(title, branch, desk_staff, card):
    place(title, card.patron, branch, desk_staff)
    with pytest.raises(services.CirculationError) as again:
        place(title, card.patron, branch, desk_staff)
    assert again.value.message == services.HOLD_TITLE_ALREADY_OPEN
    with pytest.raises(services.CirculationError) as copy_too:
        services.hold_place(
            item=copies(title)[0], patron=card.patron, pickup_branch=branch, acting_user=desk_staff
        )
    assert copy_too.value.message == services.HOLD_ALREADY_OPEN
    gone = factories.TitleFactory()
    factories.ItemFactory(title_record=gone, home_branch=branch, status=Item.Status.WITHDRAWN)
    with pytest.raises(services.CirculationError) as none:
        place(gone, card.patron, branch, desk_staff)
    assert none.value.message == services.HOLD_TITLE_NO_COPY
    assert Hold.objects.filter(title_record=gone).count() == 0


def test_a_patron_with_a_copy_on_loan_cannot_hold_the_title(title, branch, desk_staff, card):
    services.loan_checkout(item=copies(title)[0], card=card, acting_user=desk_staff, branch=branch)
    with pytest.raises(services.CirculationError) as refused:
        place(title, card.patron, branch, desk_staff)
    assert refused.value.message == services.HOLD_TITLE_ON_LOAN


def test_an_expired_title_hold_sends_its_copy_to_the_next_in_queue(
    title, branch, desk_staff, supervisor
):
    item = copies(title)[0]
    lend(item, branch, supervisor)
    base = datetime.datetime(2026, 3, 2, 15, tzinfo=datetime.UTC)
    first = place(title, patron_at(branch), branch, desk_staff, base)
    second = place(title, patron_at(branch), branch, desk_staff, base + datetime.timedelta(hours=1))
    checkin(item, branch, desk_staff)
    first.refresh_from_db()
    assert services.holds_expire(today=first.pickup_by + datetime.timedelta(days=1)) == 1
    second.refresh_from_db()
    assert (second.status, second.item_id) == (Hold.Status.READY, item.pk)


def test_the_sip2_queue_counts_title_holds_the_copy_could_fill(title, branch, desk_staff):
    item = copies(title)[0]
    place(title, patron_at(branch), branch, desk_staff)
    factories.HoldFactory(item=item, pickup_branch=branch)
    other_title_hold = factories.HoldFactory(pickup_branch=branch)
    assert holds.holds_queue_for_copy(item=item).count() == 2
    assert other_title_hold.item_id != item.pk


def test_the_rule_picks_the_first_fillable_hold_in_queue_order():
    t = datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)
    waiting = [
        rules.QueuedHold(5, t, "copy", 99, 1),  # another copy's hold
        rules.QueuedHold(7, t + datetime.timedelta(seconds=1), "title", None, 1),
        rules.QueuedHold(6, t + datetime.timedelta(seconds=1), "copy", 10, 1),
        rules.QueuedHold(4, t + datetime.timedelta(seconds=2), "title", None, 2),
    ]
    chosen = rules.hold_to_fill(waiting, copy_id=10, title_id=1)
    assert chosen is not None and chosen.pk == 6  # same moment: the lower id first
    assert rules.hold_to_fill(waiting[:1], copy_id=10, title_id=1) is None
    assert rules.hold_copy_goes(pickup_branch_id=1, here_branch_id=1) == rules.HOLD_SHELF
    assert rules.hold_copy_goes(pickup_branch_id=1, here_branch_id=2) == rules.IN_TRANSIT


def test_a_loan_with_a_title_hold_is_counted_as_others_waiting_on_the_desk_too(
    title, branch, desk_staff, card, supervisor
):
    """The desk summary's SQL and the renewal service agree."""
    from desk.scan.selectors import patron_summary

    item = copies(title)[0]
    loan = services.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
    place(title, patron_at(branch), branch, desk_staff)
    summary = patron_summary(
        user=desk_staff, card=card, threshold=branch.system.fee_block_threshold
    )
    line = next(line for line in summary.loans if line.pk == loan.pk)
    assert services.renewal_others_waiting(loan=loan) is True
    assert not line.can_renew and line.renew_note == rules.NOTE_OTHERS_WAITING
