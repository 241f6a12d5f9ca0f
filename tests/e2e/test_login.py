"""Each role logs in through the browser and lands where its work is."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.browse import current_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANDING = {
    "volunteer": "/desk/",
    "desk": "/desk/",
    "supervisor": "/desk/",
    "director": "/desk/",
    "admin": "/admin/",
}


@pytest.mark.parametrize("username", list(LANDING))
def test_each_role_lands_on_its_own_page(browse, demo, username):
    browse.log_in(username, demo.password, totp_key=demo.key(username))
    assert browse.page.url.endswith(LANDING[username])
    browse.audit("landing")
    browse.page.get_by_role("button", name="Log out").click()
    browse.page.wait_for_url("**/accounts/login/")


def test_the_administrator_reaches_the_admin_and_sees_no_patron_data(browse, demo):
    from patrons.models import Patron

    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    page = browse.page
    body = page.content()
    assert "Site administration" in body
    for patron in Patron.objects.all():
        assert patron.last_name not in body
    for path in ("/admin/patrons/patron/", "/admin/circulation/loan/", "/admin/auditlog/logentry/"):
        response = page.goto(path)
        assert response.status in (403, 404), path
    browse.visit("/admin/libraryservice/branch/")
    assert page.get_by_role("link", name="Millbury Public Library").is_visible()
    page.get_by_role("link", name="Millbury Public Library").click()
    browse.audit("branch change form")


def test_a_wrong_password_is_refused_with_a_message(browse, demo):
    page = browse.page
    browse.visit("/accounts/login/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text().startswith("Your username and password")
    browse.audit("refused")


def test_the_director_enrolls_an_authenticator_from_the_typed_key(browse, demo):
    """First log-in: read the key as text (no camera), confirm one code."""
    TOTPDevice.objects.filter(user=demo.users["director"]).delete()
    page = browse.page
    browse.visit("/accounts/login/")
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/two-factor/setup/**")
    browse.audit("enrolment")
    assert page.get_by_role("img", name="QR code to scan with an authenticator app").is_visible()
    typed_key = page.locator("dl.secret code").inner_text().replace(" ", "")
    import base64

    key = base64.b32decode(typed_key + "=" * (-len(typed_key) % 8))
    page.get_by_label("6-digit code").fill(current_code(key))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/desk/")
    assert TOTPDevice.objects.get(user=demo.users["director"]).confirmed
