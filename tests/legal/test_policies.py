"""Who sees a legal request: every role against every kind of request.

DESIGN section 4: the Director and the designees named per request; never
an administrator, even one who also holds the Director's role; an
unrelated supervisor sees nothing; the desk staff member who logged it
sees only the confirmation they were given, never the request."""

from __future__ import annotations

import pytest

from legal import policies, services
from organisation.roles import Role
from tests import factories
from tests.legal.conftest import open_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(ny_branch, desk_staff, director, supervisor, patron):
    named = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    other = open_request(
        staff=desk_staff, patron=factories.PatronFactory(home_branch=ny_branch), branch=ny_branch
    )
    services.legal_designee_name(request=named, acting_user=director, designee=supervisor)
    return named, other


def test_the_director_sees_every_request(requests, director):
    named, other = requests
    assert set(policies.legal_requests_visible_to(director)) == {named, other}
    assert policies.can_view_queue(director)


def test_a_designee_sees_only_the_requests_they_are_named_on(requests, supervisor):
    named, _other = requests
    assert list(policies.legal_requests_visible_to(supervisor)) == [named]
    assert policies.can_work(supervisor, named)
    assert not policies.can_name_designee(supervisor, named)


@pytest.mark.parametrize(
    "role", [Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR, Role.ADMINISTRATOR]
)
def test_everyone_else_sees_nothing(requests, make_staff, role):
    user = make_staff(role, username=f"other-{role}")
    assert not policies.legal_requests_visible_to(user).exists()
    assert not policies.can_view_queue(user)


def test_the_desk_member_who_logged_it_never_sees_it_again(requests, desk_staff):
    assert not policies.legal_requests_visible_to(desk_staff).exists()


def test_an_administrator_sees_nothing_even_with_the_directors_role(requests, make_staff):
    user = make_staff(Role.DIRECTOR, username="admin-and-director")
    factories.UserFactory._meta.model.objects.get(pk=user.pk).groups.add(
        *factories.UserFactory._meta.model.objects.get(
            pk=make_staff(Role.ADMINISTRATOR, username="plain-admin").pk
        ).groups.all()
    )
    user = type(user).objects.get(pk=user.pk)
    assert not policies.legal_requests_visible_to(user).exists()
    assert not policies.is_legal_director(user)


def test_an_administrator_cannot_be_named_designee(requests, administrator):
    named, _other = requests
    assert policies.designee_refusal(administrator, named)
    assert administrator not in policies.designee_candidates(named)


def test_a_closed_request_can_be_read_but_not_worked(requests, director):
    named, _other = requests
    services.legal_close(request=named, acting_user=director)
    named.refresh_from_db()
    assert policies.can_view_legal_request(director, named)
    assert not policies.can_work(director, named)
