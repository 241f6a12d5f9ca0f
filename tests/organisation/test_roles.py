"""The role groups created by migration, and deny-by-default."""

import pytest
from django.contrib.auth.models import Group

from organisation import policies
from organisation.roles import CAPABILITIES, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_group_exists_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("capability", list(CAPABILITIES))
def test_role_holds_exactly_the_capabilities_of_the_design_table(role, capability, make_staff):
    user = make_staff(role)
    assert policies.has_capability(user, capability) is (role in CAPABILITIES[capability])


def test_the_migrated_groups_hold_todays_capabilities_table():
    """The roles migration froze CAPABILITIES; an edit to roles.py without a
    migration that changes the groups fails here."""
    granted = {
        role.value: set(
            Group.objects.get(name=role.value)
            .permissions.filter(content_type__app_label="libraryservice", codename__in=CAPABILITIES)
            .values_list("codename", flat=True)
        )
        for role in Role
    }
    expected = {
        role.value: {cap for cap, roles in CAPABILITIES.items() if role in roles} for role in Role
    }
    assert granted == expected, "CAPABILITIES changed: add a migration that updates the groups"


def test_a_user_without_a_role_holds_no_capability():
    user = UserFactory()
    assert not any(policies.has_capability(user, cap) for cap in CAPABILITIES)


def test_administrator_configures_but_cannot_circulate_or_see_contacts(administrator):
    assert policies.can_configure(administrator)
    assert not policies.has_capability(administrator, "circulate")
    assert not policies.has_capability(administrator, "view_patron_contact")
    assert not administrator.is_superuser


def test_volunteer_circulates_but_sees_no_contact_details(volunteer):
    assert policies.has_capability(volunteer, "circulate")
    assert not policies.has_capability(volunteer, "view_patron_contact")
    assert not policies.has_capability(volunteer, "view_loan_history")


def test_second_factor_capabilities_are_held_by_exactly_the_second_factor_roles():
    from organisation.security import SECOND_FACTOR_CAPABILITIES, SECOND_FACTOR_ROLES

    holders = {role for cap in SECOND_FACTOR_CAPABILITIES for role in CAPABILITIES[cap]}
    assert holders == set(SECOND_FACTOR_ROLES)


def test_permissions_load_in_one_query_and_match_djangos_backend(
    make_staff, django_assert_num_queries
):
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission

    from organisation.auth import SingleQueryModelBackend

    user = make_staff(Role.SUPERVISOR)
    user.user_permissions.add(Permission.objects.get(codename="view_branch"))
    with django_assert_num_queries(1):
        ours = SingleQueryModelBackend().get_all_permissions(user)
    fresh = type(user).objects.get(pk=user.pk)
    assert ours == ModelBackend().get_all_permissions(fresh)
    assert "libraryservice.view_branch" in ours
    assert "libraryservice.override_blocks" in ours
