"""The daily expunge split across workers (RETENTION_WORKERS): disjoint
shares (ranges of the keyset planned when the run opens, or row ids modulo
the shares without a plan), the last share counts what is kept and closes
the run, and the end state is the one a single run leaves."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from circulation.models import Loan
from retention import services
from retention.models import ExpungeRun
from retention.tasks import retention_expunge_task
from tests import factories
from tests.celery_worker import celery_worker
from tests.retention.helpers import AS_OF, fee_on, finished_hold, returned_loan, snapshot


def _world(branch) -> dict[str, int]:
    """Due loans and holds of several patrons, and some kept for a reason."""
    patrons = [factories.PatronFactory(home_branch=branch) for _ in range(4)]
    for n, patron in enumerate(patrons):
        for days in (40, 45, 60, 90 + n):
            returned_loan(patron=patron, returned_days_ago=days, branch=branch)
        finished_hold(patron=patron, closed_days_ago=50)
        returned_loan(patron=patron, returned_days_ago=5, branch=branch)  # too recent
    fee_on(returned_loan(patron=patrons[0], returned_days_ago=70, branch=branch))  # open fee
    opted = factories.PatronFactory(home_branch=branch, keeps_loan_history=True)
    returned_loan(patron=opted, returned_days_ago=80, branch=branch)
    held = factories.PatronFactory(home_branch=branch)
    returned_loan(patron=held, returned_days_ago=80, branch=branch)
    services.legal_hold_place(patron=held, reason="Subpoena 26-114")
    return {"due_loans": 16}


def _counts(run: ExpungeRun) -> dict:
    return {rt: entry for rt, entry in run.counts.items() if entry.get("available")}


@pytest.mark.django_db
def test_two_shares_leave_the_state_and_counts_of_a_single_run(branch):
    _world(branch)
    before = transaction.savepoint()
    single = services.retention_expunge(as_of=AS_OF)
    single_state = snapshot(ignore_run_times=True)
    single_counts = _counts(ExpungeRun.objects.get(pk=single.run_id))
    transaction.savepoint_rollback(before)

    run = services.retention_expunge_split(shares=2, as_of=AS_OF)
    services.retention_expunge_share(run_id=run.pk, share=1)
    run.refresh_from_db()
    assert run.finished_at is None and run.shares_done == 1  # waits for share 0
    services.retention_expunge_share(run_id=run.pk, share=0)
    run.refresh_from_db()

    assert run.finished_at is not None and run.errors == []
    assert snapshot(ignore_run_times=True) == single_state
    assert _counts(run) == single_counts
    assert single_counts["returned_loans"]["expunged"] == 16
    assert single_counts["returned_loans"]["kept"]["legal_hold"] == 1


def _due_loans(branch, count: int) -> list[Loan]:
    """`count` due loans, each returned on a day of its own."""
    patron = factories.PatronFactory(home_branch=branch)
    return [
        returned_loan(patron=patron, returned_days_ago=40 + n, branch=branch) for n in range(count)
    ]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_plan_cuts_the_due_rows_into_ranges_of_equal_size(branch):
    loans = _due_loans(branch, 40)
    run = services.retention_expunge_split(shares=2, as_of=AS_OF)
    (bounds,) = run.plan["returned_loans"].values()
    assert len(bounds) == 1  # two shares, one cut
    services.retention_expunge_share(run_id=run.pk, share=0)
    anonymized = set(
        Loan.objects.filter(returned_at__isnull=False, patron__isnull=True).values_list(
            "pk", flat=True
        )
    )
    oldest_first = sorted(loans, key=lambda loan: loan.returned_at)
    # Share 0 took exactly the older half, in the keyset's order.
    assert anonymized == {loan.pk for loan in oldest_first[:20]}
    services.retention_expunge_share(run_id=run.pk, share=1)
    assert not Loan.objects.filter(returned_at__isnull=False, patron__isnull=False).exists()


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("shares", [3, 4])
def test_ranged_shares_in_any_order_leave_the_state_of_a_single_run(branch, shares):
    _world(branch)
    _due_loans(branch, 23)
    before = transaction.savepoint()
    services.retention_expunge(as_of=AS_OF)
    single_state = snapshot(ignore_run_times=True)
    transaction.savepoint_rollback(before)

    run = services.retention_expunge_split(shares=shares, as_of=AS_OF)
    assert len(next(iter(run.plan["returned_loans"].values()))) == shares - 1
    taken = []
    for share in reversed(range(shares)):
        linked = Loan.objects.filter(patron__isnull=False).count()
        services.retention_expunge_share(run_id=run.pk, share=share)
        taken.append(linked - Loan.objects.filter(patron__isnull=False).count())
    assert snapshot(ignore_run_times=True) == single_state
    # Every share had a part of the work (none walked it all).
    assert all(n > 0 for n in taken[:-1]), taken


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_sampled_plan_still_splits_every_due_row_once(branch, monkeypatch):
    """Above SHARE_SAMPLE due rows the plan samples the table's pages; the
    ranges it gives still cover every due row exactly once."""
    from retention import handlers

    monkeypatch.setattr(handlers, "SHARE_SAMPLE", 5)
    _due_loans(branch, 30)
    run = services.retention_expunge_split(shares=2, as_of=AS_OF)
    assert run.plan["returned_loans"]
    services.retention_expunge_share(run_id=run.pk, share=0)
    services.retention_expunge_share(run_id=run.pk, share=1)
    run.refresh_from_db()
    assert run.counts["returned_loans"]["expunged"] == 30
    assert not Loan.objects.filter(returned_at__isnull=False, patron__isnull=False).exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_rows_due_after_an_empty_plan_go_to_the_first_share(branch):
    run = services.retention_expunge_split(shares=2, as_of=AS_OF)
    assert run.plan["returned_loans"]
    assert all(bounds == [] for bounds in run.plan["returned_loans"].values())
    _due_loans(branch, 4)  # due now, but not when the run was planned
    services.retention_expunge_share(run_id=run.pk, share=1)
    assert Loan.objects.filter(patron__isnull=False).count() == 4  # share 1: nothing
    services.retention_expunge_share(run_id=run.pk, share=0)
    assert not Loan.objects.filter(patron__isnull=False).exists()


@pytest.mark.django_db
def test_without_a_plan_each_share_takes_the_ids_modulo_the_shares(branch):
    _world(branch)
    run = services.retention_expunge_split(shares=2, as_of=AS_OF)
    ExpungeRun.objects.filter(pk=run.pk).update(plan={})  # as on SQLite
    services.retention_expunge_share(run_id=run.pk, share=0)
    linked = Loan.objects.filter(returned_at__isnull=False, patron__isnull=False)
    anonymized = Loan.objects.filter(returned_at__isnull=False, patron__isnull=True)
    assert anonymized.exists()
    assert all(pk % 2 == 0 for pk in anonymized.values_list("pk", flat=True))
    assert any(pk % 2 == 1 for pk in linked.values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("shares", [0, 1, 33])
def test_a_run_is_split_into_two_to_thirty_two_shares(shares):
    with pytest.raises(services.RetentionError, match="2 to 32"):
        services.retention_expunge_split(shares=shares, as_of=AS_OF)


@pytest.mark.django_db
def test_a_share_of_a_finished_or_unsplit_run_is_refused(branch):
    run = services.retention_expunge_split(shares=2, as_of=AS_OF)
    with pytest.raises(services.RetentionError, match="not one of"):
        services.retention_expunge_share(run_id=run.pk, share=2)
    plain = services.retention_expunge(as_of=AS_OF)
    with pytest.raises(services.RetentionError, match="not a split run"):
        services.retention_expunge_share(run_id=plain.run_id, share=0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_shares_at_once_on_postgresql_expunge_everything_once(branch):
    """Real threads, each its own connection: the shares never contend, and
    the run closes exactly once with every due loan counted once."""
    _world(branch)
    run = services.retention_expunge_split(shares=2, as_of=AS_OF)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def share(n: int) -> None:
        try:
            start.wait()
            services.retention_expunge_share(run_id=run.pk, share=n)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=share, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    run.refresh_from_db()
    assert run.finished_at is not None and run.shares_done == 2
    assert run.counts["returned_loans"]["expunged"] == 16


@pytest.mark.integration
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_real_celery_workers_split_the_daily_job(branch):
    """RETENTION_WORKERS=2: the scheduled task, sent through Redis, opens a
    split run and queues one share per worker on its own queue; two worker
    processes take one each and the last closes the run."""
    _world(branch)
    env = {"RETENTION_WORKERS": "2"}
    with (
        celery_worker("retention-split", **env) as (queue, first),
        celery_worker("retention-split", queue=queue, **env) as (_, second),
    ):
        retention_expunge_task.apply_async(kwargs={"as_of": AS_OF.isoformat()}, queue=queue)
        deadline = time.monotonic() + 120
        run = None
        while time.monotonic() < deadline and first.poll() is None and second.poll() is None:
            run = ExpungeRun.objects.filter(finished_at__isnull=False, shares=2).first()
            if run is not None:
                break
            time.sleep(0.3)
        assert first.poll() is None and second.poll() is None
    assert run is not None, "the workers never closed the split run"
    assert run.trigger == ExpungeRun.Trigger.SCHEDULE and run.shares_done == 2
    assert run.counts["returned_loans"]["expunged"] == 16 and run.errors == []
