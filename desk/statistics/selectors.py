"""Desk statistics: counts of inquiries and tallies by hour of day,
weekday, branch, desk, channel, type and READ level over a date range, the
busiest-hours heat map, and callbacks answered on time per branch.

Counts only: nothing here reads text, names or patrons. Each report is one
GROUP BY over plain columns the service wrote at recording time (the
branch-local day, hour and weekday), read from the daily
counts (desk.statistics.rollup) for the days that are over and from the rows of the
last days (index inquiry_day_branch_idx), so a report over years
of traffic reads thousands of rows, not millions.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractIsoWeekDay

from desk.models import READ_LEVELS, Callback, Channel, DailyCount, Inquiry, InquiryType
from desk.statistics.rollup import rolled_through
from organisation.models import Branch, ServiceDesk
from reports.charts import WEEKDAYS


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    column: str
    header: str


DIMENSIONS = {
    d.key: d
    for d in (
        Dimension("hour", "hour of day", "local_hour", "Hour"),
        Dimension("weekday", "weekday", "weekday", "Weekday"),
        Dimension("branch", "branch", "branch_id", "Branch"),
        Dimension("desk", "desk", "desk_id", "Desk"),
        Dimension("channel", "channel", "channel", "Channel"),
        Dimension("type", "type", "inquiry_type_id", "Type"),
        Dimension("read", "READ level", "read_level", "READ level"),
    )
}
HEAT_MAP = "busiest-hours"
ON_TIME = "callbacks-on-time"
REPORT_KEYS = (HEAT_MAP, *DIMENSIONS, ON_TIME)


def _rows(branch_ids: Sequence[int], start: datetime.date, end: datetime.date) -> Q:
    return Q(local_day__gte=start, local_day__lte=end, branch_id__in=list(branch_ids))


def _int(text: str) -> int | None:
    return int(text) if text else None


# report -> (rollup dimension, group by weekday of the day?, group by the
# rolled-up value?, the Inquiry columns of the live part)
_SOURCES: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {
    "hour": ("hour", False, True, ("local_hour",)),
    "weekday": ("tally", True, False, ("weekday",)),
    "branch": ("tally", False, False, ("branch_id",)),
    "desk": ("desk", False, True, ("desk_id",)),
    "channel": ("channel", False, True, ("channel",)),
    "type": ("type", False, True, ("inquiry_type_id",)),
    "read": ("read", False, True, ("read_level",)),
    HEAT_MAP: ("hour", True, True, ("weekday", "local_hour")),
    "tally": ("tally", False, True, ("is_tally",)),
}
_CONVERT: dict[str, Callable[[str], object]] = {
    "hour": _int,
    "desk": _int,
    "type": _int,
    "read": _int,
    "channel": str,
    "tally": lambda text: text == "1",
}


def _counts(
    report: str, branch_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> Counter[tuple[object, ...]]:
    """Counts grouped as the report needs: from the daily counts for the
    days rolled up (desk.statistics.rollup), and from the rows of the days after."""
    dimension, by_weekday, by_value, live_columns = _SOURCES[report]
    found: Counter[tuple[object, ...]] = Counter()
    through = rolled_through()
    if through is not None and start <= through:
        rolled = DailyCount.objects.filter(
            day__gte=start,
            day__lte=min(end, through),
            branch_id__in=list(branch_ids),
            dimension=dimension,
        )
        fields = []
        if by_weekday:
            rolled = rolled.annotate(iso_weekday=ExtractIsoWeekDay("day"))
            fields.append("iso_weekday")
        if report == "branch":
            fields.append("branch_id")
        if by_value:
            fields.append("value")
        convert = _CONVERT[dimension]
        for row in rolled.values(*fields).annotate(total=Sum("n")).order_by():
            key: list[object] = []
            if by_weekday:
                key.append(row["iso_weekday"] - 1)
            if report == "branch":
                key.append(row["branch_id"])
            if by_value:
                key.append(convert(row["value"]))
            found[tuple(key)] += row["total"]
    live_from = start if through is None else max(start, through + datetime.timedelta(days=1))
    if live_from <= end:
        for row in (
            Inquiry.objects.filter(_rows(branch_ids, live_from, end))
            .values_list(*live_columns)
            .annotate(total=Count("*"))
            .order_by()
        ):
            found[tuple(row[:-1])] += row[-1]
    return found


def counts_by(
    *, dimension: str, branch_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> list[tuple[str, int]]:
    """(label, count) for each value of the dimension, in its natural order
    (hours, Monday to Sunday, READ 1-6, names)."""
    found: dict[Any, int] = {
        key[0]: n for key, n in _counts(dimension, branch_ids, start, end).items()
    }
    if dimension == "hour":
        hours = sorted(h for h in found if h is not None)
        span = range(hours[0], hours[-1] + 1) if hours else range(0)
        return [(f"{h:02d}:00", found.get(h, 0)) for h in span]
    if dimension == "weekday":
        return [(WEEKDAYS[d], found.get(d, 0)) for d in range(7)]
    if dimension == "read":
        rows = [(f"READ {level}", found.get(level, 0)) for level in READ_LEVELS]
        return rows + ([("Not rated", found[None])] if found.get(None) else [])
    if dimension == "channel":
        return [(str(label), found[value]) for value, label in Channel.choices if value in found]
    names: dict[int | None, str]
    if dimension == "branch":
        names = dict(Branch.objects.filter(pk__in=list(found)).values_list("pk", "name"))
    elif dimension == "desk":
        names = dict(
            ServiceDesk.objects.filter(pk__in=[k for k in found if k]).values_list("pk", "name")
        )
        names[None] = "No desk recorded"
    else:
        names = {
            t.pk: (f"{t.label} (tally)" if t.tally_key else t.label)
            for t in InquiryType.objects.filter(pk__in=[k for k in found if k is not None])
        }
        names[None] = "No type"
    return sorted(((names.get(k, "?"), n) for k, n in found.items()), key=lambda r: (-r[1], r[0]))


def heat_counts(
    *, branch_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> dict[tuple[int, int], int]:
    """(weekday, hour) -> count."""
    return {
        (int(str(d)), int(str(h))): n
        for (d, h), n in _counts(HEAT_MAP, branch_ids, start, end).items()
        if h is not None
    }


def totals(
    *, branch_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> dict[str, int]:
    """Inquiries and tallies in the range."""
    found = {key[0]: n for key, n in _counts("tally", branch_ids, start, end).items()}
    return {"inquiries": found.get(False, 0), "tallies": found.get(True, 0)}


@dataclass(frozen=True)
class OnTime:
    branch: str
    done: int
    on_time: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.on_time / self.done, 1) if self.done else 0.0


def callbacks_on_time(
    *, branch_ids: Sequence[int], start: datetime.date, end: datetime.date, tz: datetime.tzinfo
) -> list[OnTime]:
    """Per branch: callbacks done in the range, and how many by the time
    promised."""
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    after = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )

    rows = (
        Callback.objects.filter(
            branch_id__in=list(branch_ids),
            status=Callback.Status.DONE,
            done_at__gte=first,
            done_at__lt=after,
        )
        .values("branch__name")
        .annotate(done=Count("*"), on_time=Count("pk", filter=Q(done_at__lte=F("promised_at"))))
        .order_by("branch__name")
    )
    return [OnTime(r["branch__name"], r["done"], r["on_time"]) for r in rows]
