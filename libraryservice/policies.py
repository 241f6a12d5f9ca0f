"""Role-level authorization: which capabilities a user holds.

Object-level rules live in each app's policies.py and build on these.
"""

from __future__ import annotations

from typing import Any

from libraryservice.roles import CAPABILITIES, Role, perm


def has_capability(user: Any, capability: str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.has_perm(perm(capability)))


def roles_of(user: Any) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def has_role(user: Any, role: Role | str) -> bool:
    return str(role) in roles_of(user)


def can_configure(user: Any) -> bool:
    return has_capability(user, "configure_library")


def navigation_for(user: Any) -> dict[str, bool]:
    """What the header offers this user; each target re-checks on its own."""
    return {cap: has_capability(user, cap) for cap in CAPABILITIES}
