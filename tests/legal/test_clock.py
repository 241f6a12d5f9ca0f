"""The Director's review clock starts from the arrival, on the branch's
calendar: a request due "at once" is never due before it arrived."""

from __future__ import annotations

import datetime

import pytest

from organisation.models import OpeningHours
from tests.clock import SATURDAY_NIGHT, at
from tests.legal.conftest import open_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_saturdays(branch):
    """Monday to Saturday, 09:00 to 17:00; closed on Sundays."""
    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=d, opens=datetime.time(9), closes=datetime.time(17))
        for d in range(6)
    )
    return branch


@pytest.mark.parametrize("instrument", ["search_warrant", "emergency"])
def test_a_request_due_at_once_late_on_saturday_is_due_at_the_next_close(
    open_saturdays, desk_staff, patron, time_machine, instrument
):
    """Logged at 23:45 on a Saturday, after closing: review by Monday's
    close (Sunday is closed), not Saturday 17:00, hours before it arrived."""
    time_machine.move_to(at(SATURDAY_NIGHT), tick=False)
    request = open_request(
        staff=desk_staff, patron=patron, branch=open_saturdays, instrument=instrument
    )
    assert request.review_due >= request.received_at
    assert request.review_due == at("2026-12-07 17:00")


def test_a_request_due_at_once_during_opening_hours_is_due_at_todays_close(
    open_saturdays, desk_staff, patron, time_machine
):
    time_machine.move_to(at("2026-12-05 10:00"), tick=False)
    request = open_request(
        staff=desk_staff, patron=patron, branch=open_saturdays, instrument="search_warrant"
    )
    assert request.review_due == at("2026-12-05 17:00")


def test_a_request_due_at_once_before_opening_is_due_at_that_days_close(
    open_saturdays, desk_staff, patron, time_machine
):
    time_machine.move_to(at("2026-12-05 00:00"), tick=False)
    request = open_request(
        staff=desk_staff, patron=patron, branch=open_saturdays, instrument="search_warrant"
    )
    assert request.review_due == at("2026-12-05 17:00")
