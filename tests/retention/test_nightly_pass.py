"""The nightly pass: a run on the day after a complete run reads only the
returned loans that became due since that run's bound and those whose
reason to be kept ended since (a fee closed, a legal hold lifted, a patron
no longer keeping a history), yet leaves exactly the state a full pass
leaves. Full passes come with a rules change, an edited legal hold, a week
without one, and when asked."""

from __future__ import annotations

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circulation.models import Fee, Loan
from circulation.services import fee_pay
from patrons.history import loan_history_withdraw
from patrons.models import Patron
from retention.models import ExpungeRun, LegalHold, RetentionRule
from retention.services import (
    PassReason,
    legal_hold_place,
    legal_hold_release,
    retention_expunge,
)
from retention.vocabulary import KeptReason, RecordType
from tests import factories
from tests.clock import at
from tests.retention.helpers import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LOANS = RecordType.RETURNED_LOANS
# The first night; the nights after it cross the spring daylight-saving
# change (2026-03-08).
FIRST_NIGHT = datetime.date(2026, 3, 2)
RUN_AT = "03:30"


def night_moment(day: datetime.date) -> datetime.datetime:
    return at(f"{day.isoformat()} {RUN_AT}")


def returned(patron, moment: datetime.datetime, branch) -> Loan:
    item = factories.ItemFactory(home_branch=branch)
    return factories.LoanFactory(
        item=item,
        patron=patron,
        checked_out_at=moment - datetime.timedelta(days=14),
        returned_at=moment,
    )


def open_fee(loan: Loan) -> Fee:
    return factories.FeeFactory(patron=loan.patron, loan=loan, branch=loan.branch)


def build_world(branch, time_machine, *, inactive: bool = False) -> dict[str, list]:
    """Six patrons with loans returned every other day from 14 to 44 days
    before the first night (due from 30 days), some kept by an open or a
    recently closed fee, an opted-in history, a legal hold. Made the day
    before the first night. With `inactive`, also patrons whose last card
    expired about three years before the first night: some due over the
    next nights, some with an open loan or a legal hold."""
    start = night_moment(FIRST_NIGHT)
    old: list[Patron] = []
    if inactive:
        time_machine.move_to(start - datetime.timedelta(days=5 * 365), tick=False)
        for n, days in enumerate((-3, 1, 2, 4, -10, -8)):
            patron = factories.PatronFactory(home_branch=branch)
            factories.CardFactory(
                patron=patron,
                expires_on=FIRST_NIGHT - datetime.timedelta(days=3 * 365 - days),
            )
            old.append(patron)
            if n >= 4:
                factories.LoanFactory(
                    item=factories.ItemFactory(home_branch=branch), patron=patron, returned_at=None
                )
    time_machine.move_to(start - datetime.timedelta(days=1), tick=False)
    patrons = [factories.PatronFactory(home_branch=branch) for _ in range(4)]
    opted = factories.PatronFactory(
        home_branch=branch, keeps_loan_history=True, keeps_loan_history_since=start
    )
    held = factories.PatronFactory(home_branch=branch)
    everyone = [*patrons, opted, held]
    loans = []
    for days in range(14, 46, 2):
        for patron in everyone:
            loans.append(returned(patron, start - datetime.timedelta(days=days), branch))
    # loans[6 * k + n]: returned 14 + 2k days before, of patron n; the last
    # fee is on a loan long due.
    fees = [open_fee(loans[k]) for k in (0, 7, 13, 22, 90)]
    paid = open_fee(loans[30])
    Fee.objects.filter(pk=paid.pk).update(
        status=Fee.Status.PAID, closed_at=start - datetime.timedelta(days=20)
    )
    # Paid fees without a loan, a year ago give or take a few days (their
    # period): some fall due on each of the next nights.
    for n, days in enumerate(range(360, 372, 2)):
        fee = factories.FeeFactory(patron=everyone[n % len(everyone)], branch=branch)
        Fee.objects.filter(pk=fee.pk).update(
            status=Fee.Status.PAID, closed_at=start - datetime.timedelta(days=days)
        )
    legal_hold_place(patron=held, reason="Preservation letter 26-031")
    if inactive:
        legal_hold_place(patron=old[1], reason="Preservation letter 26-032")
    return {"patrons": everyone, "loans": loans, "fees": fees, "inactive": old}


def run_night(day: datetime.date, time_machine, **kwargs) -> ExpungeRun:
    time_machine.move_to(night_moment(day), tick=False)
    report = retention_expunge(**kwargs)
    return ExpungeRun.objects.get(pk=report.run_id)


def full_and_nightly_agree(day: datetime.date, time_machine) -> ExpungeRun:
    """Run the night both ways from the same state: a full pass (rolled
    back), then the nightly pass (kept). Asserts that both leave every
    table retention touches identical; returns the nightly run."""
    before = transaction.savepoint()
    full = run_night(day, time_machine, full=True)
    assert full.full_pass
    full_state = snapshot()
    transaction.savepoint_rollback(before)
    nightly = run_night(day, time_machine)
    assert nightly.finished_at is not None and nightly.errors == []
    assert snapshot() == full_state, f"night {day}: nightly pass and full pass differ"
    return nightly


def assert_no_audit_entry_names_an_expunged_link() -> None:
    loan_type = ContentType.objects.get_for_model(Loan)
    anonymized = {
        str(pk) for pk in Loan.objects.filter(patron__isnull=True).values_list("pk", flat=True)
    }
    for entry in LogEntry.objects.filter(content_type=loan_type, object_id__in=anonymized):
        assert "patron" not in (entry.changes or {}), entry.pk


def test_a_night_after_a_complete_run_is_a_nightly_pass_that_reads_only_its_range(
    branch, time_machine
):
    world = build_world(branch, time_machine)
    first = run_night(FIRST_NIGHT, time_machine)
    assert first.full_pass and first.pass_reason == PassReason.FIRST
    assert first.bounds[LOANS]

    # Two days on (no loan falls due the night after: none was returned
    # the day before the one that fell due on the first night).
    second = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=2), time_machine)
    assert not second.full_pass and second.pass_reason == ""
    # The opted-in patron's older loans, kept by the first run, are not
    # read again: only the one that fell due tonight is counted as kept.
    assert first.counts[LOANS]["kept"][KeptReason.OPTED_IN] == 8
    assert second.counts[LOANS]["kept"][KeptReason.OPTED_IN] == 1
    # Tonight's: the loans of the four patrons returned 28 days before.
    assert second.counts[LOANS]["expunged"] == 4
    # Theirs left: the seven not yet due, and one under an open fee.
    assert Loan.objects.filter(patron__in=world["patrons"][:4]).count() == 4 * 7 + 1


def test_a_fee_closed_since_frees_its_loan_on_the_night_its_period_ends(
    branch, time_machine, desk_staff
):
    world = build_world(branch, time_machine)
    run_night(FIRST_NIGHT, time_machine)
    fee = world["fees"][-1]  # on a loan returned 44 days before the first night
    time_machine.move_to(night_moment(FIRST_NIGHT) + datetime.timedelta(hours=9), tick=False)
    fee_pay(fee=fee, acting_user=desk_staff)
    loan = Loan.objects.get(pk=fee.loan_id)
    run = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=1), time_machine)
    assert not run.full_pass
    assert Loan.objects.get(pk=loan.pk).patron_id is not None  # closed only a day ago
    # A week later, the Sunday full pass; the nights after it are nightly.
    run_night(FIRST_NIGHT + datetime.timedelta(days=26), time_machine, full=True)
    for nights in range(27, 30):
        run = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=nights), time_machine)
        assert not run.full_pass
        assert Loan.objects.get(pk=loan.pk).patron_id is not None, nights
    # Thirty days after the fee closed, the loan goes, in a nightly pass.
    run = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=30), time_machine)
    assert not run.full_pass
    assert Loan.objects.get(pk=loan.pk).patron_id is None
    assert_no_audit_entry_names_an_expunged_link()


def test_a_legal_hold_lifted_lets_the_next_nightly_pass_expunge_what_it_kept(branch, time_machine):
    world = build_world(branch, time_machine)
    run_night(FIRST_NIGHT, time_machine)
    held = world["patrons"][-1]
    assert Loan.objects.filter(patron=held, returned_at__isnull=False).count() == 16
    time_machine.move_to(night_moment(FIRST_NIGHT) + datetime.timedelta(hours=10), tick=False)
    legal_hold_release(hold=LegalHold.objects.get(patron=held))
    run = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=2), time_machine)
    assert not run.full_pass
    # Returned 14 to 26 days before the first night: not due yet.
    assert Loan.objects.filter(patron=held).count() == 7


def test_a_patron_no_longer_keeping_a_history_is_revisited_by_the_nightly_pass(
    branch, time_machine
):
    """However the choice was cleared (here without the withdrawal, which
    erases at once), the patron's change is read by the next night."""
    world = build_world(branch, time_machine)
    run_night(FIRST_NIGHT, time_machine)
    opted = world["patrons"][-2]
    assert Loan.objects.filter(patron=opted).count() == 16
    time_machine.move_to(night_moment(FIRST_NIGHT) + datetime.timedelta(hours=11), tick=False)
    opted.keeps_loan_history = False
    opted.keeps_loan_history_since = None
    opted.save(update_fields=["keeps_loan_history", "keeps_loan_history_since", "updated_at"])
    run = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=2), time_machine)
    assert not run.full_pass
    # Every loan due on that night goes; those returned 14 to 26 days
    # before the first night stay.
    assert Loan.objects.filter(patron=opted).count() == 7


def test_a_rules_change_an_edited_hold_a_week_and_full_make_a_full_pass(branch, time_machine):
    world = build_world(branch, time_machine)
    run_night(FIRST_NIGHT, time_machine)
    day = FIRST_NIGHT + datetime.timedelta(days=1)
    assert not run_night(day, time_machine).full_pass

    RetentionRule.objects.filter(jurisdiction_code="*", record_type=LOANS).update(period_days=20)
    day += datetime.timedelta(days=1)
    changed = full_and_nightly_agree(day, time_machine)
    assert changed.full_pass and changed.pass_reason == PassReason.RULES_CHANGED
    assert (
        not Loan.objects.filter(
            patron=world["patrons"][0],
            returned_at__lt=night_moment(day) - datetime.timedelta(days=21),
        )
        .exclude(fees__status=Fee.Status.OPEN)
        .exists()
    )

    hold = LegalHold.objects.get()
    hold.record_types = [RecordType.FINISHED_HOLDS]
    hold.save(update_fields=["record_types"])
    day += datetime.timedelta(days=1)
    edited = full_and_nightly_agree(day, time_machine)
    assert edited.full_pass and edited.pass_reason == PassReason.HOLDS_EDITED

    day += datetime.timedelta(days=1)
    assert not run_night(day, time_machine).full_pass
    day += datetime.timedelta(days=7)
    weekly = run_night(day, time_machine)
    assert weekly.full_pass and weekly.pass_reason == PassReason.WEEKLY

    day += datetime.timedelta(days=1)
    out = io.StringIO()
    time_machine.move_to(night_moment(day), tick=False)
    call_command("expunge", "--full", stdout=out)
    assert "Full pass (requested)" in out.getvalue()
    assert ExpungeRun.objects.latest().full_pass
    same_day = run_night(day, time_machine)
    assert same_day.full_pass and same_day.pass_reason == PassReason.NOT_LATER


def test_a_dry_run_is_a_full_pass_and_leaves_no_bounds(branch, time_machine):
    build_world(branch, time_machine)
    run_night(FIRST_NIGHT, time_machine)
    dry = run_night(FIRST_NIGHT + datetime.timedelta(days=1), time_machine, dry_run=True)
    assert dry.full_pass and dry.pass_reason == PassReason.DRY_RUN and dry.bounds == {}
    assert not run_night(FIRST_NIGHT + datetime.timedelta(days=1), time_machine).full_pass


# -- any sequence of nights, with changes in between --------------------------

CHANGES = st.sampled_from(
    [
        "return",
        "open_fee",
        "pay_fee",
        "place_hold",
        "release_hold",
        "opt_in",
        "opt_out",
        "bring_back",
    ]
)
NIGHTS = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=3),
        st.lists(st.tuples(CHANGES, st.integers(min_value=0, max_value=1000)), max_size=5),
    ),
    min_size=2,
    max_size=5,
)


class Rollback(Exception):
    pass


def apply_change(kind: str, pick: int, world: dict, branch, staff) -> None:
    patrons: list[Patron] = [*world["patrons"], *world["inactive"]]
    patron = Patron.objects.get(pk=patrons[pick % len(patrons)].pk)
    if kind == "bring_back":
        # An open loan of a long inactive patron comes back.
        from organisation import clock

        Loan.objects.filter(
            pk__in=Loan.objects.filter(returned_at__isnull=True).order_by("pk").values("pk")[:1]
        ).update(returned_at=clock.now())
    elif kind == "return":
        from organisation import clock

        world["loans"].append(returned(patron, clock.now(), branch))
    elif kind == "open_fee":
        linked = list(Loan.objects.filter(patron=patron, returned_at__isnull=False))
        if linked:
            world["fees"].append(open_fee(linked[pick % len(linked)]))
    elif kind == "pay_fee":
        fees = list(Fee.objects.filter(status=Fee.Status.OPEN).order_by("pk"))
        if fees:
            fee_pay(fee=fees[pick % len(fees)], acting_user=staff)
    elif kind == "place_hold":
        legal_hold_place(
            patron=patron,
            reason="Preservation letter",
            record_types=[LOANS] if pick % 2 else [],
        )
    elif kind == "release_hold":
        holds = list(LegalHold.objects.active().order_by("pk"))
        if holds:
            legal_hold_release(hold=holds[pick % len(holds)])
    elif kind == "opt_in" and not patron.keeps_loan_history and patron.deidentified_at is None:
        from organisation import clock

        patron.keeps_loan_history = True
        patron.keeps_loan_history_since = clock.now()
        patron.save(update_fields=["keeps_loan_history", "keeps_loan_history_since", "updated_at"])
    elif kind == "opt_out" and patron.keeps_loan_history:
        loan_history_withdraw(patron=patron, acting_user=staff)


def test_after_any_sequence_of_nights_a_nightly_pass_leaves_the_state_of_a_full_pass(
    branch, desk_staff, time_machine, audited_models
):
    @settings(
        max_examples=8,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(nights=NIGHTS)
    def check(nights: list[tuple[int, list[tuple[str, int]]]]) -> None:
        try:
            with transaction.atomic():
                world = build_world(branch, time_machine, inactive=True)
                day = FIRST_NIGHT
                run_night(day, time_machine)
                incremental = 0
                for gap, changes in nights:
                    for n, (kind, pick) in enumerate(changes):
                        # During the day after the night, in order.
                        time_machine.move_to(
                            night_moment(day) + datetime.timedelta(hours=6 + n), tick=False
                        )
                        apply_change(kind, pick, world, branch, desk_staff)
                    day += datetime.timedelta(days=gap)
                    incremental += not full_and_nightly_agree(day, time_machine).full_pass
                assert incremental >= 1
                # The first night de-identifies the patron long due at least.
                assert Patron.objects.filter(
                    pk__in=[p.pk for p in world["inactive"]], deidentified_at__isnull=False
                ).exists()
                assert_no_audit_entry_names_an_expunged_link()
                raise Rollback
        except Rollback:
            pass

    check()


@pytest.mark.django_db(transaction=True)
def test_a_loan_locked_during_a_nightly_pass_makes_the_next_night_read_its_group_whole(
    patron, card
):
    """A row skipped because a desk transaction held it must not fall
    behind the bound: the run leaves no bound for its group, and the next
    night reads that group whole and expunges it."""
    import threading

    from django.db import connection

    from tests.retention.helpers import AS_OF, returned_loan

    returned_loan(patron=patron, returned_days_ago=40)
    busy = returned_loan(patron=patron, returned_days_ago=29)
    free = returned_loan(patron=patron, returned_days_ago=29)
    first = ExpungeRun.objects.get(pk=retention_expunge(as_of=AS_OF).run_id)
    assert LOANS in first.bounds

    locked, release = threading.Event(), threading.Event()

    def desk_transaction() -> None:
        try:
            with transaction.atomic():
                Loan.objects.select_for_update().get(pk=busy.pk)
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    desk = threading.Thread(target=desk_transaction)
    desk.start()
    try:
        assert locked.wait(10)
        report = retention_expunge(as_of=AS_OF + datetime.timedelta(days=1))
    finally:
        release.set()
        desk.join(10)
    night = ExpungeRun.objects.get(pk=report.run_id)
    assert not night.full_pass
    assert night.counts[LOANS]["kept"] == {KeptReason.IN_USE: 1}
    assert Loan.objects.get(pk=free.pk).patron_id is None
    assert LOANS not in night.bounds

    later = retention_expunge(as_of=AS_OF + datetime.timedelta(days=2))
    assert not later.full_pass
    assert later.record_types[LOANS].expunged == 1
    assert Loan.objects.get(pk=busy.pk).patron_id is None
    assert LOANS in ExpungeRun.objects.get(pk=later.run_id).bounds


def test_inactive_patrons_are_read_on_the_night_they_fall_due_or_their_reason_ends(
    branch, time_machine
):
    """Patrons are de-identified three years after their last card
    expired: a nightly pass reads those whose card expired a period ago,
    those created a period ago without a card, and those whose open loan
    was returned or legal hold lifted since the last run."""
    period = datetime.timedelta(days=3 * 365)
    start = night_moment(FIRST_NIGHT)
    time_machine.move_to(start - period - datetime.timedelta(days=400), tick=False)

    def inactive(expired_days_before_cutoff: int) -> Patron:
        patron = factories.PatronFactory(home_branch=branch)
        factories.CardFactory(
            patron=patron,
            expires_on=FIRST_NIGHT - period - datetime.timedelta(days=expired_days_before_cutoff),
        )
        return patron

    long_gone = inactive(5)
    tonight = inactive(-2)  # its period ends two nights after the first
    active = inactive(-400)
    borrowing = inactive(10)
    open_loan = factories.LoanFactory(
        item=factories.ItemFactory(home_branch=branch), patron=borrowing, returned_at=None
    )
    held = inactive(10)
    legal_hold_place(patron=held, reason="Preservation letter 26-044")
    time_machine.move_to(start - period + datetime.timedelta(days=2, hours=-15), tick=False)
    no_card = factories.PatronFactory(home_branch=branch)

    def deidentified() -> set[int]:
        return set(
            Patron.objects.filter(deidentified_at__isnull=False).values_list("pk", flat=True)
        )

    first = run_night(FIRST_NIGHT, time_machine)
    assert RecordType.INACTIVE_PATRONS in first.bounds
    assert deidentified() == {long_gone.pk}

    time_machine.move_to(start + datetime.timedelta(hours=8), tick=False)
    Loan.objects.filter(pk=open_loan.pk).update(returned_at=start + datetime.timedelta(hours=8))
    legal_hold_release(hold=LegalHold.objects.get(patron=held))
    night = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=2), time_machine)
    assert not night.full_pass
    assert deidentified() == {long_gone.pk, tonight.pk, borrowing.pk, held.pk, no_card.pk}
    assert Patron.objects.get(pk=active.pk).deidentified_at is None
    # Only what may have become due was read, not every patron.
    counts = night.counts[RecordType.INACTIVE_PATRONS]
    assert counts["expunged"] == 4
    assert counts["kept"] == {}
