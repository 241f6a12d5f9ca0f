"""The date range every report is asked for."""

from __future__ import annotations

import datetime

from django import forms

MAX_RANGE_YEARS = 10
RANGE_BACKWARDS = "The end date is before the start date: swap them."
RANGE_TOO_LONG = "A report covers at most 10 years: choose a shorter range."
OUT_OF_RANGE = "Choose dates between the years 1900 and 2100."
FIRST_YEAR, LAST_YEAR = 1900, 2100


class DateRangeForm(forms.Form):
    """From and to dates, both inclusive. Missing dates default to the last
    `default_days` days up to today."""

    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, today: datetime.date, default_days: int = 28, **kw: object):
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.today = today
        self.default_days = default_days

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        end = data.get("end") or self.today
        assert isinstance(end, datetime.date)
        if not FIRST_YEAR <= end.year <= LAST_YEAR:
            raise forms.ValidationError(OUT_OF_RANGE, code="out_of_range")
        start = data.get("start") or (end - datetime.timedelta(days=self.default_days - 1))
        assert isinstance(start, datetime.date)
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            raise forms.ValidationError(OUT_OF_RANGE, code="out_of_range")
        if end < start:
            raise forms.ValidationError(RANGE_BACKWARDS, code="backwards")
        try:
            limit = start.replace(year=start.year + MAX_RANGE_YEARS)
        except ValueError:  # 29 February
            limit = start.replace(year=start.year + MAX_RANGE_YEARS, day=28)
        if end >= limit:
            raise forms.ValidationError(RANGE_TOO_LONG, code="too_long")
        data["start"], data["end"] = start, end
        return data
