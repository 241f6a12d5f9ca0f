"""bench_expunge_nights' arithmetic: what it says about two nights."""

from __future__ import annotations

import pytest

from bench import bench_expunge_nights as nights


def _night(rows: int, seconds: float, loans: int, loans_seconds: float | None) -> dict:
    return {
        "rows_expunged": rows,
        "seconds": seconds,
        "expunged": {"returned_loans": loans} if loans else {},
        "loans_seconds": loans_seconds,
    }


def test_the_second_night_is_compared_with_the_first_in_rows_and_in_seconds():
    result = nights.ratios([_night(20_000, 10.0, 15_000, 8.0), _night(50_000, 24.0, 45_000, 20.0)])
    assert result == {
        "nights_rows_ratio": 2.5,
        "nights_seconds_ratio": 2.4,
        "nights_loans_ratio": 3.0,
        "nights_loans_seconds_ratio": 2.5,
    }


def test_a_night_without_loans_has_no_loans_ratio_and_one_night_no_ratios():
    result = nights.ratios([_night(10, 1.0, 0, None), _night(20, 2.0, 5, 0.5)])
    assert result["nights_loans_ratio"] is None
    assert result["nights_loans_seconds_ratio"] is None
    assert nights.ratios([_night(10, 1.0, 0, None)]) == {}


def test_time_per_row_is_in_milliseconds_and_absent_without_rows():
    assert nights._per_row(12.5, 25_000) == 0.5
    assert nights._per_row(3.0, 0) is None
    assert nights._per_row(None, 10) is None


@pytest.mark.parametrize(
    ("text", "gaps"),
    [("1,3", (1, 3)), ("2,6", (2, 6)), ("1", None), ("0,3", None), ("1,x", None), ("1,2,3", None)],
)
def test_the_nights_gaps_are_two_positive_numbers_of_days(text, gaps):
    assert nights.parse_gaps(text) == gaps


def test_bad_gaps_are_refused_with_a_message(capsys):
    with pytest.raises(SystemExit) as exc:
        nights.main(["--gaps", "1,-3"])
    assert exc.value.code == 2
    assert nights.GAPS_INVALID in capsys.readouterr().err


def test_the_nights_run_as_many_days_after_the_full_pass_on_the_clock_too():
    """A nightly pass revisits what changed since the last run started:
    the bench's nights are days apart on the clock, not minutes."""
    import datetime

    from organisation import clock

    days = nights.DaysLater()
    try:
        days.move(4)
        assert clock.now() - days.start >= datetime.timedelta(days=4)
        assert clock.now() - days.start < datetime.timedelta(days=4, minutes=1)
    finally:
        days.stop()
    assert clock.now() - days.start < datetime.timedelta(minutes=1)


def test_the_nights_clock_starts_after_the_latest_run_even_one_days_ahead():
    """A bench run after another one, whose nights ran days ahead on the
    clock, starts after them: a nightly pass continues the run that
    started last."""
    import datetime

    from organisation import clock

    ahead = clock.now() + datetime.timedelta(days=5)
    days = nights.DaysLater(after=ahead)
    try:
        days.move(0)
        assert clock.now() > ahead
        assert clock.now() - ahead < datetime.timedelta(minutes=2)
    finally:
        days.stop()
