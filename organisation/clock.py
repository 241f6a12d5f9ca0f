"""The one clock: "now", a branch's local day, its hours and next open moment.

Every date rule (due dates, deadlines, daily allowances and counts,
retention cutoffs) asks this module, never the server's clock or zone:

- `now()` is the current instant (aware, UTC). Tests pin it with
  time-machine; nothing else reads the real clock.
- `local_now(branch)` and `local_day(branch, moment)` are that instant at
  the branch, in its own time zone (the server's `TIME_ZONE` when the
  branch names a zone nobody knows). A branch's day turns over at its own
  midnight, whatever zone the server runs in.
- `day_bounds(branch, day)` is the branch's local day as a half-open range
  of instants, `[start, end)`: 23 or 25 hours long on the daylight-saving
  change days, so a count "for the day" is a range query on instants.
- `opening`, `closing`, `is_open_day`, `open_day_on_or_after` and
  `next_open_moment` read the branch's opening hours and closures (its own
  and system-wide holidays, and its jurisdiction's public holidays) through
  `organisation.calendar.BusinessCalendar`.
- `server_day(moment)` and `server_time(moment)` are the library system's
  own date and wall clock (`TIME_ZONE`), for what belongs to no branch (a
  retention run's as-of date, a card's expiry, a staff page's timestamps).

A branch argument is a `Branch`, a `BusinessCalendar` already loaded for
one (to spare the queries when asking several questions), or, for zone
questions only, a zone name.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING, Union

from django.utils import timezone

from organisation.calendar import (
    BusinessCalendar,
    CalendarError,
    calendar_for_branch,
)
from organisation.calendar import (
    next_open_day as _next_open_day,
)

if TYPE_CHECKING:
    from organisation.models import Branch

BranchLike = Union["Branch", BusinessCalendar]
ZoneLike = Union["Branch", BusinessCalendar, str, datetime.tzinfo]

__all__ = [
    "CalendarError",
    "at",
    "calendar",
    "closing",
    "day_bounds",
    "is_open_day",
    "local_day",
    "local_now",
    "next_open_moment",
    "now",
    "open_day_on_or_after",
    "opening",
    "server_day",
    "server_time",
    "server_zone",
    "zone",
]


def now() -> datetime.datetime:
    """The current instant, aware (UTC)."""
    return timezone.now()


def server_zone() -> datetime.tzinfo:
    """The library system's zone: the `TIME_ZONE` setting."""
    return timezone.get_default_timezone()


def zone(where: ZoneLike) -> datetime.tzinfo:
    """The time zone of a branch (or calendar, or zone name).

    A name nobody knows (a typo in the admin) falls back to the server's
    zone rather than failing every page of that branch.
    """
    if isinstance(where, datetime.tzinfo):
        return where
    if isinstance(where, BusinessCalendar):
        return where.tz
    name = where if isinstance(where, str) else where.timezone
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return server_zone()


def local_now(where: ZoneLike, moment: datetime.datetime | None = None) -> datetime.datetime:
    """`moment` (default: now) as a wall-clock time at the branch."""
    return _aware(moment or now()).astimezone(zone(where))


def local_day(where: ZoneLike, moment: datetime.datetime | None = None) -> datetime.date:
    """The branch's local date at `moment` (default: now)."""
    return local_now(where, moment).date()


def server_day(moment: datetime.datetime | None = None) -> datetime.date:
    """The library system's date (`TIME_ZONE`) at `moment` (default: now)."""
    return local_day(server_zone(), moment)


def server_time(moment: datetime.datetime | None = None) -> datetime.datetime:
    """`moment` (default: now) as a wall-clock time in `TIME_ZONE`."""
    return local_now(server_zone(), moment)


def day_bounds(where: ZoneLike, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The branch's local `day` as instants `[start, end)`.

    Both ends are the local midnights (aware, in the branch's zone); the
    range is 23 or 25 hours long on daylight-saving change days.
    """
    tz = zone(where)
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=tz)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), tzinfo=tz)
    # Normalise through UTC: combine() keeps the wall clock, and the
    # arithmetic and comparisons of aware datetimes in one zone are
    # wall-clock arithmetic in Python.
    return (
        start.astimezone(datetime.UTC).astimezone(tz),
        end.astimezone(datetime.UTC).astimezone(tz),
    )


def at(where: ZoneLike, day: datetime.date, wall: datetime.time) -> datetime.datetime:
    """The instant the branch's clock shows `wall` on its local `day`
    (aware, in the branch's zone). A time skipped by the spring change
    comes out an hour later; a time repeated in the autumn is its first."""
    tz = zone(where)
    local = datetime.datetime.combine(day, wall, tzinfo=tz)
    return local.astimezone(datetime.UTC).astimezone(tz)


def calendar(branch: BranchLike) -> BusinessCalendar:
    """The branch's business calendar (hours, closures, zone); loading it
    from a `Branch` costs two queries."""
    if isinstance(branch, BusinessCalendar):
        return branch
    return calendar_for_branch(branch)


def is_open_day(branch: BranchLike, day: datetime.date) -> bool:
    """Whether the branch opens at all on its local `day`."""
    return calendar(branch).is_open_day(day)


def opening(branch: BranchLike, day: datetime.date) -> datetime.datetime | None:
    """When the branch first opens on its local `day`; None when closed."""
    intervals = calendar(branch).intervals_on(day)
    return intervals[0][0] if intervals else None


def closing(branch: BranchLike, day: datetime.date) -> datetime.datetime | None:
    """When the branch last closes on its local `day`; None when closed."""
    intervals = calendar(branch).intervals_on(day)
    return intervals[-1][1] if intervals else None


def open_day_on_or_after(branch: BranchLike, day: datetime.date) -> datetime.date:
    """`day` if the branch opens that day, otherwise its next open day.

    Raises CalendarError when it opens on no day in the next three years.
    """
    cal = calendar(branch)
    return day if cal.is_open_day(day) else _next_open_day(cal, day)


def next_open_moment(branch: BranchLike, after: datetime.datetime) -> datetime.datetime:
    """`after` itself when the branch is open then, otherwise the next time
    it opens (in the branch's zone). Raises CalendarError when it opens on
    no day in the next three years."""
    cal = calendar(branch)
    moment = _aware(after).astimezone(cal.tz)
    day = moment.date()
    for _ in range(2):
        for opens, closes in cal.intervals_on(day):
            if moment < closes:
                return max(opens, moment)
        day = _next_open_day(cal, day)
        moment = max(moment, datetime.datetime.combine(day, datetime.time(0), tzinfo=cal.tz))
    raise CalendarError("No open moment found.")  # pragma: no cover - unreachable


def _aware(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(moment):
        raise CalendarError("Clock arithmetic needs timezone-aware datetimes.")
    return moment
