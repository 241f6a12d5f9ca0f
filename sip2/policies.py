"""Who may manage SIP2 terminals and patron PINs, and what a terminal may
do: the only place this app decides authorization."""

from __future__ import annotations

from circulation import policies as circulation_policies
from organisation.policies import can_configure
from organisation.roles import perm
from organisation.users import StaffUser
from patrons.models import Patron
from patrons.policies import can_view_patron
from sip2.models import Terminal

# SIP2 messages each kind of terminal may send once logged in. A
# PC-reservation system only asks who a patron is and whether they may
# use a computer; it never lends, returns, renews or takes money.
SELF_CHECK_MESSAGES = frozenset(
    {"93", "99", "63", "23", "11", "09", "29", "65", "17", "35", "37", "97"}
)
PC_RESERVATION_MESSAGES = frozenset({"93", "99", "63", "23", "35", "97"})

# The desk's capabilities (organisation/roles.py) each kind of terminal
# holds, checked by the same `has_capability` as a desk user's. A
# self-check machine lends, returns, renews and takes payments as the desk
# does, and no more (it never overrides a block, never sees contact
# details); a PC-reservation system holds none.
TERMINAL_CAPABILITIES: dict[str, tuple[str, ...]] = {
    Terminal.Kind.SELF_CHECK: ("circulate",),
    Terminal.Kind.PC_RESERVATION: (),
}


def can_manage_terminals(user: StaffUser) -> bool:
    """Create, revoke and review SIP2 terminal accounts (administrators)."""
    return can_configure(user)


def may_manage_pins(user: StaffUser) -> bool:
    """Whether the user's role sets and unlocks PINs at all: the desk
    roles, which circulate."""
    return circulation_policies.can_circulate(user)


def can_manage_pin(user: StaffUser, patron: Patron) -> bool:
    """Set, reset or unlock a patron's PIN at the desk, for the
    cardholder standing there."""
    return may_manage_pins(user) and can_view_patron(user, patron)


def messages_for(terminal: Terminal) -> frozenset[str]:
    """The request codes `terminal` may send after logging in."""
    if terminal.is_self_check:
        payments = {"37"} if terminal.takes_payments else set()
        return (SELF_CHECK_MESSAGES - {"37"}) | payments
    return PC_RESERVATION_MESSAGES


def terminal_actor(terminal: Terminal) -> StaffUser:
    """The terminal's account as the circulation services' acting user.

    A terminal is not staff: its account holds no role and no permission
    row, so the staff-access guard never sees it and the admin cannot give
    it one. What it may do is the capabilities its kind declares
    (TERMINAL_CAPABILITIES), which `sip2.auth.TerminalPermissionBackend`
    reports for the account of a terminal loaded with it: the circulation
    services' own `has_capability` checks then pass or refuse as they do
    for the desk.
    """
    return terminal.user


def terminal_permissions(terminal: Terminal) -> frozenset[str]:
    """The permission names of the capabilities `terminal`'s kind holds."""
    return frozenset(perm(capability) for capability in TERMINAL_CAPABILITIES[terminal.kind])
