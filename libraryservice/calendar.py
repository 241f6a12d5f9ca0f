"""Business-time arithmetic on a branch's opening hours and holidays.

The functions here are pure: they take a `BusinessCalendar` (built from the
database by `calendar_for_branch`, or by hand in tests) and aware datetimes,
and return aware datetimes or timedeltas. Opening hours are wall-clock times
in the branch's own timezone, so a deadline counted for a branch in Chicago
follows Chicago's days, nights and daylight-saving changes whatever the
server's timezone.

Two ways of counting are offered:

- business *time* (`add_business_time`, `business_time_between`): only the
  minutes the branch is open count. Used to measure and extend pauses.
- business *days* (`add_business_days`): "within N business days" means by
  the close of the N-th open day after the day the clock starts (the start
  day itself never counts, so a concern logged late on a Friday still gets a
  whole business day).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from libraryservice.models import Branch

Interval = tuple[datetime.time, datetime.time]

# Used when a branch has no opening hours at all, so that deadlines still
# exist: Monday to Friday, 09:00 to 17:00.
DEFAULT_HOURS: dict[int, tuple[Interval, ...]] = {
    d: ((datetime.time(9), datetime.time(17)),) for d in range(5)
}

# A calendar with no open day in this many days is treated as broken rather
# than searched forever.
_MAX_SEARCH_DAYS = 3 * 366


class CalendarError(ValueError):
    pass


NO_OPEN_TIME = "The branch calendar has no open hours in the next three years."


@dataclass(frozen=True)
class BusinessCalendar:
    """Weekly opening hours (Monday = 0) and closed dates, in one timezone."""

    tz: ZoneInfo
    hours: Mapping[int, tuple[Interval, ...]]
    holidays: frozenset[datetime.date] = field(default_factory=frozenset)

    @classmethod
    def build(
        cls,
        tz: str,
        hours: Iterable[tuple[int, datetime.time, datetime.time]],
        holidays: Iterable[datetime.date] = (),
    ) -> BusinessCalendar:
        by_day: dict[int, list[Interval]] = {}
        for weekday, opens, closes in hours:
            if closes <= opens:
                raise CalendarError(f"Closing time {closes} is not after opening time {opens}.")
            by_day.setdefault(weekday, []).append((opens, closes))
        merged = {d: tuple(sorted(v)) for d, v in by_day.items()} or DEFAULT_HOURS
        return cls(tz=ZoneInfo(tz), hours=merged, holidays=frozenset(holidays))

    def intervals_on(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The open intervals of a local date as aware datetimes."""
        if day in self.holidays:
            return []
        return [
            (
                datetime.datetime.combine(day, opens, tzinfo=self.tz),
                datetime.datetime.combine(day, closes, tzinfo=self.tz),
            )
            for opens, closes in self.hours.get(day.weekday(), ())
        ]

    def is_open_day(self, day: datetime.date) -> bool:
        return bool(self.intervals_on(day))

    def local_date(self, moment: datetime.datetime) -> datetime.date:
        return _aware(moment).astimezone(self.tz).date()


def _aware(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        raise CalendarError("Business-time arithmetic needs timezone-aware datetimes.")
    return moment


def add_business_time(
    cal: BusinessCalendar, start: datetime.datetime, amount: datetime.timedelta
) -> datetime.datetime:
    """The instant `amount` of open time after `start`.

    Time outside opening hours does not count; a zero amount returns `start`
    unchanged. The result is in the branch's timezone.
    """
    start = _aware(start).astimezone(cal.tz)
    if amount <= datetime.timedelta(0):
        return start
    remaining = amount
    day = start.date()
    for _ in range(_MAX_SEARCH_DAYS):
        for opens, closes in cal.intervals_on(day):
            begin = max(opens, start)
            if begin >= closes:
                continue
            available = closes - begin
            if remaining <= available:
                return (begin + remaining).astimezone(cal.tz)
            remaining -= available
        day += datetime.timedelta(days=1)
    raise CalendarError(NO_OPEN_TIME)


def business_time_between(
    cal: BusinessCalendar, start: datetime.datetime, end: datetime.datetime
) -> datetime.timedelta:
    """Open time between two instants; zero when `end` is not after `start`."""
    start = _aware(start).astimezone(cal.tz)
    end = _aware(end).astimezone(cal.tz)
    total = datetime.timedelta(0)
    if end <= start:
        return total
    day = start.date()
    last = end.date()
    while day <= last:
        for opens, closes in cal.intervals_on(day):
            begin, finish = max(opens, start), min(closes, end)
            if finish > begin:
                total += finish - begin
        day += datetime.timedelta(days=1)
    return total


def next_open_day(cal: BusinessCalendar, after: datetime.date) -> datetime.date:
    day = after
    for _ in range(_MAX_SEARCH_DAYS):
        day += datetime.timedelta(days=1)
        if cal.is_open_day(day):
            return day
    raise CalendarError(NO_OPEN_TIME)


def add_business_days(
    cal: BusinessCalendar, start: datetime.datetime, days: int
) -> datetime.datetime:
    """Close of business of the `days`-th open day after `start`'s local date.

    Zero days means close of business today if the branch is open today,
    otherwise of the next open day.
    """
    day = cal.local_date(start)
    if days <= 0:
        if not cal.is_open_day(day):
            day = next_open_day(cal, day)
    else:
        for _ in range(days):
            day = next_open_day(cal, day)
    return cal.intervals_on(day)[-1][1]


def calendar_for_branch(branch: Branch) -> BusinessCalendar:
    """Load a branch's calendar: its opening hours and its own and system-wide holidays."""
    from django.db.models import Q

    from libraryservice.models import Holiday

    hours = [(h.weekday, h.opens, h.closes) for h in branch.opening_hours.all()]
    holidays = Holiday.objects.filter(
        Q(branch__isnull=True) | Q(branch=branch), system_id=branch.system_id
    ).values_list("date", flat=True)
    return BusinessCalendar.build(branch.timezone, hours, holidays)
