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

A branch is closed on the public holidays of its jurisdiction (the country
and province or state of its jurisdiction code, from the `holidays`
package) unless it opts out, and on the `Holiday` rows administrators add
for local closures.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import holidays as public_holiday_data

if TYPE_CHECKING:
    from organisation.models import Branch

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


@functools.lru_cache(maxsize=256)
def public_holidays(jurisdiction_code: str, year: int) -> Mapping[datetime.date, str]:
    """The public holidays of a jurisdiction ("CA-ON", "US-NY", "US") in a year.

    The country's holidays plus those of the province or state. A
    subdivision the `holidays` package does not know falls back to the
    country's holidays; an unknown country has none. Cached per
    (code, year): the data is fixed for a given package version.
    """
    country, _, subdivision = jurisdiction_code.upper().partition("-")
    for subdiv in (subdivision or None, None):
        try:
            found = public_holiday_data.country_holidays(country, subdiv=subdiv, years=year)
        except NotImplementedError:
            continue
        return MappingProxyType(dict(found))
    return MappingProxyType({})


@dataclass(frozen=True)
class BusinessCalendar:
    """Weekly opening hours (Monday = 0) and closed dates, in one timezone.

    `holidays` are the closures listed by hand (a library's own rows);
    `public_holidays_of`, a jurisdiction code, also closes every public
    holiday of that country and province or state, in any year.
    """

    tz: ZoneInfo
    hours: Mapping[int, tuple[Interval, ...]]
    holidays: frozenset[datetime.date] = field(default_factory=frozenset)
    public_holidays_of: str = ""

    @classmethod
    def build(
        cls,
        tz: str,
        hours: Iterable[tuple[int, datetime.time, datetime.time]],
        holidays: Iterable[datetime.date] = (),
        public_holidays_of: str = "",
    ) -> BusinessCalendar:
        by_day: dict[int, list[Interval]] = {}
        for weekday, opens, closes in hours:
            if closes <= opens:
                raise CalendarError(f"Closing time {closes} is not after opening time {opens}.")
            by_day.setdefault(weekday, []).append((opens, closes))
        merged = {d: tuple(sorted(v)) for d, v in by_day.items()} or DEFAULT_HOURS
        return cls(
            tz=ZoneInfo(tz),
            hours=merged,
            holidays=frozenset(holidays),
            public_holidays_of=public_holidays_of,
        )

    def is_holiday(self, day: datetime.date) -> bool:
        """Closed all day: a listed closure or, if observed, a public holiday."""
        if day in self.holidays:
            return True
        return bool(self.public_holidays_of) and day in public_holidays(
            self.public_holidays_of, day.year
        )

    def intervals_on(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The open intervals of a local date as aware datetimes."""
        if self.is_holiday(day):
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

    Zero days ("at once") means the next close of business after `start`:
    today's if the branch is still to close today, otherwise that of the
    next open day, so a deadline is never earlier than its arrival.
    """
    day = cal.local_date(start)
    if days <= 0:
        intervals = cal.intervals_on(day)
        if not intervals or intervals[-1][1] <= start:
            day = next_open_day(cal, day)
    else:
        for _ in range(days):
            day = next_open_day(cal, day)
    return cal.intervals_on(day)[-1][1]


def calendar_for_branch(branch: Branch) -> BusinessCalendar:
    """Load a branch's calendar: its opening hours, its own and system-wide
    holidays, and the public holidays of its jurisdiction unless it opts out."""
    from django.db.models import Q

    from organisation.models import Holiday

    hours = [(h.weekday, h.opens, h.closes) for h in branch.opening_hours.all()]
    holidays = Holiday.objects.filter(
        Q(branch__isnull=True) | Q(branch=branch), system_id=branch.system_id
    ).values_list("date", flat=True)
    return BusinessCalendar.build(
        branch.timezone,
        hours,
        holidays,
        public_holidays_of=branch.jurisdiction_code if branch.observes_public_holidays else "",
    )
