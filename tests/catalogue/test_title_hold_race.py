"""Two desks check in two copies of one title at the same moment, and one
patron waits for the title: one copy fills the hold, the other goes to
the shelf. Real threads, each on its own PostgreSQL connection."""

from __future__ import annotations

import threading
import time

import psycopg
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


class held_row:
    """Lock one row from a connection of its own until the block ends."""

    def __init__(self, table: str, pk: int) -> None:
        self.table, self.pk = table, pk

    def __enter__(self) -> None:
        s = connection.settings_dict
        self.conn = psycopg.connect(
            dbname=s["NAME"],
            user=s["USER"],
            host=s["HOST"],
            port=s["PORT"] or 5432,
            password=s["PASSWORD"] or None,
        )
        self.conn.execute(f"SELECT 1 FROM {self.table} WHERE id = %s FOR UPDATE", [self.pk])

    def __exit__(self, *exc: object) -> None:
        self.conn.rollback()
        self.conn.close()


def _connect(**options: object) -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"],
        host=s["HOST"],
        port=s["PORT"] or 5432,
        password=s["PASSWORD"] or None,
        **options,
    )


def _wait_until_blocked(n: int, timeout: float = 30) -> None:
    """Until `n` sessions of this database wait for a lock."""
    with _connect(autocommit=True) as watcher:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).fetchone()
            if row and row[0] >= n:
                return
            time.sleep(0.05)
    raise AssertionError(f"{n} sessions never waited for a lock together")


def race_while_held(table: str, pk: int, jobs: list) -> list:
    """Both jobs run while another connection holds the row; it lets go
    only once both are waiting for a lock (the row, or what guards it)."""
    results: list = []
    with held_row(table, pk):
        racing = threading.Thread(target=lambda: results.extend(race(jobs)))
        racing.start()
        _wait_until_blocked(len(jobs))
    racing.join(timeout=60)
    return results


def test_two_check_ins_of_two_copies_fill_one_title_hold_once(make_staff, branch, other_branch):
    """The two desks are at two branches: check-ins at one branch already
    take turns on the branch's row (the loan's lock reaches it), so only
    the title's lock keeps these two apart."""
    title = factories.TitleFactory()
    items = [
        factories.ItemFactory(title_record=title, home_branch=b, status=Item.Status.ON_LOAN)
        for b in (branch, other_branch)
    ]
    desks = [
        make_staff("desk_staff", at=b, username=f"checkin-{b.code}") for b in (branch, other_branch)
    ]
    hold = services.hold_place_title(
        title=title,
        patron=factories.PatronFactory(home_branch=branch),
        pickup_branch=branch,
        acting_user=desks[0],
    )
    for _ in range(3):  # the two desks race several times over
        for item in items:
            factories.LoanFactory(item=item, branch=item.home_branch)
        Item.objects.filter(pk__in=[i.pk for i in items]).update(status=Item.Status.ON_LOAN)
        # A third connection holds the hold's row until both desks wait for
        # a lock: whatever they read before writing, they reach it together.
        results = race_while_held(
            "circulation_hold",
            hold.pk,
            [
                lambda i=i, d=d: services.loan_checkin(item=i, acting_user=d, branch=i.home_branch)
                for i, d in zip(items, desks, strict=True)
            ],
        )
        assert all(isinstance(r, services.CheckinResult) for r in results), results
        filled = [r for r in results if r.trapped_hold or r.in_transit_to]
        assert len(filled) == 1, [r.messages for r in results]
        shelved = next(r for r in results if r not in filled)
        assert shelved.messages[-1] == "Return it to the shelf."
        hold.refresh_from_db()
        assert hold.item_id == filled[0].item.pk
        here = filled[0].item.home_branch == branch
        assert hold.status == (Hold.Status.READY if here else Hold.Status.IN_TRANSIT)
        # Reset for the next round: the hold waiting again.
        Hold.objects.filter(pk=hold.pk).update(
            status=Hold.Status.WAITING, item=None, ready_at=None, pickup_by=None
        )
