"""Staff sign-on with LDAP / Active Directory, against a real slapd."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import override_settings

from organisation import staff_access
from organisation.models import DirectoryIdentity, PendingStaffChange, StaffAccessEvent
from organisation.roles import Role
from organisation.signon import DIRECTORY_ACCOUNT
from organisation.staff_access import StaffAccessError
from tests import factories

pytestmark = [pytest.mark.directory, pytest.mark.django_db]

PASSWORD = "correct horse battery staple"


def log_in(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_first_sign_on_creates_the_account_with_no_role_and_records_it(client, slapd, branch):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee", email="rlee@library.test")

    response = log_in(client, "rlee")

    assert response.status_code == 302
    user = get_user_model().objects.get(username="rlee")
    assert (user.first_name, user.last_name, user.email) == ("Robin", "Lee", "rlee@library.test")
    assert not user.has_usable_password()
    assert staff_access.role_names(user) == set()
    identity = DirectoryIdentity.objects.get(user=user)
    assert (identity.provider, identity.subject) == ("ldap", "rlee")
    event = StaffAccessEvent.objects.get(user=user)
    assert event.kind == StaffAccessEvent.Kind.DIRECTORY_ACCOUNT_CREATED
    assert event.acting_user is None
    assert "LDAP" in event.acting_username
    # Signed on, but with no role the desk stays shut.
    assert client.get("/desk/").status_code in (403, 404)


def test_the_director_sees_the_account_the_directory_created(client, slapd, director):
    from django.test import Client

    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    assert log_in(client, "rlee").status_code == 302
    directors_view = Client()
    directors_view.force_login(director)

    page = directors_view.get("/staff-access/").content.decode()

    assert "Account created by a directory sign-on" in page
    assert "rlee" in page
    assert "directory (LDAP / Active Directory)" in page


def test_a_second_sign_on_finds_the_same_account_and_records_nothing_new(client, slapd):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    assert log_in(client, "rlee").status_code == 302
    client.logout()

    assert log_in(client, "RLee").status_code == 302

    assert get_user_model().objects.filter(username__iexact="rlee").count() == 1
    assert StaffAccessEvent.objects.count() == 1


def test_an_address_changed_in_the_directory_does_not_change_the_account(client, slapd):
    """A later change of address goes through dual control, not the directory."""
    import ldap

    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee", email="rlee@library.test")
    assert log_in(client, "rlee").status_code == 302
    client.logout()
    connection = slapd._connection()
    connection.modify_s(
        "uid=rlee,ou=people,dc=library,dc=test",
        [(ldap.MOD_REPLACE, "mail", [b"someone.else@library.test"])],
    )
    connection.unbind_s()

    assert log_in(client, "rlee").status_code == 302

    assert get_user_model().objects.get(username="rlee").email == "rlee@library.test"


def test_a_directory_group_proposes_a_role_and_gives_none(client, slapd, settings, director):
    person = slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    group = slapd.add_group("circulation", [person])
    settings.LDAP_GROUP_ROLE_PROPOSALS = {group: str(Role.DESK_STAFF)}

    assert log_in(client, "rlee").status_code == 302

    user = get_user_model().objects.get(username="rlee")
    assert staff_access.role_names(user) == set()
    change = PendingStaffChange.objects.get(user=user)
    assert change.kind == PendingStaffChange.Kind.ROLES
    assert change.roles == [str(Role.DESK_STAFF)]
    assert change.status == PendingStaffChange.Status.PENDING
    assert change.proposed_by.username == DIRECTORY_ACCOUNT
    assert not change.proposed_by.is_active
    assert group in change.reason


def test_a_confirmed_directory_proposal_gives_the_role_and_sends_no_password_link(
    client, slapd, settings, director, mailoutbox
):
    from organisation import dual_control

    person = slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee", email="r@l.test")
    group = slapd.add_group("circulation", [person])
    settings.LDAP_GROUP_ROLE_PROPOSALS = {group: str(Role.DESK_STAFF)}
    assert log_in(client, "rlee").status_code == 302
    change = PendingStaffChange.objects.get(user__username="rlee")
    mailoutbox.clear()

    dual_control.staff_change_confirm(change=change, acting_user=director)

    user = get_user_model().objects.get(username="rlee")
    assert staff_access.role_names(user) == {str(Role.DESK_STAFF)}
    assert not user.has_usable_password()
    assert [m for m in mailoutbox if "r@l.test" in m.to] == []


def test_a_disabled_directory_account_cannot_sign_on_next_time(client, slapd):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    assert log_in(client, "rlee").status_code == 302
    client.logout()

    slapd.disable("rlee")

    response = log_in(client, "rlee")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_directory_session_ends_at_its_recheck_once_the_account_is_disabled(
    client, slapd, settings, branch
):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    assert log_in(client, "rlee").status_code == 302
    user = get_user_model().objects.get(username="rlee")
    factories.StaffProfileFactory(user=user, branch=branch)
    from django.contrib.auth.models import Group

    with staff_access._authorize(user.pk):
        user.groups.add(Group.objects.get(name=str(Role.DESK_STAFF)))
    settings.LDAP_RECHECK_SECONDS = 0
    assert client.get("/desk/").status_code == 200  # still in the directory

    slapd.disable("rlee")

    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_directory_session_is_not_rechecked_before_its_time(client, slapd, settings, branch):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    assert log_in(client, "rlee").status_code == 302
    settings.LDAP_RECHECK_SECONDS = 3600
    slapd.disable("rlee")

    assert client.get("/").status_code == 200
    assert client.session.get("_auth_user_id")


def test_a_person_missing_from_the_directory_cannot_sign_on(client, slapd):
    assert log_in(client, "nobody").status_code == 400
    assert not get_user_model().objects.filter(username="nobody").exists()


def test_a_wrong_directory_password_is_refused_and_counted_by_axes(client, slapd, settings):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "rlee", "wrong").status_code == 400
    assert AccessAttempt.objects.filter(username="rlee").exists()
    locked = log_in(client, "rlee", "wrong")
    assert locked.status_code == 429
    # Locked out: even the right directory password is refused for now.
    assert log_in(client, "rlee").status_code == 429


def test_a_local_account_of_the_same_name_is_not_taken_over(client, slapd, branch):
    local = factories.staff_user(str(Role.DESK_STAFF), branch=branch, username="rlee")
    local.set_password("the local password")
    local.save()
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")

    assert log_in(client, "rlee").status_code == 400
    assert not DirectoryIdentity.objects.exists()

    # The local account still signs on with its own password.
    assert log_in(client, "rlee", "the local password").status_code == 302


def test_local_accounts_still_sign_on_beside_the_directory(client, slapd, branch):
    local = factories.staff_user(str(Role.DESK_STAFF), branch=branch, username="local-desk")
    local.set_password("the local password")
    local.save()

    assert log_in(client, "local-desk", "the local password").status_code == 302
    assert client.get("/desk/").status_code == 200


def test_a_directory_account_gets_no_set_password_link(slapd, client, administrator):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee", email="r@l.test")
    assert log_in(client, "rlee").status_code == 302
    user = get_user_model().objects.get(username="rlee")

    with pytest.raises(StaffAccessError) as refused:
        staff_access.set_password_link_send(user=user, acting_user=administrator)
    assert refused.value.message == staff_access.DIRECTORY_ACCOUNT


def test_a_directory_director_still_owes_the_second_factor(client, slapd, director):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    assert log_in(client, "rlee").status_code == 302
    user = get_user_model().objects.get(username="rlee")
    from django.contrib.auth.models import Group

    with staff_access._authorize(user.pk):
        user.groups.add(Group.objects.get(name=str(Role.DIRECTOR)))
    client.logout()

    assert log_in(client, "rlee").status_code == 302
    response = client.get("/legal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/")


def test_without_a_server_uri_the_directory_is_not_asked(client, slapd):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    with override_settings(AUTH_LDAP_SERVER_URI=""):
        assert log_in(client, "rlee").status_code == 400
    assert not get_user_model().objects.filter(username="rlee").exists()


def test_no_password_reaches_the_log(client, slapd, caplog):
    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")
    with caplog.at_level(logging.DEBUG):
        log_in(client, "rlee", "a wrong secret phrase")
        log_in(client, "rlee")
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert PASSWORD not in text
    assert "a wrong secret phrase" not in text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_sign_ons_at_once_make_one_account(slapd):
    """Two requests of the same person's first sign-on, on two connections:
    one account, one link, one staff-access event, both signed on."""
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    from tests.concurrency import race

    slapd.add_person("rlee", PASSWORD, given="Robin", family="Lee")

    def sign_on():  # type: ignore[no-untyped-def]
        request = RequestFactory().post("/accounts/login/")
        return authenticate(request=request, username="rlee", password=PASSWORD)

    results = race([sign_on, sign_on])

    assert all(not isinstance(r, Exception) and r is not None for r in results), results
    assert results[0].pk == results[1].pk
    assert get_user_model().objects.filter(username="rlee").count() == 1
    assert DirectoryIdentity.objects.count() == 1
    assert StaffAccessEvent.objects.count() == 1
