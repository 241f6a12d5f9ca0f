"""Reads about the organisation: who works where."""

from __future__ import annotations

from typing import Any

from libraryservice.models import Branch, StaffProfile


def staff_profile_for(user: Any) -> StaffProfile | None:
    """The user's profile with branch and system, cached on the user so the
    header and the desk share one query."""
    cached = getattr(user, "_desk_profile", None)
    if cached is not None:
        return cached
    profile = (
        StaffProfile.objects.select_related("branch__system", "desk").filter(user=user).first()
    )
    if profile is not None:
        # Fill Django's reverse one-to-one cache: the context processor
        # reads user.staff_profile.
        user.staff_profile = profile
        user._desk_profile = profile
    return profile


def staff_branch(user: Any) -> Branch | None:
    profile = staff_profile_for(user)
    return profile.branch if profile is not None else None
