"""Role-level authorization: which capabilities a user holds.

Object-level rules live in each app's policies.py and build on these.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from libraryservice.roles import CAPABILITIES, Role, perm


def has_capability(user: Any, capability: str) -> bool:
    name = perm(capability)  # KeyError for a capability that does not exist
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True  # as user.has_perm() answers for an active superuser
    return name in _permissions_of(user)


def _permissions_of(user: Any) -> frozenset[str]:
    """The user's model-level permissions, read once per user object.

    user.has_perm() walks every authentication backend on each call; a desk
    page asks about a dozen capabilities (the header, the view, the
    template), so the set is kept on the user object, as Django's own
    backends keep theirs for the length of a request.
    """
    cached = getattr(user, "_capability_perms", None)
    if cached is None:
        cached = frozenset(user.get_all_permissions())
        user._capability_perms = cached
    return cached


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


def users_with_role(role: Role) -> QuerySet[Any]:
    """The users given `role` (a group of the same name)."""
    return get_user_model().objects.filter(groups__name=str(role))


def can_use_desk(user: Any) -> bool:
    """Whether the user's work is at the service desk (circulation roles)."""
    return has_capability(user, "circulate")


def can_configure(user: Any) -> bool:
    return has_capability(user, "configure_library")


def can_view_staff_access(user: Any) -> bool:
    """The staff-access page is the Director's (DESIGN section 4): it shows
    who gave whom a role that reads patron data, and why."""
    return has_capability(user, "handle_escalations")


def navigation_for(user: Any) -> dict[str, bool]:
    """What the header offers this user; each target re-checks on its own."""
    return {cap: has_capability(user, cap) for cap in CAPABILITIES}
