"""Fixtures: a real slapd and a real OpenID Connect provider per test."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from tests.signon.servers import OidcProvider, Slapd

TEST_CALLBACK = "http://testserver/oidc/callback/"


@pytest.fixture
def slapd(tmp_path, settings):  # type: ignore[no-untyped-def]
    """An empty directory on its own slapd, and sign-on pointed at it."""
    server = Slapd(folder=tmp_path / "slapd")
    server.start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.stop()


@pytest.fixture
def oidc_provider(tmp_path, settings):  # type: ignore[no-untyped-def]
    """oidc-provider on its own port, and sign-on pointed at it."""
    provider = OidcProvider(folder=tmp_path / "oidc", redirect_uris=[TEST_CALLBACK])
    provider.start()
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    yield provider
    provider.stop()


class ProviderBrowser:
    """Follows the provider's redirects and fills its log-in form over HTTP,
    keeping the provider's cookies, while the Django test client plays the
    browser on this application's side."""

    def __init__(self, client: Any) -> None:
        import requests

        self.client = client
        self.http = requests.Session()

    def follow(
        self,
        location: str,
        username: str = "",
        password: str = "",
        before_return: Any = None,
    ) -> Any:
        """Follow `location` (on the provider) until the provider sends the
        browser back here; returns this application's answer to that.
        `before_return` runs just before the browser comes back."""
        for _ in range(20):
            if location.startswith("http://testserver/"):
                if before_return is not None:
                    before_return()
                parts = urlsplit(location)
                return self.client.get(f"{parts.path}?{parts.query}")
            response = self.http.get(location, allow_redirects=False, timeout=10)
            if response.is_redirect:
                location = urljoin(location, response.headers["Location"])
                continue
            assert response.status_code == 200, response.text[:500]
            assert '<form method="post"' in response.text, response.text[:500]
            action = urljoin(location, response.text.split('action="')[1].split('"')[0])
            posted = self.http.post(
                action,
                data={"username": username, "password": password},
                allow_redirects=False,
                timeout=10,
            )
            assert posted.is_redirect, posted.text[:500]
            location = urljoin(action, posted.headers["Location"])
        raise AssertionError("the provider never sent the browser back")

    def sign_on(self, username: str, password: str, next_path: str = "") -> Any:
        path = "/oidc/authenticate/" + (f"?next={next_path}" if next_path else "")
        start = self.client.get(path)
        assert start.status_code == 302, start
        return self.follow(start["Location"], username, password)


@pytest.fixture
def provider_browser(client):  # type: ignore[no-untyped-def]
    return ProviderBrowser(client)
