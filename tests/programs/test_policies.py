"""Every role against programs, sign-ups, stations and sessions: who may do
what, decided only in programs/policies.py and computers/policies.py."""

from __future__ import annotations

import pytest
from django.http import Http404

from computers import policies as computer_policies
from computers import services as computer_services
from organisation.roles import Role
from programs import policies
from programs.models import ProgramSignup
from tests.computers.helpers import station
from tests.programs.helpers import program

pytestmark = pytest.mark.django_db

#               use   plan   contact reports
EXPECTED = {
    Role.VOLUNTEER: (True, False, False, False),
    Role.DESK_STAFF: (True, True, True, False),
    Role.SUPERVISOR: (True, True, True, True),
    Role.DIRECTOR: (True, True, True, True),
    Role.ADMINISTRATOR: (False, False, False, False),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_what_design_section_4_gives_it(make_staff, branch, card, role):
    user = make_staff(role, username=f"p-{role.value}")
    use, plan, contact, reports = EXPECTED[role]
    assert policies.can_use_programs(user) is use
    assert policies.can_plan_programs(user) is plan
    assert policies.can_see_contact(user) is contact
    assert policies.can_view_program_reports(user) is reports
    assert computer_policies.can_use_computers(user) is use
    assert computer_policies.can_view_computer_reports(user) is reports

    p = program(branch=branch)
    signup = ProgramSignup.objects.create(
        program=p, branch=branch, patron=card.patron, status="confirmed"
    )
    pc = station(branch)
    session = computer_services.session_start(station=pc, card=card)
    if use:
        assert policies.access_program(user, p.pk) == p
        assert policies.access_signup(user, p, signup.pk) == signup
        assert computer_policies.access_station(user, pc.pk) == pc
        assert computer_policies.access_session(user, session.pk) == session
    else:
        for check in (
            lambda: policies.access_program(user, p.pk),
            lambda: policies.access_signup(user, p, signup.pk),
            lambda: computer_policies.access_station(user, pc.pk),
            lambda: computer_policies.access_session(user, session.pk),
        ):
            with pytest.raises(Http404):
                check()


def test_a_sign_up_already_erased_or_of_another_program_is_nobodys(branch, desk_staff, card):
    p, other = program(branch=branch), program(branch=branch, title="Other")
    signup = ProgramSignup.objects.create(
        program=p, branch=branch, patron=card.patron, status="confirmed"
    )
    with pytest.raises(Http404):
        policies.access_signup(desk_staff, other, signup.pk)
    ProgramSignup.objects.filter(pk=signup.pk).update(
        patron=None, anonymized_at="2026-01-01T00:00Z"
    )
    with pytest.raises(Http404):
        policies.access_signup(desk_staff, p, signup.pk)
    with pytest.raises(Http404):
        policies.access_program(desk_staff, "not-a-number")


def test_a_station_token_opens_its_own_station_and_sessions_only(branch, card):
    a, b = station(branch, "PC 1"), station(branch, "PC 2")
    token = computer_services.station_token_issue(station=a)
    assert computer_policies.station_for_token(token) == a
    assert computer_policies.station_for_token("") is None
    assert computer_policies.station_for_token("x" * 500) is None
    session = computer_services.session_start(station=b, card=card)
    with pytest.raises(Http404):
        computer_policies.station_session(a, session.pk)
    assert computer_policies.station_session(b, session.pk) == session
