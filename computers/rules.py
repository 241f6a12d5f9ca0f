"""The public-computer rules as pure functions: how many minutes a session
may have, and the refusals staff and the station read.

The services gather the inputs under their locks; the station endpoint,
the desk board and the queue say the same thing because they call these.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from organisation import clock

# code -> message. The codes are part of the station API (docs/station-api.md).
OUT_OF_ORDER = "This station is out of order. Use another station or ask at the desk."
STATION_BUSY = "This station is in use. Join the queue at the desk."
STATION_RESERVED = (
    "This station is reserved for ticket {ticket} until {until}. "
    "Join the queue at the desk, or use another free station."
)
ALLOWANCE_USED = (
    "The daily allowance of {allowance} minutes is used up for today, across every "
    "branch. Come back tomorrow; the catalogue computers and Wi-Fi need no booking."
)
ALREADY_IN_SESSION = "This card already has a session running at {station}. End it there first."
# Another branch's station names are not told: only that one runs elsewhere.
ALREADY_IN_SESSION_ELSEWHERE = (
    "This card already has a session running at another branch. End it there first."
)
ALREADY_QUEUED = "This card is already in the queue (ticket {ticket})."
UNKNOWN_CARD = "No patron has this card barcode. Check it, or ask at the desk."
UNKNOWN_GUEST_PASS = "This guest pass is not valid today. Ask at the desk for a new one."
GUEST_PASS_CHILDREN_ONLY = "A minor's guest pass works on children's stations only."
PATRON_GONE = "This card cannot be used. Ask at the desk."
GUEST_ID_REQUIRED = (
    "An adult's guest pass needs a photo ID check: look at the ID and tick the box. "
    "Without an ID, offer to register them for a library card instead."
)
GUEST_MINORS_REFUSED = (
    "Guest passes are not issued to minors here. A parent or guardian can register "
    "the child for a library card, which works on every children's station."
)
NO_EXTENSION_LEFT = (
    "No time left to add: the daily allowance of {allowance} minutes is used up. "
    "Offer the catalogue computers or Wi-Fi instead."
)
SESSION_OVER = "This session has already ended."
QUEUE_CLOSED = "This ticket is no longer in the queue."
# What a station's client is told of a card or pass it may not use: one
# answer for unknown, lost, stolen, replaced, expired and blocked alike, so
# that the station API tells nobody which card numbers exist.
SEE_DESK_CARD = "This card cannot be used on the computers. Please ask at the desk."
SEE_DESK_GUEST_PASS = "This guest pass cannot be used. Please ask at the desk for a new one."
STATION_PAUSED = (
    "This station is paused because too many cards were refused here. "
    "Please ask at the desk, or use another station."
)
STATION_PAUSED_SUBJECT = "Public computer {station} paused: {count} cards refused in {minutes} min"
STATION_PAUSED_BODY = (
    "The reservation client of {station} ({branch}) sent {count} cards or guest passes "
    "that were refused within {minutes} minutes: someone may be trying card numbers. "
    "It starts no session for {pause} minutes. If its token may be in other hands, "
    "issue a new token for the station in the administration: that also ends the pause."
)


@dataclass(frozen=True)
class Refusal(Exception):
    """A session, pass or queue action refused; `code` for the station API."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def minutes_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole minutes, a started minute counted."""
    return max(0, int(((end - start).total_seconds() + 59) // 60))


def minutes_used(spans: Iterable[tuple[datetime.datetime, datetime.datetime]]) -> int:
    """Minutes taken from the day's allowance by sessions given as (start,
    end): the end a session had, or the end it is allotted while it runs."""
    return sum(minutes_between(start, end) for start, end in spans)


def allotment(*, allowance: int, session_minutes: int, used: int) -> int:
    """Minutes the next session may have: a whole session, or what is left
    of the day's allowance if that is less (0: none)."""
    return max(0, min(session_minutes, allowance - used))


def local_day(tz_name: str, now: datetime.datetime) -> datetime.date:
    """The day whose allowance a moment counts against: the branch's local
    date, so the allowance turns over at the branch's own midnight."""
    return clock.local_day(tz_name, now)


def pause_seconds_left(paused_until: datetime.datetime | None, now: datetime.datetime) -> int:
    """Whole seconds a paused station still waits (0: not paused), rounded
    up so that a client retrying after them is no longer refused."""
    if paused_until is None or paused_until <= now:
        return 0
    return max(1, int((paused_until - now).total_seconds() + 0.999))


def seconds_left(ends_at: datetime.datetime, now: datetime.datetime) -> int:
    return max(0, int((ends_at - now).total_seconds()))
