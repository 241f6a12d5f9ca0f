"""Who may see patrons and their contact details, and manage them."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import timezone

from organisation.roles import Role
from patrons import policies
from tests import factories

pytestmark = pytest.mark.django_db

MATRIX = {
    # role: (view patron, view contact, manage)
    Role.VOLUNTEER: (True, False, False),
    Role.DESK_STAFF: (True, True, True),
    Role.SUPERVISOR: (True, True, True),
    Role.DIRECTOR: (True, True, True),
    Role.ADMINISTRATOR: (False, False, False),
}


@pytest.mark.parametrize("role", list(Role))
def test_patron_capabilities_per_role(make_staff, patron, role):
    user = make_staff(role)
    view, contact, manage = MATRIX[role]
    assert policies.can_view_patron(user, patron) is view
    assert policies.can_view_contact(user, patron) is contact
    assert policies.can_manage_patrons(user) is manage
    assert policies.patrons_visible_to(user).filter(pk=patron.pk).exists() is view


@pytest.mark.parametrize("role", list(Role))
def test_access_patron_is_404_when_forbidden_or_missing(make_staff, patron, role):
    user = make_staff(role)
    if MATRIX[role][0]:
        assert policies.access_patron(user, patron.pk) == patron
    else:
        with pytest.raises(Http404):
            policies.access_patron(user, patron.pk)
    for bad in (999_999, "x", None):
        with pytest.raises(Http404):
            policies.access_patron(user, bad)


def test_patrons_of_other_branches_are_served_too(desk_staff, other_branch):
    elsewhere = factories.PatronFactory(home_branch=other_branch)
    assert policies.access_patron(desk_staff, elsewhere.pk) == elsewhere


def test_a_deidentified_patron_is_not_shown(desk_staff, patron):
    patron.deidentified_at = timezone.now()
    patron.save()
    assert not policies.can_view_patron(desk_staff, patron)
    with pytest.raises(Http404):
        policies.access_patron(desk_staff, patron.pk)


@pytest.mark.parametrize("role", list(Role))
def test_access_proxy_only_on_the_patrons_own_card(make_staff, patron, role):
    user = make_staff(role)
    own = factories.ProxyAuthorizationFactory(cardholder=patron)
    others = factories.ProxyAuthorizationFactory()
    if role == Role.ADMINISTRATOR:
        with pytest.raises(Http404):
            policies.access_proxy(user, patron, own.pk)
    else:
        assert policies.access_proxy(user, patron, own.pk) == own
    for wrong in (others.pk, 999_999, "x", None):
        with pytest.raises(Http404):
            policies.access_proxy(user, patron, wrong)
