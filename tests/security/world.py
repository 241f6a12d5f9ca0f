"""The objects URL arguments point at, for the matrix and the other security tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from libraryservice.roles import Role
from tests import factories


@dataclass
class World:
    """The objects a URL's arguments point at, built once per test."""

    branch: Any
    other_branch: Any
    users: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def patron(self) -> Any:
        return self.once("patron", lambda: factories.PatronFactory(home_branch=self.branch))

    def card(self) -> Any:
        return self.once("card", lambda: factories.CardFactory(patron=self.patron()))


def build_world(branch: Any, other_branch: Any) -> World:
    """One user per role at `branch`; the administrator is_staff as seed_demo makes it."""
    users = {}
    for role in Role:
        user = factories.staff_user(role.value, branch=branch, username=f"m-{role.value}")
        if role == Role.ADMINISTRATOR:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        users[role.value] = user
    return World(branch=branch, other_branch=other_branch, users=users)
