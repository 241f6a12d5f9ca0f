"""Dual control under two people at once, with real threads and transactions."""

from __future__ import annotations

import pytest
from django.db import connection

from organisation import dual_control
from organisation.dual_control import ALREADY_PENDING, NOT_PENDING
from organisation.models import PendingStaffChange, StaffAccessEvent
from organisation.roles import Role
from organisation.staff_access import StaffAccessError
from tests import factories
from tests.concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module", autouse=True)
def _leave_the_migration_data(django_db_blocker):
    """Put back what migrations created after the last test's flush."""
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


def test_two_directors_deciding_at_once_make_one_decision(make_staff, branch):
    admin = make_staff(Role.ADMINISTRATOR, username="race-admin")
    directors = [make_staff(Role.DIRECTOR, username=f"race-director-{n}") for n in "ab"]
    newcomer = factories.staff_user("", branch=branch, username="race-newcomer")
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.DESK_STAFF], acting_user=admin, reason="Joins the desk."
    )
    results = race(
        [
            lambda: dual_control.staff_change_confirm(change=change, acting_user=directors[0]),
            lambda: dual_control.staff_change_refuse(change=change, acting_user=directors[1]),
        ]
    )
    decided = [r for r in results if isinstance(r, PendingStaffChange)]
    refused = [r for r in results if isinstance(r, StaffAccessError)]
    assert len(decided) == 1 and len(refused) == 1, results
    assert refused[0].message.startswith(NOT_PENDING.split("{")[0])
    decisions = StaffAccessEvent.objects.filter(
        kind__in=[StaffAccessEvent.Kind.CHANGE_CONFIRMED, StaffAccessEvent.Kind.CHANGE_REFUSED]
    )
    assert decisions.count() == 1


def test_two_administrators_proposing_at_once_leave_one_proposal(make_staff, branch):
    admins = [make_staff(Role.ADMINISTRATOR, username=f"race-admin-{n}") for n in "ab"]
    newcomer = factories.staff_user("", branch=branch, username="race-newcomer")
    results = race(
        [
            lambda a=a, role=role: dual_control.staff_roles_propose(
                user=newcomer, roles=[role], acting_user=a, reason="Joins the desk."
            )
            for a, role in zip(admins, [Role.VOLUNTEER, Role.SUPERVISOR], strict=True)
        ]
    )
    proposed = [r for r in results if isinstance(r, PendingStaffChange)]
    refused = [r for r in results if isinstance(r, StaffAccessError)]
    assert len(proposed) == 1 and len(refused) == 1, results
    assert refused[0].message == ALREADY_PENDING.format(username="race-newcomer")
    assert PendingStaffChange.objects.filter(user=newcomer).count() == 1
