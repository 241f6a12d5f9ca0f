"""Who may circulate, override blocks and waive fees: every role."""

from __future__ import annotations

import pytest

from circulation import policies
from libraryservice.roles import Role

pytestmark = pytest.mark.django_db

MATRIX = {
    # role: (circulate, override, waive)
    Role.VOLUNTEER: (True, False, False),
    Role.DESK_STAFF: (True, False, False),
    Role.SUPERVISOR: (True, True, True),
    Role.DIRECTOR: (True, True, True),
    Role.ADMINISTRATOR: (False, False, False),
}


@pytest.mark.parametrize("role", list(Role))
def test_circulation_capabilities_per_role(make_staff, role):
    user = make_staff(role)
    expected = MATRIX[role]
    assert (
        policies.can_circulate(user),
        policies.can_override_blocks(user),
        policies.can_waive_fees(user),
    ) == expected


def test_anonymous_and_roleless_users_may_do_nothing(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    nobody = django_user_model.objects.create_user("nobody", password="x-long-pass-1")
    for user in (AnonymousUser(), nobody):
        assert not policies.can_circulate(user)
        assert not policies.can_override_blocks(user)
        assert not policies.can_waive_fees(user)


def test_an_inactive_supervisor_may_do_nothing(supervisor):
    supervisor.is_active = False
    assert not policies.can_circulate(supervisor)
    assert not policies.can_override_blocks(supervisor)
