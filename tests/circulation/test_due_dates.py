"""Due dates follow the branch's calendar: a loan is never due on a day
the branch is closed (unless the branch says otherwise), and the day is the
branch's own, whatever the server's zone."""

from __future__ import annotations

import datetime

import pytest

from circulation import services
from organisation import clock
from organisation.models import Holiday, OpeningHours
from tests import factories
from tests.clock import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_sundays(branch):
    """Monday to Saturday, 09:00 to 17:00."""
    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=d, opens=datetime.time(9), closes=datetime.time(17))
        for d in range(6)
    )
    return branch


def _lend(branch, card, user):
    item = factories.ItemFactory(home_branch=branch)
    return services.loan_checkout(item=item, card=card, acting_user=user, branch=branch)


def _due_day(loan):
    return clock.local_day(loan.branch, loan.due_at)


def test_a_loan_due_on_a_closed_sunday_is_due_on_monday(
    closed_sundays, card, desk_staff, time_machine
):
    """Lent at 00:00 on Sunday 6 December for 21 days: Sunday 27 December
    is closed, so it is due Monday 28 December."""
    time_machine.move_to(at("2026-12-06 00:00"), tick=False)
    loan = _lend(closed_sundays, card, desk_staff)
    assert _due_day(loan) == datetime.date(2026, 12, 28)


def test_a_loan_lent_at_2359_on_saturday_counts_from_saturday(
    closed_sundays, card, desk_staff, time_machine
):
    time_machine.move_to(at("2026-12-05 23:59"), tick=False)
    loan = _lend(closed_sundays, card, desk_staff)
    assert _due_day(loan) == datetime.date(2026, 12, 26)  # a Saturday, open


def test_a_due_date_on_a_holiday_moves_past_it(closed_sundays, card, desk_staff, time_machine):
    """Christmas Day closed, Sunday closed: due on Saturday 26th."""
    Holiday.objects.create(
        system=closed_sundays.system, branch=closed_sundays, date=datetime.date(2026, 12, 25)
    )
    time_machine.move_to(at("2026-12-04 12:00"), tick=False)
    loan = _lend(closed_sundays, card, desk_staff)
    assert _due_day(loan) == datetime.date(2026, 12, 26)


def test_a_branch_may_keep_due_dates_on_closed_days(closed_sundays, card, desk_staff, time_machine):
    closed_sundays.due_dates_skip_closed_days = False
    closed_sundays.save(update_fields=["due_dates_skip_closed_days"])
    time_machine.move_to(at("2026-12-06 00:00"), tick=False)
    loan = _lend(closed_sundays, card, desk_staff)
    assert _due_day(loan) == datetime.date(2026, 12, 27)


def test_a_branch_with_no_opening_hours_counts_plain_days(branch, card, desk_staff, time_machine):
    time_machine.move_to(at("2026-12-06 00:00"), tick=False)
    loan = _lend(branch, card, desk_staff)
    assert _due_day(loan) == datetime.date(2026, 12, 27)


@pytest.mark.parametrize(
    ("lent_at", "due_on"),
    [
        ("2026-03-07 23:59", datetime.date(2026, 3, 28)),
        ("2026-03-08 00:00", datetime.date(2026, 3, 30)),  # 29th: a Sunday
        ("2026-10-31 23:59", datetime.date(2026, 11, 21)),
        ("2026-11-01 00:00", datetime.date(2026, 11, 23)),  # 22nd: a Sunday
    ],
)
def test_due_dates_around_the_daylight_saving_changes(
    closed_sundays, card, desk_staff, time_machine, lent_at, due_on
):
    time_machine.move_to(at(lent_at), tick=False)
    loan = _lend(closed_sundays, card, desk_staff)
    assert _due_day(loan) == due_on
    assert loan.due_at == datetime.datetime.combine(
        due_on, datetime.time(23, 59, 59), tzinfo=clock.zone(closed_sundays)
    )


def test_the_loan_day_is_the_branchs_not_the_servers(
    settings, closed_sundays, card, desk_staff, time_machine
):
    """Server in UTC, where it is already Sunday: the loan still counts
    from Saturday in New York."""
    settings.TIME_ZONE = "UTC"
    time_machine.move_to(at("2026-12-05 23:30"), tick=False)
    loan = _lend(closed_sundays, card, desk_staff)
    assert _due_day(loan) == datetime.date(2026, 12, 26)
