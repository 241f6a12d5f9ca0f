"""The day's notices are found per branch, on the branch's own day, and
queued once however often the beat runs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from patronnotices import services
from patronnotices.models import Kind, NoticeSettings, PatronNotice
from tests.patronnotices import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pinned(time_machine):
    time_machine.move_to(h.NOW, tick=False)


def kinds() -> dict[str, int]:
    found: dict[str, int] = {}
    for kind in PatronNotice.objects.values_list("kind", flat=True):
        found[kind] = found.get(kind, 0) + 1
    return found


def test_each_kind_is_found_on_its_day_and_nothing_else():
    branch = h.ny_branch()
    reader = h.patron(branch)
    due_soon = h.loan_due(reader, branch, 2)
    h.loan_due(reader, branch, 5)  # not yet
    first = h.loan_due(reader, branch, -1)
    second = h.loan_due(reader, branch, -14)
    h.loan_due(reader, branch, -7)  # between the two overdue notices
    returned = h.loan_due(reader, branch, -1)
    returned.returned_at = h.NOW
    returned.save()
    hold = h.hold_ready(reader, branch)
    fee = h.fee(reader, branch)
    card = h.card_expiring(reader, 20)
    h.card_expiring(h.patron(branch, email="later@example.org"), 60)  # not yet

    queued = services.notices_queue()

    assert queued == {
        Kind.HOLD_READY: 1,
        Kind.COURTESY: 1,
        Kind.OVERDUE_FIRST: 1,
        Kind.OVERDUE_SECOND: 1,
        Kind.CARD_EXPIRING: 1,
        Kind.FEE: 1,
    }
    by_kind = {n.kind: n for n in PatronNotice.objects.all()}
    assert by_kind[Kind.COURTESY].loan_id == due_soon.pk
    assert by_kind[Kind.OVERDUE_FIRST].loan_id == first.pk
    assert by_kind[Kind.OVERDUE_SECOND].loan_id == second.pk
    assert by_kind[Kind.HOLD_READY].hold_id == hold.pk
    assert by_kind[Kind.FEE].fee_id == fee.pk
    assert by_kind[Kind.CARD_EXPIRING].card_id == card.pk
    assert {n.patron_id for n in by_kind.values()} == {reader.pk}


def test_running_twice_queues_each_notice_once():
    branch = h.ny_branch()
    reader = h.patron(branch)
    h.loan_due(reader, branch, 1)
    h.hold_ready(reader, branch)
    assert sum(services.notices_queue().values()) == 2
    assert sum(services.notices_queue().values()) == 0
    assert PatronNotice.objects.count() == 2


def test_overdue_days_are_set_per_branch():
    ny, ma = h.ny_branch(), h.ma_branch()
    NoticeSettings.objects.create(branch=ma, overdue_first_days=3, overdue_second_days=21)
    reader = h.patron(ny)
    ny_loan = h.loan_due(reader, ny, -1)
    h.loan_due(reader, ma, -1)  # Worcester waits three days
    ma_loan = h.loan_due(reader, ma, -3)
    services.notices_queue()
    assert set(
        PatronNotice.objects.filter(kind=Kind.OVERDUE_FIRST).values_list("loan_id", flat=True)
    ) == {ny_loan.pk, ma_loan.pk}


def test_a_day_the_beat_missed_is_caught_up_the_next():
    branch = h.ny_branch()
    reader = h.patron(branch)
    late = h.loan_due(reader, branch, -2)  # its first notice was yesterday's
    services.notices_queue()
    assert PatronNotice.objects.get().loan_id == late.pk


def test_a_renewed_loan_is_told_again_about_its_new_due_date():
    branch = h.ny_branch()
    loan = h.loan_due(h.patron(branch), branch, 2)
    services.notices_queue()
    loan.renewals = 1
    loan.save()
    services.notices_queue()
    assert PatronNotice.objects.filter(kind=Kind.COURTESY).count() == 2


def test_never_a_notice_for_a_de_identified_patron():
    branch = h.ny_branch()
    gone = h.patron(branch, deidentified_at=timezone.now())
    h.loan_due(gone, branch, 2)
    h.hold_ready(gone, branch)
    h.card_expiring(gone, 10)
    h.fee(gone, branch)
    assert sum(services.notices_queue().values()) == 0


def test_the_branch_day_turns_at_its_own_midnight(time_machine):
    """23:30 in New York is already tomorrow in UTC: the courtesy window is
    still New York's day after tomorrow, not UTC's."""
    branch = h.ny_branch()
    reader = h.patron(branch)
    time_machine.move_to(h.NOW.replace(hour=23, minute=30), tick=False)
    in_two_days = h.loan_due(reader, branch, 2, hour=10)
    in_three_days = h.loan_due(reader, branch, 3, hour=10)
    services.notices_queue()
    assert set(PatronNotice.objects.values_list("loan_id", flat=True)) == {in_two_days.pk}
    assert in_three_days.pk
    assert datetime.timedelta(0) < in_two_days.due_at - h.NOW
