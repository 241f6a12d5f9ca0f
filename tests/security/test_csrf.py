"""CSRF: no URL accepts a POST that lacks the token."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from organisation.roles import Role
from tests.security.authorization_table import (
    ALLOWED,
    ANONYMOUS,
    EXPECTED,
)
from tests.security.urlwalk import app_routes

pytestmark = pytest.mark.django_db

EXPIRED = "This page has expired"
# URLs no cookie authenticates, so that CSRF cannot apply: the station
# endpoint takes a station's token in a header (computers/api.py), and
# answers 401 to anything without one.
CSRF_EXEMPT = {
    "computers:api_state",
    "computers:api_start",
    "computers:api_end",
    "computers:api_root",
    "computers:api_other",
}


def _post_urls(world):
    """(url, role that may use it) for every app URL and every admin add/change form."""
    names = {r.name for r in app_routes()}
    for name, check in EXPECTED.items():
        if (name not in names and name != "admin_login") or name in CSRF_EXEMPT:
            continue
        role = next((r for r, v in check.expected.items() if v == ALLOWED), ANONYMOUS)
        yield reverse(name, kwargs=check.args(world) if check.args else {}), role
    for model in admin.site._registry:
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), Role.ADMINISTRATOR.value


def test_every_url_refuses_a_post_without_the_csrf_token(world):
    accepted = []
    checked = 0
    for url, role in _post_urls(world):
        client = Client(enforce_csrf_checks=True)
        if role != ANONYMOUS:
            client.force_login(world.users[role])
        response = client.post(url, {"username": "x", "password": "y", "token": "123456"})
        checked += 1
        if response.status_code != 403 or EXPIRED not in response.content.decode():
            accepted.append(f"{url} as {role}: {response.status_code}")
    assert checked >= len(EXPECTED) - len(CSRF_EXEMPT)
    assert accepted == []


def test_a_post_with_the_token_gets_through(world):
    """The check above fails for the right reason: with a token the same POST passes CSRF."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"))
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 400
    assert EXPIRED not in response.content.decode()
