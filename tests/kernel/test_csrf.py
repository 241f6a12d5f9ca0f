"""kernel.csrf.masked_token: Django's CSRF token, masked as Django masks
it, for the desk's answers. What matters is that Django's own middleware
takes it, that each answer's mask is new, and that a request without a
secret yet gets one as get_token() gives it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,
)
from django.test import Client, RequestFactory

from kernel.csrf import masked_token

pytestmark = pytest.mark.django_db

SECRET = "abcdefghijklmnopqrstuvwxyzABCDEF"


def _request(secret: str | None = SECRET):
    request = RequestFactory().get("/")
    if secret is not None:
        request.META["CSRF_COOKIE"] = secret
    return request


def test_the_token_is_the_secret_under_a_new_mask_each_time():
    request = _request()
    tokens = {masked_token(request) for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(token) == CSRF_TOKEN_LENGTH
        assert set(token) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == SECRET
    # The cookie is not marked for sending again.
    assert "CSRF_COOKIE_NEEDS_UPDATE" not in request.META


def test_every_mask_character_turns_up():
    """The masks are drawn evenly over the 62 characters (none left out, as
    a biased draw would leave some rare): over 200 masks of 32, each of the
    62 appears, and none more than twice as often as it should."""
    counts = dict.fromkeys(CSRF_ALLOWED_CHARS, 0)
    request = _request()
    for _ in range(200):
        for char in masked_token(request)[:32]:
            counts[char] += 1
    expected = 200 * 32 / 62
    assert min(counts.values()) > 0
    assert max(counts.values()) < 2 * expected


def test_without_a_secret_yet_it_is_django_s_get_token():
    """No CSRF cookie came with the request: get_token() makes the secret
    and has the cookie set on the answer."""
    request = _request(None)
    token = masked_token(request)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]


def test_django_s_middleware_takes_the_desk_s_token(desk_staff, card):
    """A form the scan's answer wrote posts through CsrfViewMiddleware with
    its checks on; a made-up token does not."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk_staff)
    client.get("/desk/")  # the page sets the CSRF cookie
    assert settings.CSRF_COOKIE_NAME in client.cookies
    page = client.get("/desk/").content.decode()
    first = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = client.post(
        "/desk/scan/",
        {"barcode": card.barcode, "csrfmiddlewaretoken": first},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.content.decode()).group(
        1
    )
    again = client.post(
        "/desk/next/", {"csrfmiddlewaretoken": token, "patron": ""}, HTTP_HX_REQUEST="true"
    )
    assert again.status_code == 200
    forged = client.post(
        "/desk/next/", {"csrfmiddlewaretoken": "a" * 64, "patron": ""}, HTTP_HX_REQUEST="true"
    )
    assert forged.status_code == 403
