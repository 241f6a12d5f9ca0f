"""What a terminal may do is a declared capability of the desk's own table
(sip2.policies.TERMINAL_CAPABILITIES), checked by has_capability through
an authentication backend, as a desk user's capabilities are: nothing is
granted in memory by the code that acts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from circulation import policies as circulation_policies
from organisation.policies import has_capability
from organisation.roles import CAPABILITIES, Role
from sip2 import policies, services
from sip2.models import Terminal
from tests import factories
from tests.sip2.helpers import DATE, PASSWORD, admin, logged_in, signed, terminal

pytestmark = pytest.mark.django_db


def test_every_declared_terminal_capability_is_one_of_the_desk_table():
    assert set(policies.TERMINAL_CAPABILITIES) == set(Terminal.Kind.values)
    for capabilities in policies.TERMINAL_CAPABILITIES.values():
        assert set(capabilities) <= set(CAPABILITIES)


def _loaded(t: Terminal) -> Terminal:
    """The terminal as the server loads it at login."""
    found = services.terminal_login(login=t.login, password=PASSWORD, peer="127.0.0.1")
    assert found is not None
    return found


@pytest.mark.parametrize("capability", list(CAPABILITIES))
@pytest.mark.parametrize("kind", list(Terminal.Kind.values))
def test_a_terminal_holds_exactly_what_its_kind_declares(kind, capability):
    t = _loaded(terminal(factories.BranchFactory(), kind=kind))
    actor = policies.terminal_actor(t)
    expected = capability in policies.TERMINAL_CAPABILITIES[kind]
    assert has_capability(actor, capability) is expected


def test_a_self_check_machine_circulates_as_the_desk_does_and_overrides_nothing():
    t = _loaded(terminal(factories.BranchFactory()))
    actor = policies.terminal_actor(t)
    assert circulation_policies.can_circulate(actor)
    assert not circulation_policies.can_override_blocks(actor)
    # Held through the permission check, not written on the account.
    assert actor.get_all_permissions() == {"libraryservice.circulate"}
    assert not actor.user_permissions.exists() and not actor.groups.exists()


def test_the_terminal_account_alone_or_a_revoked_terminal_holds_nothing():
    branch = factories.BranchFactory()
    t = _loaded(terminal(branch))
    alone = get_user_model().objects.get(pk=t.user_id)
    assert not has_capability(alone, "circulate")
    services.terminal_revoke(terminal=t, acting_user=admin(branch))
    revoked = Terminal.objects.select_related("user").get(pk=t.pk)
    assert not has_capability(revoked.user, "circulate")


def test_the_backend_costs_a_desk_user_no_query():
    desk_user = factories.staff_user(Role.DESK_STAFF, branch=factories.BranchFactory())
    desk_user = get_user_model().objects.get(pk=desk_user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert has_capability(desk_user, "circulate")
    assert len(queries) == 1  # the desk's own single permissions query


def test_a_self_check_machine_lends_and_a_pc_reservation_system_is_refused():
    branch = factories.BranchFactory(code="main")
    card = factories.CardFactory(patron__home_branch=branch)
    item = factories.ItemFactory(home_branch=branch)
    kiosk = logged_in(terminal(branch, requires_pin=False))
    lent = kiosk.answer(signed(f"11YN{DATE}{' ' * 18}AOmain|AA{card.barcode}|AB{item.barcode}|"))
    assert lent is not None and lent.startswith("121"), lent
    pc = logged_in(terminal(branch, login="pc", kind=Terminal.Kind.PC_RESERVATION))
    refused = pc.answer(signed(f"09N{DATE}{DATE}APmain|AOmain|AB{item.barcode}|AC|"))
    assert refused is not None and refused.startswith("100"), refused
