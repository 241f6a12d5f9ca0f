from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from libraryservice import policies
from libraryservice.users import AnyUser, signed_in


def staff(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    profile = None
    if user is not None and user.is_authenticated:
        profile = getattr(user, "staff_profile", None)
    return {
        "staff_profile": profile,
        "nav": policies.navigation_for(user) if user is not None else {},
        "idle_logout_seconds": settings.IDLE_LOGOUT_SECONDS,
        # Counted only when a full page shows it: htmx partials never ask.
        "unread_notices": _UnreadNotices(user),
    }


class _UnreadNotices:
    """The user's unread-notice count, queried on first use in a template."""

    def __init__(self, user: AnyUser | None) -> None:
        self._user = user
        self._count: int | None = None

    def __call__(self) -> int:
        if self._count is None:
            from notices.selectors import notices_unread_count

            user = self._user
            self._count = notices_unread_count(user=user) if signed_in(user) else 0
        return self._count
