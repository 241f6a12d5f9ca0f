"""Program sign-ups, the waitlist, attendance and head counts."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from notices.models import Notice
from patrons.models import Card
from programs import services
from programs.models import Program, ProgramSignup, Room
from tests import factories
from tests.programs.helpers import program

pytestmark = pytest.mark.django_db
S = ProgramSignup.Status


def cards(branch, n):
    return [
        factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)) for _ in range(n)
    ]


def test_sign_ups_past_capacity_go_to_the_waitlist_in_order(branch, desk_staff):
    p = program(branch=branch, capacity=2)
    a, b, c, d = cards(branch, 4)
    got = [
        services.signup_by_card(program=p, card=x, acting_user=desk_staff).status
        for x in (a, b, c, d)
    ]
    assert got == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]


def test_a_person_without_a_card_signs_up_by_name_and_phone(branch, volunteer):
    p = program(branch=branch, capacity=1)
    signup = services.signup_by_name(
        program=p, name="Ada L.", phone="555-0199", acting_user=volunteer
    )
    assert signup.status == S.CONFIRMED and signup.patron is None
    with pytest.raises(services.ProgramError, match="phone number"):
        services.signup_by_name(program=p, name="No Phone", phone=" ", acting_user=volunteer)
    with pytest.raises(services.ProgramError, match="name"):
        services.signup_by_name(program=p, name="", phone="555", acting_user=volunteer)


def test_cancelling_a_place_moves_the_first_on_the_waitlist_up_and_tells_the_desk(
    branch, desk_staff
):
    p = program(branch=branch, capacity=1)
    a, b, c = cards(branch, 3)
    first = services.signup_by_card(program=p, card=a, acting_user=desk_staff)
    second = services.signup_by_card(program=p, card=b, acting_user=desk_staff)
    third = services.signup_by_card(program=p, card=c, acting_user=desk_staff)
    promoted = services.signup_cancel(signup=first, acting_user=desk_staff)
    assert promoted.pk == second.pk
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == S.CONFIRMED and second.promoted_at is not None
    assert third.status == S.WAITLISTED
    notice = Notice.objects.get(recipient=desk_staff)
    assert f"Program #{p.pk}" in notice.subject and "Call them" in notice.subject
    assert a.patron.first_name not in notice.subject + notice.body


def test_cancelling_a_waitlisted_sign_up_promotes_nobody(branch, desk_staff):
    p = program(branch=branch, capacity=1)
    a, b = cards(branch, 2)
    services.signup_by_card(program=p, card=a, acting_user=desk_staff)
    waiting = services.signup_by_card(program=p, card=b, acting_user=desk_staff)
    assert services.signup_cancel(signup=waiting, acting_user=desk_staff) is None
    with pytest.raises(services.ProgramError, match="already cancelled"):
        services.signup_cancel(signup=waiting, acting_user=desk_staff)


def test_the_same_patron_cannot_sign_up_twice(branch, desk_staff, card):
    p = program(branch=branch)
    services.signup_by_card(program=p, card=card, acting_user=desk_staff)
    with pytest.raises(services.ProgramError, match="already signed up"):
        services.signup_by_card(program=p, card=card, acting_user=desk_staff)


def test_the_database_refuses_a_second_active_sign_up_of_one_patron(branch, card):
    p = program(branch=branch)
    ProgramSignup.objects.create(program=p, branch=branch, patron=card.patron, status=S.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramSignup.objects.create(
            program=p, branch=branch, patron=card.patron, status=S.WAITLISTED
        )


def test_a_blocked_or_expired_card_is_refused_with_an_alternative(branch, desk_staff):
    p = program(branch=branch)
    lost = factories.CardFactory(status=Card.Status.LOST, patron__home_branch=branch)
    expired = factories.CardFactory(
        expires_on=timezone.localdate() - datetime.timedelta(days=1), patron__home_branch=branch
    )
    for card in (lost, expired):
        with pytest.raises(services.ProgramError) as refused:
            services.signup_by_card(program=p, card=card, acting_user=desk_staff)
        assert "sign them up by name and phone" in refused.value.message
    assert not ProgramSignup.objects.exists()


def test_a_patron_outside_the_age_range_is_refused(branch, desk_staff, card):
    p = program(branch=branch, age_min=3, age_max=8)
    with pytest.raises(services.ProgramError, match="for ages 3-8"):
        services.signup_by_card(program=p, card=card, acting_user=desk_staff)


def test_a_program_ending_before_it_starts_or_with_capacity_below_one_is_refused(
    branch, desk_staff
):
    start = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(services.ProgramError) as refused:
        services.program_create(
            acting_user=desk_staff,
            branch=branch,
            title="T",
            starts_at=start,
            ends_at=start - datetime.timedelta(hours=1),
            capacity=5,
        )
    assert refused.value.message == services.ENDS_BEFORE_START
    with pytest.raises(services.ProgramError) as refused:
        services.program_create(
            acting_user=desk_staff,
            branch=branch,
            title="T",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            capacity=-1,
        )
    assert refused.value.message == services.CAPACITY_TOO_LOW
    room = Room.objects.create(branch=branch, label="Small room", seats=10)
    with pytest.raises(services.ProgramError, match="Small room seats 10"):
        services.program_create(
            acting_user=desk_staff,
            branch=branch,
            title="T",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            capacity=11,
            room=room,
        )
    assert not Program.objects.exists()


def test_the_database_refuses_a_program_ending_before_it_starts(branch):
    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.create(branch=branch, title="T", starts_at=start, ends_at=start, capacity=1)


def test_volunteers_may_not_plan_programs(branch, volunteer):
    start = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(services.ProgramError, match="role"):
        services.program_create(
            acting_user=volunteer,
            branch=branch,
            title="T",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            capacity=5,
        )


@time_machine.travel(datetime.datetime(2026, 12, 5, 9, tzinfo=ZoneInfo("America/New_York")))
def test_attendance_by_scan_by_tick_and_walk_ins(branch, desk_staff):
    p = program(branch=branch, capacity=5, days_ahead=0.1)  # later today
    a, b, c = cards(branch, 3)
    sa = services.signup_by_card(program=p, card=a, acting_user=desk_staff)
    sb = services.signup_by_card(program=p, card=b, acting_user=desk_staff)
    scan = services.attendance_scan(program=p, card=a, acting_user=desk_staff)
    signup = scan.signup
    assert signup.pk == sa.pk and not scan.at_door and signup.attendance_via == "scan"
    scan = services.attendance_scan(program=p, card=c, acting_user=desk_staff)
    door = scan.signup
    assert scan.at_door and door.attended_at is not None
    assert (
        services.attendance_tick(program=p, attended_ids={sb.pk, door.pk}, acting_user=desk_staff)
        == 2
    )
    sa.refresh_from_db()
    sb.refresh_from_db()
    assert sa.attended_at is None  # un-ticked: taken back
    assert sb.attended_at is not None and sb.attendance_via == "tick"
    services.walk_ins_set(program=p, count=7, acting_user=desk_staff)
    p.refresh_from_db()
    assert p.walk_ins == 7
    with pytest.raises(services.ProgramError, match="negative"):
        services.walk_ins_set(program=p, count=-1, acting_user=desk_staff)


def test_administrators_may_not_sign_anyone_up(branch, administrator, card):
    p = program(branch=branch)
    with pytest.raises(services.ProgramError, match="role"):
        services.signup_by_card(program=p, card=card, acting_user=administrator)


def test_cancelling_a_program_puts_everyone_signed_up_on_the_list_to_call(
    branch, desk_staff, volunteer
):
    from programs.selectors import program_roster

    p = program(branch=branch, capacity=1)
    a, b = cards(branch, 2)
    services.signup_by_card(program=p, card=a, acting_user=desk_staff)
    services.signup_by_card(program=p, card=b, acting_user=desk_staff)
    with pytest.raises(services.ProgramError, match="role"):
        services.program_cancel(program=p, acting_user=volunteer)
    assert services.program_cancel(program=p, acting_user=desk_staff) == 2
    p.refresh_from_db()
    roster = program_roster(program=p, signups=ProgramSignup.objects.all())
    assert {s.patron_id for s in roster.to_call} == {a.patron_id, b.patron_id}
    assert "call the 2 people" in Notice.objects.get(recipient=desk_staff).subject
    with pytest.raises(services.ProgramError, match="cancelled"):
        services.signup_by_name(program=p, name="Late", phone="5", acting_user=desk_staff)
    with pytest.raises(services.ProgramError, match="already cancelled"):
        services.program_cancel(program=p, acting_user=desk_staff)
