"""Bounds on the dates staff type for desk records.

A comment card or an incident is logged soon after it happens: a date in
the future, or more than a year back, is a typing mistake (0001-01-01 and
9999-12-31 were accepted once). Pure functions: forms show the message
beside the field, services refuse with the same message.
"""

from __future__ import annotations

import datetime

from organisation import clock, inputs

LOOKBACK_DAYS = 366
# Clocks of the desk terminal and the server may differ by a little.
CLOCK_SKEW = datetime.timedelta(minutes=10)

RECEIVED_IN_FUTURE = "The date a card was received cannot be in the future (today is {today})."
RECEIVED_TOO_EARLY = "Enter a date within the last year: the earliest is {floor}."
OCCURRED_IN_FUTURE = "An incident cannot be reported before it happens: enter a time up to now."
OCCURRED_TOO_EARLY = "Enter a time within the last year: the earliest is {floor}."


def _fmt(day: datetime.date) -> str:
    return f"{day:%B %-d, %Y}"


def branch_today(tz: str | None = None) -> datetime.date:
    return clock.local_day(tz) if tz else clock.server_day()


def received_on_error(day: datetime.date, *, today: datetime.date) -> str | None:
    """Why `day` cannot be the date a comment card was received, or None."""
    if day > today:
        return RECEIVED_IN_FUTURE.format(today=_fmt(today))
    floor = today - datetime.timedelta(days=LOOKBACK_DAYS)
    if day < floor:
        return RECEIVED_TOO_EARLY.format(floor=_fmt(floor))
    return None


def occurred_at_error(moment: datetime.datetime, *, now: datetime.datetime) -> str | None:
    """Why `moment` cannot be when an incident happened, or None."""
    if moment > now + CLOCK_SKEW:
        return OCCURRED_IN_FUTURE
    floor = now - datetime.timedelta(days=LOOKBACK_DAYS)
    if moment < floor:
        return OCCURRED_TOO_EARLY.format(floor=_fmt(clock.server_time(floor).date()))
    return None


# An id typed or passed in a link: the project's one parser of ids.
opaque_id = inputs.opaque_id
