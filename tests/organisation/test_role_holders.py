"""One answer to "who holds this role": the Director named at the desk, the
Directors told, the supervisors told and the legal designees offered all
come from organisation.policies, and agree on who counts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from legal.policies import designee_candidates
from organisation.policies import branch_supervisors, directors
from organisation.roles import CAPABILITIES, CAPABILITY_TABLE, Role
from privacy.selectors import director_display_name

pytestmark = pytest.mark.django_db


def _also(user, role: Role) -> None:
    user.groups.add(Group.objects.get(name=str(role)))


def test_an_administrator_who_also_holds_the_directors_role_is_no_director(
    make_staff, branch, other_branch
):
    acting = make_staff(Role.DIRECTOR, at=branch, username="t-both")
    acting.staff_profile.display_name = "Avery Both"
    acting.staff_profile.save()
    _also(acting, Role.ADMINISTRATOR)
    real = make_staff(Role.DIRECTOR, at=other_branch, username="t-director")
    real.staff_profile.display_name = "Robin Director"
    real.staff_profile.save()

    assert list(directors()) == [real]
    # The desk names the Director from the same answer, even at the branch
    # of the account that is an administrator too.
    assert director_display_name(branch=branch) == "Robin Director"


def test_supervisors_and_designees_come_from_the_same_answer(make_staff, branch, other_branch):
    here = make_staff(Role.SUPERVISOR, at=branch, username="t-sup-here")
    make_staff(Role.SUPERVISOR, at=other_branch, username="t-sup-there")
    inactive = make_staff(Role.SUPERVISOR, at=branch, username="t-sup-gone")
    inactive.is_active = False
    inactive.save()
    desk = make_staff(Role.DESK_STAFF, at=branch, username="t-desk")
    admin_too = make_staff(Role.SUPERVISOR, at=branch, username="t-sup-admin")
    _also(admin_too, Role.ADMINISTRATOR)
    director = make_staff(Role.DIRECTOR, at=branch, username="t-dir")

    assert set(branch_supervisors(branch.pk)) == {here}
    candidates = set(designee_candidates(None))  # type: ignore[arg-type]
    assert here in candidates and desk in candidates
    assert inactive not in candidates and admin_too not in candidates
    assert director not in candidates


def test_the_capabilities_and_the_model_permissions_are_one_table():
    from organisation.models import StaffProfile

    permissions = dict(StaffProfile._meta.permissions)
    assert set(permissions) == set(CAPABILITIES) == set(CAPABILITY_TABLE)
    for name, capability in CAPABILITY_TABLE.items():
        assert permissions[name] == capability.label
        assert CAPABILITIES[name] == capability.roles
