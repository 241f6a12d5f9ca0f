"""A patron with a title-level hold who borrows another copy of the title
(issue 25): the hold is filled, and a copy set aside for it goes back to
the queue or the shelf (rules.checkout_fills_hold, rules.freed_copy_goes)."""

from __future__ import annotations

import pytest

from circulation import services
from circulation.models import Hold, Item
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(branch, other_branch):
    """Two copies at the main branch, one at the other."""
    return factories.title_with_copies(
        branch, branch, other_branch, title="Kindred", author="Octavia E. Butler"
    )


def copies(title):
    return list(title.copies.order_by("pk"))


def place(title, patron, pickup, user):
    return services.hold_place_title(
        title=title, patron=patron, pickup_branch=pickup, acting_user=user
    )


def lend_away(item, branch, user):
    card = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    return services.loan_checkout(
        item=item, card=card, acting_user=user, branch=branch, override_reason="test lending"
    )


def test_a_waiting_title_hold_is_filled_by_the_copy_the_patron_borrows(
    title, card, branch, desk_staff
):
    first, _, _ = copies(title)
    hold = place(title, card.patron, branch, desk_staff)
    loan = services.loan_checkout(item=first, card=card, acting_user=desk_staff, branch=branch)
    hold.refresh_from_db()
    assert hold.status == Hold.Status.FULFILLED and hold.item_id == first.pk
    assert loan.item_id == first.pk


def test_a_copy_on_the_hold_shelf_for_the_patron_goes_back_to_the_shelf_when_they_borrow_another(
    title, card, branch, desk_staff, supervisor
):
    first, second, _ = copies(title)
    lend_away(second, branch, supervisor)
    hold = place(title, card.patron, branch, desk_staff)
    services.loan_checkin(item=second, acting_user=desk_staff, branch=branch)
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (Hold.Status.READY, second.pk)

    services.loan_checkout(item=first, card=card, acting_user=desk_staff, branch=branch)

    hold.refresh_from_db()
    second.refresh_from_db()
    assert hold.status == Hold.Status.FULFILLED and hold.item_id == first.pk
    assert hold.closed_at is not None
    assert second.status == Item.Status.AVAILABLE
    assert not Hold.objects.filter(item=second, status__in=Hold.OPEN_STATUSES).exists()


def test_the_freed_copy_goes_to_the_next_patron_waiting_for_it(
    title, card, branch, desk_staff, supervisor
):
    first, second, _ = copies(title)
    lend_away(second, branch, supervisor)
    mine = place(title, card.patron, branch, desk_staff)
    services.loan_checkin(item=second, acting_user=desk_staff, branch=branch)
    # Someone else waits for that very copy.
    theirs = factories.HoldFactory(
        item=second, pickup_branch=branch, status=Hold.Status.WAITING, level=Hold.Level.COPY
    )

    services.loan_checkout(item=first, card=card, acting_user=desk_staff, branch=branch)

    mine.refresh_from_db()
    theirs.refresh_from_db()
    second.refresh_from_db()
    assert mine.status == Hold.Status.FULFILLED
    assert (theirs.status, theirs.item_id) == (Hold.Status.READY, second.pk)
    assert theirs.pickup_by is not None
    assert second.status == Item.Status.ON_HOLD_SHELF


def test_a_copy_in_transit_for_the_hold_travels_on_and_is_routed_where_it_arrives(
    title, card, branch, other_branch, desk_staff, supervisor, make_staff
):
    first, _, elsewhere = copies(title)
    lend_away(elsewhere, other_branch, supervisor)
    hold = place(title, card.patron, branch, desk_staff)
    services.loan_checkin(item=elsewhere, acting_user=desk_staff, branch=other_branch)
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (Hold.Status.IN_TRANSIT, elsewhere.pk)

    services.loan_checkout(item=first, card=card, acting_user=desk_staff, branch=branch)

    hold.refresh_from_db()
    elsewhere.refresh_from_db()
    assert hold.status == Hold.Status.FULFILLED and hold.item_id == first.pk
    assert elsewhere.status == Item.Status.IN_TRANSIT
    # It arrives: nobody waits any more, so it goes on the shelf.
    result = services.loan_checkin(item=elsewhere, acting_user=desk_staff, branch=branch)
    elsewhere.refresh_from_db()
    assert result.trapped_hold is None and elsewhere.status == Item.Status.AVAILABLE


def test_a_loan_s_audit_entry_is_the_one_the_orm_would_have_written(card, branch, desk_staff):
    """The loan is inserted with fixed SQL; its audit entry is still
    django-auditlog's, with every field as a save through the ORM logs it."""
    from auditlog.diff import model_instance_diff
    from auditlog.models import LogEntry

    item = factories.ItemFactory(home_branch=branch)
    loan = services.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
    entry = LogEntry.objects.get_for_object(loan).get(action=LogEntry.Action.CREATE)
    loan.refresh_from_db()
    assert entry.object_repr == str(loan)
    expected = {name: list(change) for name, change in model_instance_diff(None, loan).items()}
    assert entry.changes_dict == expected
    assert entry.changes_dict["id"] == ["None", str(loan.pk)]
