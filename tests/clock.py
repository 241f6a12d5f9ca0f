"""Moments for tests that pin the clock (time-machine).

`at("2026-12-05 23:45")` is that wall-clock time in New York, the zone of
the test branches and of `TIME_ZONE`; pass `tz` for another zone. Pin the
clock with the `time_machine` fixture:
`time_machine.move_to(at("2026-12-05 23:45"), tick=False)`.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

NEW_YORK = "America/New_York"

# The US daylight-saving change days of 2026: 02:00 does not exist on the
# first (clocks go to 03:00), 01:00-02:00 happens twice on the second.
SPRING_FORWARD = datetime.date(2026, 3, 8)
FALL_BACK = datetime.date(2026, 11, 1)

# Late on a Saturday evening in New York, already Sunday in UTC.
SATURDAY_NIGHT = "2026-12-05 23:45"


def at(text: str, tz: str = NEW_YORK) -> datetime.datetime:
    """The wall-clock time `text` ("YYYY-MM-DD HH:MM") in `tz`, aware."""
    naive = datetime.datetime.fromisoformat(text)
    return naive.replace(tzinfo=ZoneInfo(tz))
