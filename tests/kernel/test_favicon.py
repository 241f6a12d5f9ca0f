"""The site icon: linked from every page, and /favicon.ico is no 404."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from organisation.roles import Role

pytestmark = pytest.mark.django_db

ICON_LINK = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'


def test_favicon_ico_answers_with_the_icon_for_anonymous_users(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<svg")
    assert "max-age=86400" in response["Cache-Control"]
    assert client.head("/favicon.ico").status_code == 200


def test_favicon_ico_is_served_before_the_second_factor(client, make_staff, settings):
    """A Director who has not yet given the code still gets the icon, not a
    redirect to the second-factor page."""
    settings.REQUIRE_TWO_FACTOR = True
    client.force_login(make_staff(Role.DIRECTOR, username="t-icon-director"))
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"


def test_pages_link_the_icon(client, desk_staff):
    assert ICON_LINK in client.get(reverse("login")).content.decode()
    client.force_login(desk_staff)
    assert ICON_LINK in client.get(reverse("desk:screen")).content.decode()


def test_admin_pages_link_the_icon(admin_client):
    assert ICON_LINK in admin_client.get(reverse("admin:index")).content.decode()


def test_the_icon_makes_no_third_party_request():
    path = finders.find("favicon.svg")
    assert path
    with open(path, encoding="utf-8") as f:
        svg = f.read()
    # The only URL is the XML namespace name, which nothing fetches.
    assert re.findall(r"https?://[^\s\"']+", svg) == ["http://www.w3.org/2000/svg"]
    assert "href" not in svg
    assert "url(" not in svg
