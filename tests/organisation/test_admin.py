"""Administrators manage staff accounts without a path to patron data."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from organisation.models import PendingStaffChange
from organisation.roles import Role
from organisation.staff_access import SELF_CHANGE

pytestmark = pytest.mark.django_db


def _change_form_data(user, **overrides):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in user.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "09:00:00",
    }
    profile = getattr(user, "staff_profile", None)
    if profile is not None:
        data.update(display_name=profile.display_name, branch=profile.branch_id or "")
    data.update(overrides)
    return data


def test_an_administrator_cannot_make_themselves_superuser(client, administrator):
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    url = reverse("admin:auth_user_change", args=[administrator.pk])
    circulate = Permission.objects.get(codename="circulate")
    response = client.post(
        url,
        _change_form_data(administrator, is_superuser="on", user_permissions=[circulate.pk]),
    )
    # Refused with the reason (separation of duties), not silently ignored.
    assert response.status_code == 403
    assert SELF_CHANGE in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_superuser is False
    assert not administrator.user_permissions.exists()


def test_an_administrator_can_still_assign_roles_once_a_director_confirms(
    client, administrator, desk_staff, director
):
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    supervisor = Group.objects.get(name=Role.SUPERVISOR)
    response = client.post(
        reverse("admin:auth_user_change", args=[desk_staff.pk]),
        _change_form_data(
            desk_staff, groups=[supervisor.pk], reason="Covers the branch supervisor's leave."
        ),
    )
    assert response.status_code == 302
    assert list(desk_staff.groups.values_list("name", flat=True)) == [Role.DESK_STAFF]
    change = PendingStaffChange.objects.get(user=desk_staff)
    client.force_login(director)
    confirmed = client.post(reverse("staff_change", args=[change.pk]), {"decision": "confirm"})
    assert confirmed.status_code == 302
    assert list(desk_staff.groups.values_list("name", flat=True)) == [Role.SUPERVISOR]


def test_superuser_accounts_are_out_of_an_administrators_reach(client, administrator):
    administrator.is_staff = True
    administrator.save()
    root = get_user_model().objects.create_superuser("root", password="x-long-password-1")
    client.force_login(administrator)
    response = client.get(reverse("admin:auth_user_change", args=[root.pk]))
    assert response.status_code in (302, 404)
    listing = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "root" not in listing
