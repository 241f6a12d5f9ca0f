"""Who may take the library's data out: the Director, by name, on the
server (the export command names them; each exported patron's access
report shows it)."""

from __future__ import annotations

from typing import TypeGuard

from organisation.policies import has_role
from organisation.roles import Role
from organisation.users import StaffUser


def can_export_library(user: StaffUser | None) -> TypeGuard[StaffUser]:
    return bool(user is not None and user.is_active and has_role(user, Role.DIRECTOR))
