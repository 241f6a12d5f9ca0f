"""Desk statistics read daily counts for the days that are over and the
rows of the last days: the same numbers either way."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from desk import services
from desk.models import DailyCount, InquiryType
from desk.statistics import rollup
from desk.statistics import selectors as stats
from organisation import clock
from tests.clock import at

pytestmark = pytest.mark.django_db


def _record(user, branch, when, *, label="Research", level=3, tally=False):
    kind = InquiryType.objects.get(branch=None, label=label)
    if tally:
        return services.tally_add(
            acting_user=user, branch=branch, desk=None, inquiry_type=kind, now=when
        )
    return services.inquiry_record(
        acting_user=user,
        branch=branch,
        desk=None,
        channel="phone",
        inquiry_type=kind,
        read_level=level,
        now=when,
    )


def _everything(branch_ids, start, end):
    return {
        **{
            key: stats.counts_by(dimension=key, branch_ids=branch_ids, start=start, end=end)
            for key in stats.DIMENSIONS
        },
        "heat": stats.heat_counts(branch_ids=branch_ids, start=start, end=end),
        "totals": stats.totals(branch_ids=branch_ids, start=start, end=end),
    }


def test_reports_are_the_same_before_and_after_the_rollup(desk_staff, branch, other_branch):
    now = timezone.now()
    for days_ago, hour in ((40, 10), (40, 15), (12, 11), (5, 16), (0, 9)):
        when = (now - datetime.timedelta(days=days_ago)).replace(hour=hour)
        _record(desk_staff, branch, when)
        _record(desk_staff, branch, when, label="Directions", tally=True)
    ids = [branch.pk, other_branch.pk]
    start, end = (now - datetime.timedelta(days=60)).date(), now.date()
    live = _everything(ids, start, end)
    written = rollup.desk_rollup()
    assert written > 0 and rollup.rolled_through() == rollup.safe_until()
    # Three past days, each with an inquiry count and a tally count.
    assert DailyCount.objects.filter(dimension="tally").count() == 6
    assert _everything(ids, start, end) == live
    assert live["totals"] == {"inquiries": 5, "tallies": 5}
    # A range that ends inside the rolled-up days, and one that starts after.
    mid = (now - datetime.timedelta(days=20)).date()
    assert stats.totals(branch_ids=ids, start=start, end=mid) == {"inquiries": 2, "tallies": 2}
    assert stats.totals(branch_ids=ids, start=mid, end=end)["inquiries"] == 3


@pytest.mark.parametrize(
    "local_time", ["2026-12-05 12:00", "2026-12-05 23:30", "2026-12-05 23:59", "2026-12-06 00:00"]
)
def test_a_row_for_a_counted_day_is_counted_again(desk_staff, branch, time_machine, local_time):
    """The day counted is the branch's, also late in the evening when the
    UTC date is already the next one."""
    time_machine.move_to(at(local_time), tick=False)
    old = clock.now() - datetime.timedelta(days=10)
    _record(desk_staff, branch, old)
    rollup.desk_rollup()
    _record(desk_staff, branch, old)  # backdated: the day is counted again
    day = clock.local_day(branch, old)
    assert rollup.rolled_through() < day
    rollup.desk_rollup()
    assert stats.totals(branch_ids=[branch.pk], start=day, end=day)["inquiries"] == 2


def test_running_twice_writes_nothing_new(desk_staff, branch):
    _record(desk_staff, branch, timezone.now() - datetime.timedelta(days=9))
    rollup.desk_rollup()
    assert rollup.desk_rollup() == 0
