"""Who may take the library's data out: the Director, by name, on the
server (the export command names them; each exported patron's access
report shows it)."""

from __future__ import annotations

from typing import TypeGuard

from libraryservice.policies import has_role
from libraryservice.roles import Role
from libraryservice.users import StaffUser


def can_export_library(user: StaffUser | None) -> TypeGuard[StaffUser]:
    return bool(user is not None and user.is_active and has_role(user, Role.DIRECTOR))
