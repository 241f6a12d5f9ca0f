"""The terminal admin and the desk's PIN page, through the real views."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse

from organisation.roles import Role
from sip2 import services
from sip2.models import PatronPin, Terminal
from sip2.views import PIN_SET, PIN_UNLOCKED
from tests import factories
from tests.sip2.helpers import patron_with_pin

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch():
    return factories.BranchFactory(code="main")


def test_an_administrator_creates_a_terminal_with_a_hashed_password(admin_client, branch):
    response = admin_client.post(
        reverse("admin:sip2_terminal_add"),
        {
            "login": "lobby1",
            "label": "Lobby self-check",
            "kind": Terminal.Kind.SELF_CHECK,
            "branch": branch.pk,
            "checksums": "on",
            "encoding": Terminal.Encoding.CP850,
            "requires_pin": "on",
            "password": "s3cret-terminal",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    terminal = Terminal.objects.get(login="lobby1")
    assert terminal.password_hash != "s3cret-terminal"
    assert check_password("s3cret-terminal", terminal.password_hash)
    assert terminal.user.staff_profile.display_name == "Lobby self-check"
    assert not terminal.user.has_usable_password()
    assert terminal.user.groups.count() == 0


def test_a_terminal_without_a_password_is_not_created(admin_client, branch):
    response = admin_client.post(
        reverse("admin:sip2_terminal_add"),
        {"login": "x", "label": "X", "kind": Terminal.Kind.SELF_CHECK, "branch": branch.pk,
         "encoding": Terminal.Encoding.UTF8},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Terminal.objects.exists()


def test_revoking_from_the_admin_stops_logins_and_last_use_is_listed(admin_client, branch):
    from tests.sip2.helpers import PASSWORD, terminal

    t = terminal(branch)
    assert services.terminal_login(login="kiosk1", password=PASSWORD, peer="p") is not None
    listing = admin_client.get(reverse("admin:sip2_terminal_changelist"))
    assert b"Kiosk kiosk1" in listing.content
    admin_client.post(
        reverse("admin:sip2_terminal_changelist"),
        {"action": "revoke", "_selected_action": [t.pk]},
    )
    t.refresh_from_db()
    assert t.revoked_at is not None and t.last_used_at is not None
    assert services.terminal_login(login="kiosk1", password=PASSWORD, peer="p") is None


def test_the_cardholder_sets_a_pin_at_the_desk_and_it_is_kept_hashed(client, branch):
    card = factories.CardFactory(patron__home_branch=branch)
    client.force_login(factories.staff_user(Role.DESK_STAFF, branch=branch))
    url = reverse("sip2:pin", args=[card.patron.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"pin": "2468", "confirm": "2468"}, follow=True)
    assert PIN_SET in response.content.decode()
    pin = PatronPin.objects.get(patron=card.patron)
    assert "2468" not in pin.pin_hash and check_password("2468", pin.pin_hash)


@pytest.mark.parametrize(
    ("pin", "confirm", "message"),
    [("", "", "This field is required."), ("12", "12", services.PIN_SHAPE),
     ("1234", "4321", services.PIN_MISMATCH), ("12ab", "12ab", services.PIN_SHAPE)],
)  # fmt: skip
def test_a_bad_pin_is_refused_with_a_message_and_nothing_saved(
    client, branch, pin, confirm, message
):
    card = factories.CardFactory(patron__home_branch=branch)
    client.force_login(factories.staff_user(Role.DESK_STAFF, branch=branch))
    response = client.post(
        reverse("sip2:pin", args=[card.patron.pk]), {"pin": pin, "confirm": confirm}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PatronPin.objects.exists()


def test_the_desk_unlocks_a_locked_card(client, branch, settings):
    settings.SIP2_PIN_MAX_FAILURES = 1
    card = patron_with_pin(branch)
    assert services.pin_check(patron=card.patron, pin="0000") is services.PinCheck.LOCKED
    client.force_login(factories.staff_user(Role.DESK_STAFF, branch=branch))
    page = client.get(reverse("sip2:pin", args=[card.patron.pk])).content.decode()
    assert "Locked" in page
    response = client.post(reverse("sip2:pin_unlock", args=[card.patron.pk]), follow=True)
    assert PIN_UNLOCKED in response.content.decode()
    assert services.pin_check(patron=card.patron, pin="4321") is services.PinCheck.OK


def test_renaming_a_terminal_renames_it_on_access_reports(admin_client, branch):
    from tests.sip2.helpers import terminal

    t = terminal(branch)
    response = admin_client.post(
        reverse("admin:sip2_terminal_change", args=[t.pk]),
        {"label": "Children's self-check", "kind": t.kind, "branch": branch.pk,
         "checksums": "on", "encoding": t.encoding, "requires_pin": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    t.refresh_from_db()
    assert t.label == "Children's self-check"
    assert t.user.staff_profile.display_name == "Children's self-check"
