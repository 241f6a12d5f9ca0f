"""Staff sign-on with OpenID Connect, against a real provider (oidc-provider
under node) reached over HTTP: the authorization request, the provider's
own log-in form, the code, the token exchange and the ID token's signature
are all real."""

from __future__ import annotations

import html
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organisation import signon, staff_access
from organisation.models import DirectoryIdentity, PendingStaffChange, StaffAccessEvent
from organisation.roles import Role
from tests import factories

pytestmark = [pytest.mark.directory, pytest.mark.django_db]

PASSWORD = "provider password 42"


def add_pat(provider, **extra):  # type: ignore[no-untyped-def]
    return provider.add_account(
        "pat",
        PASSWORD,
        email="pat.lee@library.test",
        name="Pat Lee",
        given_name="Pat",
        family_name="Lee",
        **extra,
    )


def signed_in_user(client):  # type: ignore[no-untyped-def]
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def give_role(user, role: Role) -> None:  # type: ignore[no-untyped-def]
    with staff_access._authorize(user.pk):
        user.groups.add(Group.objects.get(name=str(role)))


def test_a_first_sign_on_creates_the_account_with_no_role_and_records_it(
    client, oidc_provider, provider_browser
):
    add_pat(oidc_provider)

    response = provider_browser.sign_on("pat", PASSWORD)

    assert response.status_code == 302
    user = signed_in_user(client)
    assert user is not None
    assert (user.username, user.email, user.first_name) == ("pat", "pat.lee@library.test", "Pat")
    assert not user.has_usable_password()
    assert staff_access.role_names(user) == set()
    identity = DirectoryIdentity.objects.get(user=user)
    assert (identity.provider, identity.subject) == ("oidc", "sub-pat")
    event = StaffAccessEvent.objects.get(user=user)
    assert event.kind == StaffAccessEvent.Kind.DIRECTORY_ACCOUNT_CREATED
    assert "OpenID Connect" in event.acting_username


def test_the_same_subject_signs_on_to_the_same_account(client, oidc_provider, provider_browser):
    add_pat(oidc_provider)
    provider_browser.sign_on("pat", PASSWORD)
    first = signed_in_user(client)
    client.logout()

    provider_browser.sign_on("pat", PASSWORD)

    assert signed_in_user(client) == first
    assert StaffAccessEvent.objects.count() == 1


def test_an_address_changed_at_the_provider_does_not_change_the_account(
    client, oidc_provider, provider_browser
):
    """A later change of address goes through dual control, not the provider."""
    add_pat(oidc_provider)
    provider_browser.sign_on("pat", PASSWORD)
    client.logout()
    oidc_provider.accounts["pat"]["email"] = "someone.else@library.test"
    oidc_provider.write()

    provider_browser.sign_on("pat", PASSWORD)

    assert signed_in_user(client).email == "pat.lee@library.test"


def test_a_local_account_with_the_same_address_is_never_taken_over(
    client, oidc_provider, provider_browser, branch
):
    director = factories.staff_user(str(Role.DIRECTOR), branch=branch, username="pat")
    director.email = "pat.lee@library.test"
    director.save()
    add_pat(oidc_provider)

    provider_browser.sign_on("pat", PASSWORD)

    user = signed_in_user(client)
    assert user != director
    assert user.username == "pat-2"
    assert staff_access.role_names(user) == set()


def test_a_group_claim_proposes_a_role_and_gives_none(
    client, oidc_provider, provider_browser, settings, director
):
    settings.OIDC_GROUP_ROLE_PROPOSALS = {"library-desk": str(Role.DESK_STAFF)}
    add_pat(oidc_provider, groups=["library-desk", "everyone"])

    provider_browser.sign_on("pat", PASSWORD)

    user = signed_in_user(client)
    assert staff_access.role_names(user) == set()
    change = PendingStaffChange.objects.get(user=user)
    assert change.roles == [str(Role.DESK_STAFF)]
    assert change.proposed_by.username == signon.DIRECTORY_ACCOUNT
    assert client.get("/desk/").status_code in (403, 404)


def test_an_account_the_provider_refuses_is_not_signed_on(client, oidc_provider, provider_browser):
    add_pat(oidc_provider)
    provider_browser.sign_on("pat", PASSWORD)
    client.logout()

    oidc_provider.disable("pat")
    response = provider_browser.sign_on("pat", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert signed_in_user(client) is None
    page = client.get("/accounts/login/")
    assert html.escape(signon.REFUSED) in page.content.decode()


def test_a_directory_session_is_checked_again_and_ends_when_the_provider_refuses(
    client, oidc_provider, provider_browser, settings, branch
):
    add_pat(oidc_provider)
    provider_browser.sign_on("pat", PASSWORD)
    give_role(signed_in_user(client), Role.DESK_STAFF)
    factories.StaffProfileFactory(user=signed_in_user(client), branch=branch)
    assert client.get("/desk/").status_code == 200

    # The re-check is due, and the directory disabled the account meanwhile.
    settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = 0
    session = client.session
    session["oidc_id_token_expiration"] = 0
    session.save()
    oidc_provider.disable("pat")

    silent = client.get("/desk/")
    assert silent.status_code == 302
    assert silent["Location"].startswith(oidc_provider.issuer)
    assert "prompt=none" in silent["Location"]
    back = provider_browser.follow(silent["Location"])

    assert back.status_code == 302
    assert signed_in_user(client) is None
    assert client.get("/desk/").status_code == 302


def test_a_directory_session_still_allowed_carries_on_after_the_check(
    client, oidc_provider, provider_browser, branch
):
    add_pat(oidc_provider)
    provider_browser.sign_on("pat", PASSWORD)
    user = signed_in_user(client)
    session = client.session
    session["oidc_id_token_expiration"] = 0
    session.save()

    silent = client.get("/")
    assert silent.status_code == 302
    assert silent["Location"].startswith(oidc_provider.issuer)
    back = provider_browser.follow(silent["Location"])

    assert back.status_code == 302
    assert back["Location"] != "/accounts/login/"
    assert signed_in_user(client) == user


@pytest.mark.parametrize(
    ("setting", "amr", "owes_code"),
    [
        ("provider", ["pwd", "mfa"], False),
        ("provider", ["pwd"], True),
        ("totp", ["pwd", "mfa"], True),
    ],
)
def test_the_director_owes_a_second_factor_unless_the_provider_asserts_one_and_may(
    client, oidc_provider, provider_browser, settings, branch, setting, amr, owes_code
):
    settings.SIGNON_SECOND_FACTOR = setting
    add_pat(oidc_provider, amr=amr)
    provider_browser.sign_on("pat", PASSWORD)
    user = signed_in_user(client)
    give_role(user, Role.DIRECTOR)
    factories.StaffProfileFactory(user=user, branch=branch)
    client.logout()

    provider_browser.sign_on("pat", PASSWORD)
    response = client.get("/legal/")

    if owes_code:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/two-factor/")
    else:
        assert response.status_code == 200


def test_the_acr_value_can_assert_the_second_factor(
    client, oidc_provider, provider_browser, settings, branch
):
    settings.SIGNON_SECOND_FACTOR = "provider"
    settings.OIDC_SECOND_FACTOR_ACR = ["urn:library:loa:2"]
    add_pat(oidc_provider, acr="urn:library:loa:2")
    provider_browser.sign_on("pat", PASSWORD)
    user = signed_in_user(client)
    give_role(user, Role.ADMINISTRATOR)
    user.is_staff = True  # as an administrator makes an administrator's account
    user.save(update_fields=["is_staff"])
    client.logout()

    provider_browser.sign_on("pat", PASSWORD)

    assert client.get("/admin/").status_code == 200


def test_a_password_sign_on_in_the_same_browser_does_not_inherit_the_assertion(
    client, oidc_provider, provider_browser, settings, branch
):
    settings.SIGNON_SECOND_FACTOR = "provider"
    add_pat(oidc_provider, amr=["mfa"])
    director = factories.staff_user(str(Role.DIRECTOR), branch=branch, username="local-director")
    director.set_password("local pw 1234")
    director.save()
    provider_browser.sign_on("pat", PASSWORD)

    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "local-director", "password": "local pw 1234"})

    response = client.get("/legal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_an_address_outside_the_allowed_domains_is_refused(
    client, oidc_provider, provider_browser, settings
):
    settings.OIDC_ALLOWED_EMAIL_DOMAINS = ["library.test"]
    oidc_provider.add_account("stranger", PASSWORD, email="someone@elsewhere.test")

    response = provider_browser.sign_on("stranger", PASSWORD)

    assert response["Location"] == "/accounts/login/"
    assert signed_in_user(client) is None
    assert not DirectoryIdentity.objects.exists()
    # The library's own domain still signs on.
    add_pat(oidc_provider)
    client.logout()
    provider_browser.http.cookies.clear()
    provider_browser.sign_on("pat", PASSWORD)
    assert signed_in_user(client).email == "pat.lee@library.test"


def test_a_forged_callback_is_refused_with_a_4xx(client, oidc_provider):
    response = client.get("/oidc/callback/?code=made-up&state=made-up")
    assert response.status_code in (302, 400)
    assert client.session.get("_auth_user_id") is None


def test_a_provider_out_of_reach_at_the_token_exchange_is_a_failed_sign_on(
    client, oidc_provider, provider_browser
):
    add_pat(oidc_provider)
    start = client.get("/oidc/authenticate/")

    response = provider_browser.follow(
        start["Location"], "pat", PASSWORD, before_return=oidc_provider.stop
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert signed_in_user(client) is None


def test_a_password_log_in_carrying_a_code_starts_no_token_exchange(client, oidc_provider):
    """Only the callback, which checked the state, may exchange a code."""
    response = client.post(
        "/accounts/login/?code=made-up&state=made-up", {"username": "x", "password": "y"}
    )
    assert response.status_code == 400
    assert client.session.get("_auth_user_id") is None


def test_without_a_client_id_there_is_no_openid_connect(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=a&state=b").status_code == 404
    assert "Sign in with" not in client.get("/accounts/login/").content.decode()


def test_the_log_in_page_offers_the_provider(client, oidc_provider):
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with the test provider" in page
    assert 'href="/oidc/authenticate/"' in page


def test_no_secret_or_token_reaches_the_log(client, oidc_provider, provider_browser, caplog):
    add_pat(oidc_provider)
    with caplog.at_level(logging.DEBUG):
        provider_browser.sign_on("pat", PASSWORD)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert PASSWORD not in text
    assert oidc_provider.client_secret not in text
    assert "eyJ" not in text  # no JWT (ID or access token)
