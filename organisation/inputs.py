"""Untrusted input parsed one way everywhere: ids and dates.

Two shapes broke pages with a 500 (issue 21): a digit that str.isdigit()
accepts but int() does not ("²", and other scripts' digits pass int() yet
are no id anyone typed), and a date whose arithmetic leaves the calendar
(9999-12-31 plus a day). Barcodes have their own parser,
patrons.barcodes.parse_barcode.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms

from organisation import clock

# Ids are positive and fit PostgreSQL's integer: ASCII digits only, at most
# nine of them.
_OPAQUE_ID = re.compile(r"[0-9]{1,9}")

EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2999, 12, 31)
DATE_OUT_OF_RANGE = "Enter a date between {earliest} and {latest}."


def opaque_id(raw: object) -> int | None:
    """An id typed or passed in a form or link, or None if it cannot be
    one (not a string of ASCII digits, zero, or too large)."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not _OPAQUE_ID.fullmatch(text):
        return None
    value = int(text)
    return value if value > 0 else None


def _day(value: datetime.date) -> str:
    return f"{value:%B %-d, %Y}"


class BoundedDateField(forms.DateField):
    """A date field that refuses days outside [earliest, latest] (by
    default 1900-01-01 to 2999-12-31), so that adding or taking a few days
    or years can never leave the calendar. `max_days_ahead` bounds it
    further to that many days after today (a return date, a deadline)."""

    def __init__(
        self,
        *,
        earliest: datetime.date = EARLIEST_DAY,
        latest: datetime.date = LATEST_DAY,
        max_days_ahead: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.earliest = earliest
        self.latest = latest
        self.max_days_ahead = max_days_ahead

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        latest = self.latest
        if self.max_days_ahead is not None:
            latest = min(latest, clock.server_day() + datetime.timedelta(self.max_days_ahead))
        if not self.earliest <= value <= latest:
            raise forms.ValidationError(
                DATE_OUT_OF_RANGE.format(earliest=_day(self.earliest), latest=_day(latest)),
                code="out_of_range",
            )


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time whose day is within [earliest, latest] (by default
    1900-01-01 to 2999-12-31): 9999-12-31 23:59 in a zone west of UTC is
    no moment Python can hold in UTC."""

    def __init__(
        self,
        *,
        earliest: datetime.date = EARLIEST_DAY,
        latest: datetime.date = LATEST_DAY,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.earliest = earliest
        self.latest = latest

    def to_python(self, value: Any) -> datetime.datetime | None:
        try:
            return super().to_python(value)
        except OverflowError:
            raise forms.ValidationError(self._out_of_range(), code="out_of_range") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        if not self.earliest <= value.date() <= self.latest:
            raise forms.ValidationError(self._out_of_range(), code="out_of_range")

    def _out_of_range(self) -> str:
        return DATE_OUT_OF_RANGE.format(earliest=_day(self.earliest), latest=_day(self.latest))
