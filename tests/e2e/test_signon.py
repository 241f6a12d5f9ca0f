"""Signing on through the library's OpenID Connect provider, in Chromium:
the real redirect to a real provider (oidc-provider under node), its log-in
form, and back; axe checks this application's pages on the way."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model

from organisation.models import DirectoryIdentity, StaffAccessEvent
from tests.signon.servers import OidcProvider

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.directory,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # CI's late-evening pass shifts the clocks of the app and of the provider
    # (clock.mjs) but not Chromium's: the provider's interaction cookies,
    # dated by its shifted clock, have expired when the browser gets them.
    # tests/signon runs the same sign-ons at that hour without a browser;
    # these run in CI's first pass at the real time.
    pytest.mark.skipif(
        bool(os.environ.get("LIBRARY_CLOCK_OFFSET_SECONDS")),
        reason="the browser keeps the real time while the provider's clock is shifted",
    ),
]

PASSWORD = "provider password 42"


@pytest.fixture
def provider(live_server, tmp_path, settings):  # type: ignore[no-untyped-def]
    server = OidcProvider(
        folder=tmp_path / "oidc", redirect_uris=[f"{live_server.url}/oidc/callback/"]
    )
    server.start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    server.add_account(
        "pat",
        PASSWORD,
        email="pat.lee@library.test",
        name="Pat Lee",
        given_name="Pat",
        family_name="Lee",
    )
    yield server
    server.stop()


def sign_in_at_the_provider(browse, provider, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page = browse.page
    browse.visit("/accounts/login/")
    page.get_by_role("link", name="Sign in with the test provider").click()
    page.wait_for_url(f"{provider.issuer}/interaction/**")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{browse.base_url}/**")
    page.wait_for_load_state("load")


def test_a_first_sign_on_through_the_provider_lands_signed_in_with_no_role(browse, provider):
    sign_in_at_the_provider(browse, provider, "pat", PASSWORD)

    page = browse.page
    assert "/accounts/login/" not in page.url
    assert page.get_by_role("button", name="Log out").is_visible()
    browse.audit("signed on by the provider")
    user = get_user_model().objects.get(directory_identity__subject="sub-pat")
    assert DirectoryIdentity.objects.get(user=user).provider == "oidc"
    assert user.groups.count() == 0
    assert StaffAccessEvent.objects.filter(
        user=user, kind=StaffAccessEvent.Kind.DIRECTORY_ACCOUNT_CREATED
    ).exists()


def test_an_account_the_provider_refuses_comes_back_to_the_log_in_page_with_a_message(
    browse, provider
):
    provider.disable("pat")

    sign_in_at_the_provider(browse, provider, "pat", PASSWORD)

    page = browse.page
    assert page.url.endswith("/accounts/login/")
    assert "did not sign you on" in page.get_by_role("status").inner_text()
    browse.audit("refused by the provider")
    assert not get_user_model().objects.filter(directory_identity__subject="sub-pat").exists()
