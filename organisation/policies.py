"""Role-level authorization: which capabilities a user holds.

Object-level rules live in each app's policies.py and build on these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import LazyObject, empty

from organisation.models import PendingStaffChange
from organisation.roles import Role, perm
from organisation.users import AnyUser, StaffUser

CONFIGURE = "configure_library"


_U = TypeVar("_U")


def has_capability(user: AnyUser | None, capability: str) -> bool:
    """Whether `user` holds `capability` through their roles.

    An account holding the administrator's capability holds no other: whoever
    configures the system reads nothing it protects (DESIGN section 4), even
    when an account was given a desk role as well before such role sets were
    refused (docs/dual-control.md). Superusers, made only on the command
    line, hold every capability.
    """
    name = perm(capability)  # KeyError for a capability that does not exist
    user = unwrapped_user(user)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True  # as user.has_perm() answers for an active superuser
    held = _permissions_of(user)
    if capability != CONFIGURE and perm(CONFIGURE) in held:
        return False
    return name in held


def unwrapped_user(user: _U) -> _U:
    """The user itself rather than request.user's lazy wrapper (two of
    them, the session's and django-otp's): every attribute read through a
    wrapper raises and catches an AttributeError on the way, which made a
    check cost ten times its work, a dozen times per desk page."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def _permissions_of(user: StaffUser) -> frozenset[str]:
    """The user's model-level permissions, read once per user object.

    user.has_perm() walks every authentication backend on each call; a desk
    page asks about a dozen capabilities (the header, the view, the
    template), so the set is kept on the user object, as Django's own
    backends keep theirs for the length of a request.
    """
    cached = getattr(user, "_capability_perms", None)
    if cached is None:
        cached = frozenset(user.get_all_permissions())
        user.__dict__["_capability_perms"] = cached
    return cached


def roles_of(user: AnyUser | None) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user.__dict__["_role_names"] = cached
    return cached


def has_role(user: AnyUser | None, role: Role | str) -> bool:
    return str(role) in roles_of(user)


def users_with_role(role: Role) -> QuerySet[StaffUser]:
    """The users given `role` (a group of the same name)."""
    return get_user_model().objects.filter(groups__name=str(role))


def users_with_any_role(roles: tuple[Role, ...]) -> QuerySet[StaffUser]:
    return get_user_model().objects.filter(groups__name__in=[str(r) for r in roles]).distinct()


def users_without_role(users: QuerySet[StaffUser], role: Role) -> QuerySet[StaffUser]:
    return users.exclude(groups__name=str(role))


def directors() -> QuerySet[Any]:
    """Active Directors, oldest account first. An account that also holds the
    administrator role is no Director (has_capability): it is neither told
    nor asked to confirm."""
    return (
        users_without_role(users_with_role(Role.DIRECTOR), Role.ADMINISTRATOR)
        .filter(is_active=True)
        .distinct()
        .order_by("pk")
    )


def branch_supervisors(branch_id: int) -> QuerySet[Any]:
    """Active supervisors whose staff profile is at the branch. As with
    directors(), an account that also holds the administrator role is none
    (has_capability)."""
    return (
        users_without_role(users_with_role(Role.SUPERVISOR), Role.ADMINISTRATOR)
        .filter(is_active=True, staff_profile__branch_id=branch_id)
        .distinct()
    )


def is_director(user: StaffUser) -> bool:
    """Holds the Director's role, and not the administrator's (which wins)."""
    return has_role(user, Role.DIRECTOR) and not has_role(user, Role.ADMINISTRATOR)


def can_review_branch_records(user: AnyUser | None) -> bool:
    """Supervisors and the Director: the branch's complaints, incidents and
    comment-card report."""
    return has_capability(user, "review_branch_complaints")


def can_handle_escalations(user: AnyUser | None) -> bool:
    """The Director's work: escalated complaints, reconsideration, staff access."""
    return has_capability(user, "handle_escalations")


# Capabilities that only the roles asked for a second factor hold. Checking
# them reads the permission cache the views fill anyway, instead of one more
# query for the user's groups on every request.
SECOND_FACTOR_CAPABILITIES = ("handle_escalations", "configure_library")


def holds_second_factor_capability(user: StaffUser) -> bool:
    return any(has_capability(user, cap) for cap in SECOND_FACTOR_CAPABILITIES)


def can_use_desk(user: StaffUser) -> bool:
    """Whether the user's work is at the service desk (circulation roles)."""
    return has_capability(user, "circulate")


def can_configure(user: AnyUser | None) -> bool:
    return has_capability(user, "configure_library")


def can_view_staff_access(user: StaffUser) -> bool:
    """The staff-access page is the Director's (DESIGN section 4): it shows
    who gave whom a role that reads patron data, and why."""
    return has_capability(user, "handle_escalations")


def can_decide_staff_change(user: StaffUser, change: Any) -> bool:
    """A Director confirms or refuses a change waiting for dual control, but
    never one they proposed nor one to their own account: a change proposed
    by a Director or made to a Director's account is thus confirmed by
    another Director (DESIGN section 4)."""
    return (
        can_view_staff_access(user)
        and user.pk != change.user_id
        and user.pk != change.proposed_by_id
    )


def staff_changes_visible_to(user: StaffUser) -> QuerySet[PendingStaffChange]:
    """The changes waiting for dual control (and decided ones) a user may see:
    the Directors see them all, everyone else none."""
    if not can_view_staff_access(user):
        return PendingStaffChange.objects.none()
    return PendingStaffChange.objects.all()


def access_staff_change(user: StaffUser, change_id: int) -> PendingStaffChange:
    """The change if `user` may see it; Http404 for forbidden and missing alike."""
    found = staff_changes_visible_to(user).filter(pk=change_id).first()
    if found is None:
        raise Http404("No such change.")
    return found


# Pages of apps above this one that the header offers: each app adds its
# entry and its own policy when it is ready (`offer_in_navigation`), so this
# module imports none of them.
_NAVIGATION: dict[str, Callable[[Any], bool]] = {}


def offer_in_navigation(name: str, check: Callable[[Any], bool]) -> None:
    """Offer the page `nav.<name>` in the header to whoever `check` answers
    yes for (called from the app's AppConfig.ready())."""
    _NAVIGATION[name] = check


def navigation_for(user: AnyUser | None) -> dict[str, bool]:
    """What the header offers this user, by page; each page re-checks on its own."""
    return {
        "desk": has_capability(user, "circulate"),
        "patrons": has_capability(user, "manage_patrons"),
        "concerns": has_capability(user, "log_desk_records"),
        "review": can_review_branch_records(user),
        "directors_desk": can_handle_escalations(user),
        "administration": can_configure(user),
    } | {name: check(user) for name, check in _NAVIGATION.items()}
