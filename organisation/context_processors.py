from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.conf import settings
from django.http import HttpRequest

from organisation import policies
from organisation.users import AnyUser, signed_in


def staff(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    profile = None
    if user is not None and user.is_authenticated:
        profile = getattr(user, "staff_profile", None)
    return {
        "staff_profile": profile,
        # Worked out on first use: only a full page's header asks, and the
        # desk's htmx answers (every card scanned) never do.
        "nav": _Navigation(user),
        "idle_logout_seconds": settings.IDLE_LOGOUT_SECONDS,
        # Counted only when a full page shows it: htmx partials never ask.
        "unread_notices": _UnreadNotices(user),
    }


class _Navigation(Mapping[str, bool]):
    """navigation_for(user) (what the header offers), computed on first use."""

    def __init__(self, user: AnyUser | None) -> None:
        self._user = user
        self._pages: dict[str, bool] | None = None

    def _computed(self) -> dict[str, bool]:
        if self._pages is None:
            user = self._user
            self._pages = policies.navigation_for(user) if user is not None else {}
        return self._pages

    def __getitem__(self, name: str) -> bool:
        return self._computed()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._computed())

    def __len__(self) -> int:
        return len(self._computed())


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
