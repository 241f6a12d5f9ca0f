"""Issue 22's late-evening walk, programs: the door respects capacity and
the waitlist; attendance is taken on the program's day at its branch; a
program cannot be planned on a day already over. Time is pinned: the walk
was late on a Saturday evening in New York."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from programs import services
from programs.models import Program, ProgramSignup
from tests import factories

pytestmark = pytest.mark.django_db
S = ProgramSignup.Status
NY = ZoneInfo("America/New_York")
LA = ZoneInfo("America/Los_Angeles")
SATURDAY_LATE = datetime.datetime(2026, 12, 5, 23, 30, tzinfo=NY)


def at(day: int, hour: int, minute: int = 0, tz: ZoneInfo = NY) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=tz)


def make_program(branch, *, starts: datetime.datetime, capacity: int = 3) -> Program:
    return Program.objects.create(
        branch=branch,
        title="Story time",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        capacity=capacity,
    )


def cards(branch, n):
    return [
        factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)) for _ in range(n)
    ]


def full_program(branch, desk_staff, *, waitlisted: int = 0) -> tuple[Program, list]:
    with time_machine.travel(at(1, 12), tick=False):
        p = make_program(branch, starts=at(5, 18))
        people = cards(branch, 3 + waitlisted)
        for card in people:
            services.signup_by_card(program=p, card=card, acting_user=desk_staff)
    return p, people


# -- the door and capacity ---------------------------------------------------


@time_machine.travel(SATURDAY_LATE, tick=False)
def test_a_card_not_signed_up_at_a_full_program_is_a_walk_in_not_a_fourth_place(
    client, branch, desk_staff
):
    p, _ = full_program(branch, desk_staff)
    (stranger,) = cards(branch, 1)
    client.force_login(desk_staff)
    response = client.post(
        reverse("programs:attend_scan", args=[p.pk]),
        {"door-barcode": stranger.barcode},
        follow=True,
    )
    html = response.content.decode()
    assert "4 of 3" not in html and "3 of 3 taken" in html
    assert "counted as a walk-in" in html and "not given a place" in html
    p.refresh_from_db()
    assert p.walk_ins == 1
    assert not ProgramSignup.objects.filter(program=p, patron=stranger.patron).exists()
    assert ProgramSignup.objects.filter(program=p, status=S.CONFIRMED).count() == 3


@time_machine.travel(SATURDAY_LATE, tick=False)
def test_a_waitlisted_person_at_a_full_program_is_told_their_place_on_the_waitlist(
    client, branch, desk_staff
):
    p, people = full_program(branch, desk_staff, waitlisted=2)
    second_waiting = people[4]
    client.force_login(desk_staff)
    response = client.post(
        reverse("programs:attend_scan", args=[p.pk]),
        {"door-barcode": second_waiting.barcode},
        follow=True,
    )
    html = response.content.decode()
    assert "number 2 on the waitlist" in html and "program is full (3 of 3)" in html
    signup = ProgramSignup.objects.get(program=p, patron=second_waiting.patron)
    assert signup.status == S.WAITLISTED and signup.attended_at is None
    assert ProgramSignup.objects.filter(program=p, status=S.CONFIRMED).count() == 3


@time_machine.travel(SATURDAY_LATE, tick=False)
def test_at_the_door_a_free_place_goes_to_the_waitlisted_or_the_unsigned_person(branch, desk_staff):
    p, people = full_program(branch, desk_staff, waitlisted=1)
    Program.objects.filter(pk=p.pk).update(capacity=5)
    p.refresh_from_db()
    scan = services.attendance_scan(program=p, card=people[3], acting_user=desk_staff)
    assert scan.signup is not None and scan.signup.status == S.CONFIRMED
    assert scan.signup.attended_at is not None and not scan.at_door
    (stranger,) = cards(branch, 1)
    scan = services.attendance_scan(program=p, card=stranger, acting_user=desk_staff)
    assert scan.at_door and scan.signup.status == S.CONFIRMED
    (late,) = cards(branch, 1)
    scan = services.attendance_scan(program=p, card=late, acting_user=desk_staff)
    assert scan.walk_in and scan.signup is None


# -- attendance on the program's day ----------------------------------------


def test_attendance_three_days_before_the_program_is_refused(client, branch, desk_staff):
    with time_machine.travel(at(1, 12), tick=False):
        p = make_program(branch, starts=at(8, 10))
        (card,) = cards(branch, 1)
        signup = services.signup_by_card(program=p, card=card, acting_user=desk_staff)
    client.force_login(desk_staff)
    with time_machine.travel(SATURDAY_LATE, tick=False):
        page = client.get(reverse("programs:detail", args=[p.pk])).content.decode()
        assert "Attendance is taken on the day of the program (Tue 8 Dec 2026)" in page
        assert "Mark attending" not in page and "Save attendance" not in page
        response = client.post(
            reverse("programs:attend_scan", args=[p.pk]), {"door-barcode": card.barcode}
        )
        assert response.status_code == 409
        assert "Tue 8 Dec 2026" in response.content.decode()
        response = client.post(
            reverse("programs:attend_tick", args=[p.pk]), {"attended": [str(signup.pk)]}
        )
        assert response.status_code == 409
    signup.refresh_from_db()
    assert signup.attended_at is None


@pytest.mark.parametrize(
    "moment,allowed",
    [
        (at(5, 0, 0), True),
        (at(5, 23, 59), True),
        (at(6, 0, 0), False),
        (at(4, 23, 59), False),
    ],
)
def test_attendance_is_taken_from_00_00_to_23_59_of_the_programs_day(
    branch, desk_staff, moment, allowed
):
    with time_machine.travel(at(1, 12), tick=False):
        p = make_program(branch, starts=at(5, 18))
        (card,) = cards(branch, 1)
    with time_machine.travel(moment, tick=False):
        if allowed:
            assert services.attendance_scan(program=p, card=card, acting_user=desk_staff).signup
        else:
            with pytest.raises(services.ProgramError) as refused:
                services.attendance_scan(program=p, card=card, acting_user=desk_staff)
            assert refused.value.message == services.NOT_THE_DAY.format(day="Sat 5 Dec 2026")


def test_the_programs_day_is_the_branchs_own_not_the_servers(desk_staff):
    """22:30 on Saturday in Los Angeles is already Sunday in New York (the
    server's zone): a Saturday program in Los Angeles still takes attendance."""
    west = factories.BranchFactory(code="west", timezone="America/Los_Angeles")
    with time_machine.travel(at(1, 12), tick=False):
        p = make_program(west, starts=at(5, 18, tz=LA))
        (card,) = cards(west, 1)
    with time_machine.travel(at(5, 22, 30, tz=LA), tick=False):
        assert services.attendance_scan(program=p, card=card, acting_user=desk_staff).signup
    (card2,) = cards(west, 1)
    with time_machine.travel(at(6, 0, 30, tz=LA), tick=False), pytest.raises(services.ProgramError):
        services.attendance_scan(program=p, card=card2, acting_user=desk_staff)


# -- planning -----------------------------------------------------------------


@time_machine.travel(SATURDAY_LATE, tick=False)
def test_a_program_dated_in_the_past_is_refused_with_a_form_error(client, desk_staff):
    client.force_login(desk_staff)
    data = {
        "title": "New year",
        "starts_at": "2020-01-01T10:00",
        "ends_at": "2020-01-01T11:00",
        "capacity": "10",
    }
    response = client.post(reverse("programs:create"), data)
    assert response.status_code == 400
    assert services.STARTS_IN_THE_PAST in response.content.decode()
    assert not Program.objects.exists()


@pytest.mark.parametrize(
    "starts,allowed",
    [
        (at(5, 20), True),  # earlier this evening: planned as it happens
        (at(6, 9), True),
        (at(4, 23, 59), False),  # yesterday at the branch
    ],
)
@time_machine.travel(SATURDAY_LATE, tick=False)
def test_planning_is_refused_only_for_a_day_already_over(branch, desk_staff, starts, allowed):
    errors = services.program_validate(
        branch=branch, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=30), capacity=3
    )
    assert (services.STARTS_IN_THE_PAST not in errors) == allowed
