"""Business-time arithmetic across nights, weekends, holidays and timezones."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from organisation.calendar import (
    BusinessCalendar,
    CalendarError,
    add_business_days,
    add_business_time,
    business_time_between,
    calendar_for_branch,
)
from organisation.models import Holiday, OpeningHours

NY = ZoneInfo("America/New_York")
CHI = ZoneInfo("America/Chicago")
H = datetime.timedelta(hours=1)

# Monday 2026-11-23 .. ; Thursday 2026-11-26 is a holiday below.
MON, TUE, WED, THU, FRI, SAT, SUN = (datetime.date(2026, 11, 23 + i) for i in range(7))


def weekdays_9_to_17(tz: str = "America/New_York", holidays=()) -> BusinessCalendar:
    return BusinessCalendar.build(
        tz, [(d, datetime.time(9), datetime.time(17)) for d in range(5)], holidays
    )


def at(day: datetime.date, hour: int, minute: int = 0, tz=NY) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def test_adding_time_within_the_same_open_day():
    assert add_business_time(weekdays_9_to_17(), at(MON, 10), 3 * H) == at(MON, 13)


def test_adding_time_carries_over_the_night():
    assert add_business_time(weekdays_9_to_17(), at(MON, 15), 4 * H) == at(TUE, 11)


def test_adding_time_skips_the_weekend():
    assert add_business_time(weekdays_9_to_17(), at(FRI, 16), 2 * H) == at(
        MON + datetime.timedelta(days=7), 10
    )


def test_adding_time_skips_a_holiday():
    cal = weekdays_9_to_17(holidays=[THU])
    assert add_business_time(cal, at(WED, 16), 2 * H) == at(FRI, 10)


def test_time_started_at_night_begins_at_next_opening():
    assert add_business_time(weekdays_9_to_17(), at(TUE, 22), 1 * H) == at(WED, 10)


def test_zero_time_returns_the_start():
    assert add_business_time(weekdays_9_to_17(), at(SAT, 3), datetime.timedelta(0)) == at(SAT, 3)


def test_business_time_between_counts_only_open_hours():
    cal = weekdays_9_to_17(holidays=[THU])
    # Wed 16:00 -> Mon 10:00: 1h Wed, 0 Thu (holiday), 8h Fri, 1h Mon.
    assert (
        business_time_between(cal, at(WED, 16), at(MON + datetime.timedelta(days=7), 10)) == 10 * H
    )


def test_business_time_between_is_zero_when_end_precedes_start():
    assert business_time_between(
        weekdays_9_to_17(), at(TUE, 12), at(MON, 12)
    ) == datetime.timedelta(0)


def test_business_time_between_over_a_closed_weekend_is_zero():
    assert business_time_between(
        weekdays_9_to_17(), at(FRI, 18), at(SUN, 23)
    ) == datetime.timedelta(0)


def test_between_and_add_are_inverse():
    cal = weekdays_9_to_17(holidays=[THU])
    start = at(TUE, 14, 30)
    for hours in (1, 5, 9, 17, 40):
        end = add_business_time(cal, start, hours * H)
        assert business_time_between(cal, start, end) == hours * H


def test_one_business_day_is_close_of_the_next_open_day():
    assert add_business_days(weekdays_9_to_17(), at(MON, 10), 1) == at(TUE, 17)


def test_business_days_from_friday_evening_skip_the_weekend_and_holiday():
    cal = weekdays_9_to_17(holidays=[MON + datetime.timedelta(days=7)])
    assert add_business_days(cal, at(FRI, 19), 1) == at(TUE + datetime.timedelta(days=7), 17)


def test_fifteen_business_days_skip_three_weekends_and_a_holiday():
    cal = weekdays_9_to_17(holidays=[THU])
    # From Monday: Tue Wed Fri (3), then 5 + 5 = 13, then Mon Tue of the 4th week.
    assert add_business_days(cal, at(MON, 9), 15) == at(datetime.date(2026, 12, 15), 17)


def test_timezones_are_respected():
    chicago = weekdays_9_to_17("America/Chicago")
    # 17:30 in New York is 16:30 in Chicago: half an hour of Chicago's day left.
    start = at(MON, 17, 30, tz=NY)
    assert add_business_time(chicago, start, 1 * H) == at(TUE, 9, 30, tz=CHI)


def test_a_local_date_follows_the_branch_timezone():
    chicago = weekdays_9_to_17("America/Chicago")
    # 00:30 Saturday in New York is still Friday evening in Chicago.
    start = at(SAT, 0, 30, tz=NY)
    assert chicago.local_date(start) == FRI


def test_daylight_saving_change_keeps_wall_clock_hours():
    cal = weekdays_9_to_17()
    # US clocks fall back on Sunday 2026-11-01.
    fri = datetime.date(2026, 10, 30)
    assert add_business_time(cal, at(fri, 16), 2 * H) == at(datetime.date(2026, 11, 2), 10)


def test_split_days_and_saturday_hours():
    cal = BusinessCalendar.build(
        "America/New_York",
        [
            (0, datetime.time(9), datetime.time(12)),
            (0, datetime.time(13), datetime.time(17)),
            (5, datetime.time(10), datetime.time(14)),
        ],
    )
    assert add_business_time(cal, at(MON, 11), 2 * H) == at(MON, 14)
    assert add_business_time(cal, at(MON, 16), 2 * H) == at(SAT, 11)


def test_naive_datetimes_are_refused():
    with pytest.raises(CalendarError):
        add_business_time(weekdays_9_to_17(), datetime.datetime(2026, 11, 23, 9), H)


def test_a_calendar_without_hours_falls_back_to_weekday_office_hours():
    cal = BusinessCalendar.build("America/New_York", [])
    assert add_business_days(cal, at(FRI, 12), 1) == at(MON + datetime.timedelta(days=7), 17)


@pytest.mark.django_db
def test_calendar_for_branch_reads_hours_and_both_kinds_of_holiday(branch, other_branch):
    branch.timezone = "America/Chicago"
    branch.save()
    OpeningHours.objects.create(
        branch=branch, weekday=0, opens=datetime.time(10), closes=datetime.time(18)
    )
    Holiday.objects.create(system=branch.system, branch=None, date=TUE, name="System closure")
    Holiday.objects.create(system=branch.system, branch=branch, date=WED, name="Branch closure")
    Holiday.objects.create(system=branch.system, branch=other_branch, date=THU, name="Elsewhere")
    cal = calendar_for_branch(branch)
    assert cal.tz == CHI
    assert cal.hours == {0: ((datetime.time(10), datetime.time(18)),)}
    assert cal.holidays == frozenset({TUE, WED})


_PROPERTY_CAL = BusinessCalendar.build(
    "America/Chicago",
    [(d, datetime.time(9), datetime.time(12)) for d in range(6)]
    + [(d, datetime.time(13), datetime.time(20 if d < 4 else 17)) for d in range(5)],
    [datetime.date(2026, 12, 25), datetime.date(2027, 1, 1)],
)
_instants = st.datetimes(
    min_value=datetime.datetime(2026, 1, 1), max_value=datetime.datetime(2027, 12, 31)
).map(lambda d: d.replace(tzinfo=CHI))
_amounts = st.integers(min_value=0, max_value=60 * 200).map(lambda m: datetime.timedelta(minutes=m))


@settings(max_examples=150, deadline=None)
@given(start=_instants, amount=_amounts)
def test_property_adding_then_measuring_gives_back_the_amount(start, amount):
    end = add_business_time(_PROPERTY_CAL, start, amount)
    assert end >= start
    assert business_time_between(_PROPERTY_CAL, start, end) == amount


@settings(max_examples=150, deadline=None)
@given(start=_instants, days=st.integers(min_value=1, max_value=30))
def test_property_business_days_land_on_a_closing_time_of_an_open_day(start, days):
    due = add_business_days(_PROPERTY_CAL, start, days)
    local = due.astimezone(CHI)
    assert local.date() > start.astimezone(CHI).date()
    assert local.date() not in _PROPERTY_CAL.holidays
    assert local.time() == _PROPERTY_CAL.hours[local.weekday()][-1][1]


# --- Public holidays of the branch's jurisdiction --------------------------

CANADA_DAY = datetime.date(2026, 7, 1)  # a Wednesday
JULY_4 = datetime.date(2027, 7, 5)  # Monday: Independence Day 2027 observed


def _open_weekdays(branch, jurisdiction: str, tz: str, *, observes: bool = True):
    branch.jurisdiction_code = jurisdiction
    branch.timezone = tz
    branch.observes_public_holidays = observes
    branch.save()
    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=d, opens=datetime.time(9), closes=datetime.time(17))
        for d in range(6)
    )
    return calendar_for_branch(branch)


def test_a_new_branch_observes_public_holidays_by_default():
    from organisation.models import Branch

    assert Branch._meta.get_field("observes_public_holidays").default is True


@pytest.mark.django_db
def test_an_ontario_branch_closes_on_canada_day_and_opens_on_july_4(branch):
    cal = _open_weekdays(branch, "CA-ON", "America/Winnipeg")
    assert not cal.is_open_day(CANADA_DAY)
    # Saturday 2026-07-04 is an ordinary Saturday in Kenora.
    assert cal.is_open_day(datetime.date(2026, 7, 4))
    assert cal.is_open_day(JULY_4)
    # Family Day (Ontario only, third Monday of February).
    assert not cal.is_open_day(datetime.date(2027, 2, 15))


@pytest.mark.django_db
def test_a_new_york_branch_closes_on_july_4_and_opens_on_canada_day(branch):
    cal = _open_weekdays(branch, "US-NY", "America/New_York")
    assert not cal.is_open_day(datetime.date(2026, 7, 4))
    assert not cal.is_open_day(JULY_4)
    assert cal.is_open_day(CANADA_DAY)


@pytest.mark.django_db
def test_public_holidays_move_a_deadline(branch):
    cal = _open_weekdays(branch, "US-NY", "America/New_York")
    # Wednesday before Thanksgiving 2026: Thursday is closed, so one business
    # day is Friday's close.
    assert add_business_days(cal, at(WED, 10), 1) == at(FRI, 17)


@pytest.mark.django_db
def test_a_local_closure_still_closes_a_branch_that_observes_public_holidays(branch):
    Holiday.objects.create(
        system=branch.system, branch=branch, date=datetime.date(2026, 7, 2), name="Flooding"
    )
    cal = _open_weekdays(branch, "CA-ON", "America/Winnipeg")
    assert not cal.is_open_day(datetime.date(2026, 7, 2))
    assert not cal.is_open_day(CANADA_DAY)
    assert cal.is_open_day(datetime.date(2026, 7, 3))


@pytest.mark.django_db
def test_a_branch_that_opts_out_is_open_on_public_holidays_but_not_local_closures(branch):
    Holiday.objects.create(system=branch.system, branch=branch, date=MON, name="Inventory")
    cal = _open_weekdays(branch, "US-NY", "America/New_York", observes=False)
    assert cal.is_open_day(datetime.date(2026, 7, 3))
    assert cal.is_open_day(THU)  # Thanksgiving
    assert not cal.is_open_day(MON)


def test_an_unknown_subdivision_falls_back_to_the_country():
    cal = BusinessCalendar.build(
        "America/New_York",
        [(d, datetime.time(9), datetime.time(17)) for d in range(5)],
        public_holidays_of="US-ZZ",
    )
    assert not cal.is_open_day(THU)
    # Lincoln's Birthday is a New York holiday, not a federal one.
    assert cal.is_open_day(datetime.date(2027, 2, 12))


def test_an_unknown_country_has_no_public_holidays():
    cal = BusinessCalendar.build(
        "UTC", [(d, datetime.time(9), datetime.time(17)) for d in range(5)], public_holidays_of="XX"
    )
    assert cal.is_open_day(datetime.date(2026, 12, 25))
