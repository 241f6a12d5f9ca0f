"""Two desks check in two copies of one title at the same moment, and one
patron waits for the title: one copy fills the hold, the other goes to
the shelf. Real threads, each on its own PostgreSQL connection."""

from __future__ import annotations

import pytest
from django.db import connection

from circulation import services
from circulation.models import Hold, Item
from tests import factories
from tests.concurrency import race

pytestmark = [
    pytest.mark.postgres,
    # serialized_rollback: the flush after each test would drop the roles
    # and loan rules that migrations create.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module", autouse=True)
def _leave_the_migration_data(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


@pytest.mark.parametrize("pickup", ["here", "elsewhere"])
def test_two_check_ins_of_two_copies_fill_one_title_hold_once(
    make_staff, branch, other_branch, pickup
):
    title = factories.TitleFactory()
    items = [
        factories.ItemFactory(title_record=title, home_branch=branch, status=Item.Status.ON_LOAN)
        for _ in "ab"
    ]
    for item in items:
        factories.LoanFactory(item=item, branch=branch)
    desks = [make_staff("desk_staff", username=f"checkin-{n}") for n in "ab"]
    hold = services.hold_place_title(
        title=title,
        patron=factories.PatronFactory(home_branch=branch),
        pickup_branch=branch if pickup == "here" else other_branch,
        acting_user=desks[0],
    )
    for _ in range(3):  # the two desks race several times over
        results = race(
            [
                lambda i=i, d=d: services.loan_checkin(item=i, acting_user=d, branch=branch)
                for i, d in zip(items, desks, strict=True)
            ]
        )
        assert all(isinstance(r, services.CheckinResult) for r in results), results
        filled = [r for r in results if r.trapped_hold or r.in_transit_to]
        assert len(filled) == 1, [r.messages for r in results]
        shelved = [r for r in results if r not in filled]
        assert shelved[0].messages[-1] == "Return it to the shelf."
        hold.refresh_from_db()
        assert hold.item_id == filled[0].item.pk
        assert hold.status == (Hold.Status.READY if pickup == "here" else Hold.Status.IN_TRANSIT)
        statuses = sorted(Item.objects.filter(pk__in=[i.pk for i in items]).values_list("status"))
        expected = Item.Status.ON_HOLD_SHELF if pickup == "here" else Item.Status.IN_TRANSIT
        assert sorted([(Item.Status.AVAILABLE,), (expected,)]) == statuses
        # Reset for the next round: both copies out again, the hold waiting.
        Hold.objects.filter(pk=hold.pk).update(
            status=Hold.Status.WAITING, item=None, ready_at=None, pickup_by=None
        )
        for item in items:
            factories.LoanFactory(item=item, branch=branch)
        Item.objects.filter(pk__in=[i.pk for i in items]).update(status=Item.Status.ON_LOAN)
