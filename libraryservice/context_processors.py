from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from libraryservice import policies


def staff(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    profile = None
    if user is not None and user.is_authenticated:
        profile = getattr(user, "staff_profile", None)
    return {
        "staff_profile": profile,
        "nav": policies.navigation_for(user) if user is not None else {},
        "idle_logout_seconds": settings.IDLE_LOGOUT_SECONDS,
    }
