"""Reads about the organisation: who works where."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from organisation.models import Branch, StaffProfile
from organisation.users import StaffUser


def staff_profile_for(user: StaffUser) -> StaffProfile | None:
    """The user's profile with branch and system, cached on the user so the
    header and the desk share one query (none at all when the user was
    loaded by organisation.auth's backend, which selects it along)."""
    cached = getattr(user, "_desk_profile", None)
    if cached is not None:
        return cached
    if getattr(user, "pk", None) is None:
        return None
    descriptor = get_user_model().staff_profile
    profile: StaffProfile | None
    if descriptor.is_cached(user):
        profile = descriptor.related.get_cached_value(user)  # type: ignore[assignment]
    else:
        profile = (
            StaffProfile.objects.select_related("branch__system", "desk").filter(user=user).first()
        )
        # Fill Django's reverse one-to-one cache: the context processor
        # reads user.staff_profile.
        descriptor.related.set_cached_value(user, profile)
    if profile is not None:
        user.__dict__["_desk_profile"] = profile
    return profile


def staff_branch(user: StaffUser) -> Branch | None:
    profile = staff_profile_for(user)
    return profile.branch if profile is not None else None
