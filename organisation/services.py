"""Writes of the library organisation."""

from __future__ import annotations

from django.db import transaction

from organisation.models import Branch, ServiceDesk, StaffProfile
from organisation.users import StaffUser


@transaction.atomic
def staff_profile_set(
    *, user: StaffUser, display_name: str, branch: Branch | None, desk: ServiceDesk | None
) -> StaffProfile:
    """Create or update `user`'s staff profile: the name patrons are told,
    the branch and the usual desk. Roles are not touched (they change only
    through staff_access.staff_roles_set)."""
    profile, created = StaffProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"display_name": display_name, "branch": branch, "desk": desk}
    )
    if not created:
        profile.display_name, profile.branch, profile.desk = display_name, branch, desk
        profile.save(update_fields=["display_name", "branch", "desk"])
    return profile
