"""The daily counts behind desk statistics (DailyCount).

Inquiries and tallies are never edited once recorded (retention erases
their text, not their counts), so a day's counts are final once the day is
over at every branch. `desk_rollup` counts the days after the last one
rolled up, up to two days ago (UTC: every time zone's day is over), per
dimension; reports read those counts and only the last days' rows live.

A row recorded for a day already rolled up (generated data, a backdated
service call) must say so with `rollup_invalidate(day)`; the next run
counts again from that day.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, Min

from desk.models import DailyCount, Inquiry, RollupState
from organisation import clock

# dimension -> Inquiry column
DIMENSIONS = {
    "hour": "local_hour",
    "desk": "desk_id",
    "channel": "channel",
    "type": "inquiry_type_id",
    "read": "read_level",
    "tally": "is_tally",
}


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def safe_until(now: datetime.datetime | None = None) -> datetime.date:
    """The last day over at every branch, with a day to spare."""
    return clock.local_day(datetime.UTC, now) - datetime.timedelta(days=2)


def rolled_through() -> datetime.date | None:
    return RollupState.objects.values_list("through", flat=True).first()


def _state() -> RollupState:
    state = RollupState.objects.select_for_update().order_by("pk").first()
    return state or RollupState.objects.create(through=None)


@transaction.atomic
def rollup_invalidate(day: datetime.date) -> None:
    """Rows were added for `day`: count again from it on the next run."""
    state = _state()
    if state.through is not None and day <= state.through:
        state.through = day - datetime.timedelta(days=1)
        state.save(update_fields=["through"])


@transaction.atomic
def desk_rollup(*, until: datetime.date | None = None) -> int:
    """Count the days after the last rolled up through `until` (default:
    safe_until()); returns how many count rows were written. Locks the
    state row: two runs at once count once. Safe to run any time."""
    state = _state()
    until = until or safe_until()
    if state.through is not None:
        start = state.through + datetime.timedelta(days=1)
    else:
        start = Inquiry.objects.aggregate(first=Min("local_day"))["first"] or until
    if start > until:
        return 0
    DailyCount.objects.filter(day__gte=start, day__lte=until).delete()
    written = 0
    for dimension, column in DIMENSIONS.items():
        rows = (
            Inquiry.objects.filter(local_day__gte=start, local_day__lte=until)
            .values_list("local_day", "branch_id", column)
            .annotate(n=Count("*"))
            .order_by()
        )
        batch = [
            DailyCount(day=day, branch_id=branch, dimension=dimension, value=as_text(v), n=n)
            for day, branch, v, n in rows
        ]
        DailyCount.objects.bulk_create(batch, batch_size=5000)
        written += len(batch)
    state.through = until
    state.save(update_fields=["through"])
    return written
