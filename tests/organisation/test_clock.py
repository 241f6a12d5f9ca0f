"""The one clock: a branch's local day, its bounds on daylight-saving
days, its hours and its next open moment, whatever the server's zone."""

from __future__ import annotations

import datetime

import pytest

from organisation import clock
from organisation.calendar import BusinessCalendar
from tests.clock import FALL_BACK, SPRING_FORWARD, at

# Monday to Saturday, 09:00 to 17:00, in New York.
CAL = BusinessCalendar.build(
    "America/New_York", [(d, datetime.time(9), datetime.time(17)) for d in range(6)]
)


@pytest.mark.parametrize(
    ("local", "day"),
    [
        ("2026-12-05 23:59", datetime.date(2026, 12, 5)),
        ("2026-12-06 00:00", datetime.date(2026, 12, 6)),
        ("2026-03-08 23:59", SPRING_FORWARD),
        ("2026-11-01 00:00", FALL_BACK),
    ],
)
@pytest.mark.parametrize("server_zone", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_the_local_day_is_the_branchs_whatever_the_servers_zone(settings, local, day, server_zone):
    settings.TIME_ZONE = server_zone
    assert clock.local_day("America/New_York", at(local)) == day
    assert clock.local_day(CAL, at(local)) == day


def test_the_local_day_defaults_to_now(time_machine):
    time_machine.move_to(at("2026-12-05 23:45"), tick=False)
    assert clock.now() == at("2026-12-05 23:45")
    assert clock.local_day("America/New_York") == datetime.date(2026, 12, 5)
    assert clock.local_day("UTC") == datetime.date(2026, 12, 6)
    assert clock.local_now("America/Chicago").hour == 22


def test_an_unknown_zone_falls_back_to_the_servers(settings):
    settings.TIME_ZONE = "America/Denver"
    assert str(clock.zone("Mars/Olympus_Mons")) == "America/Denver"


@pytest.mark.parametrize(
    ("day", "hours"),
    [(SPRING_FORWARD, 23), (FALL_BACK, 25), (datetime.date(2026, 12, 5), 24)],
)
def test_day_bounds_are_the_local_midnights(day, hours):
    start, end = clock.day_bounds("America/New_York", day)
    assert (start, end) == (at(f"{day} 00:00"), at(f"{day + datetime.timedelta(days=1)} 00:00"))
    # Elapsed time between instants (aware arithmetic in one zone is
    # wall-clock arithmetic in Python).
    elapsed = end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(hours=hours)


def test_opening_and_closing_on_open_and_closed_days():
    saturday, sunday = datetime.date(2026, 12, 5), datetime.date(2026, 12, 6)
    assert clock.opening(CAL, saturday) == at("2026-12-05 09:00")
    assert clock.closing(CAL, saturday) == at("2026-12-05 17:00")
    assert clock.opening(CAL, sunday) is None and clock.closing(CAL, sunday) is None
    assert clock.open_day_on_or_after(CAL, sunday) == datetime.date(2026, 12, 7)
    assert clock.open_day_on_or_after(CAL, saturday) == saturday


@pytest.mark.parametrize(
    ("after", "moment"),
    [
        ("2026-12-05 08:00", "2026-12-05 09:00"),  # before opening
        ("2026-12-05 12:34", "2026-12-05 12:34"),  # open: at once
        ("2026-12-05 17:00", "2026-12-07 09:00"),  # closing time: Sunday closed
        ("2026-12-05 23:45", "2026-12-07 09:00"),
        ("2026-03-07 23:59", "2026-03-09 09:00"),
        ("2026-10-31 23:59", "2026-11-02 09:00"),
    ],
)
def test_the_next_open_moment(after, moment):
    assert clock.next_open_moment(CAL, at(after)) == at(moment)


def test_a_naive_moment_is_refused():
    with pytest.raises(clock.CalendarError):
        clock.local_day("UTC", datetime.datetime(2026, 12, 5, 23, 45))
