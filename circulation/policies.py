"""Who may circulate, override checkout blocks and waive fees."""

from __future__ import annotations

from typing import Any

from libraryservice.policies import has_capability


def can_circulate(user: Any) -> bool:
    """Check out, check in, renew, place and cancel holds, take payments."""
    return has_capability(user, "circulate")


def can_override_blocks(user: Any) -> bool:
    """Lend despite an overridable block, giving a reason (supervisors up)."""
    return has_capability(user, "circulate") and has_capability(user, "override_blocks")


def can_waive_fees(user: Any) -> bool:
    """Waive a fee with a reason: supervisors and the director."""
    return has_capability(user, "circulate") and has_capability(user, "override_blocks")


def can_declare_lost(user: Any) -> bool:
    """Declare a loan's item lost, charging its replacement cost: staff
    roles, not volunteers (it puts a fee on the patron's record)."""
    return has_capability(user, "circulate") and has_capability(user, "manage_patrons")
