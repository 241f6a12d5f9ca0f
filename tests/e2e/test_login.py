"""Each role logs in through the browser and lands where its work is."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.browse import current_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

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
    assert "Library Service Desk administration" in body
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


def test_an_administrator_sends_a_set_password_link_and_its_owner_uses_it(browse, demo):
    """Nobody but the owner sets a password: the admin asks for a link, a
    Director confirms it (the desk account reads patron data: dual control),
    and the owner opens it from the e-mail and chooses one."""
    import re

    from django.core import mail

    desk = demo.users["desk"]
    desk.email = "dana@example.org"
    desk.save(update_fields=["email"])
    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    browse.visit(f"/admin/auth/user/{desk.pk}/change/")
    page.get_by_role("link", name="Send a set-password link").click()
    page.wait_for_load_state("load")
    browse.audit("send a set-password link")
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_url(f"**/admin/auth/user/{desk.pk}/change/")
    assert "the set-password link is sent once a Director confirms it" in page.content()
    assert not [m for m in mail.outbox if "dana@example.org" in m.to]
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")

    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit("/staff-access/pending/")
    page.get_by_role("link", name="A set-password link is sent to desk").click()
    page.wait_for_load_state("load")
    browse.audit("the link waiting for confirmation")
    page.get_by_role("button", name="Confirm the change").click()
    page.wait_for_load_state("load")
    (sent,) = [m for m in mail.outbox if "dana@example.org" in m.to]
    path = re.search(r"https?://[^/\s]+(/accounts/set-password/\S+)", sent.body)
    assert path, sent.body
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")

    browse.visit(path.group(1))
    assert "Choose your password" in page.content()
    page.get_by_label("New password", exact=True).fill("Quiet-Reading-Room-7")
    page.get_by_label("New password confirmation").fill("Quiet-Reading-Room-7")
    page.get_by_role("button", name="Save my password").click()
    page.wait_for_url("**/accounts/set-password/done/")
    browse.audit("password saved")
    browse.log_in("desk", "Quiet-Reading-Room-7")
    assert page.url.endswith("/desk/")


def test_an_administrator_s_own_account_page_shows_roles_read_only(browse, demo):
    admin = demo.users["admin"]
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    browse.visit(f"/admin/auth/user/{admin.pk}/change/")
    page = browse.page
    assert "another administrator changes your roles" in page.content()
    assert page.locator("input[name=groups]").count() == 0
    assert page.get_by_role("link", name="Reset the second factor").count() == 0
