"""The five roles of DESIGN section 4 and the capabilities each one holds.

The table is the single statement of who may do what at the role level. The
migrations that create and change the groups hold frozen copies of it: an
edit here needs a new migration (a test compares the migrated groups with
it). Object-level rules (a complaint about oneself, another branch) live in
each app's policies.py.
"""

from django.db import models


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", "Volunteer"
    DESK_STAFF = "desk_staff", "Desk staff"
    SUPERVISOR = "supervisor", "Supervisor"
    DIRECTOR = "director", "Director"
    ADMINISTRATOR = "administrator", "Administrator"


DESK_ROLES = (Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)
STAFF_ROLES = (Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)

CAPABILITIES: dict[str, tuple[str, ...]] = {
    "circulate": DESK_ROLES,
    "view_patron_contact": STAFF_ROLES,
    "manage_patrons": STAFF_ROLES,
    "run_disclosure": STAFF_ROLES,
    "view_loan_history": STAFF_ROLES,
    "log_desk_records": DESK_ROLES,
    "override_blocks": (Role.SUPERVISOR, Role.DIRECTOR),
    "review_branch_complaints": (Role.SUPERVISOR, Role.DIRECTOR),
    "handle_escalations": (Role.DIRECTOR,),
    "configure_library": (Role.ADMINISTRATOR,),
}


def perm(capability: str) -> str:
    """The full permission name for a capability, for user.has_perm()."""
    if capability not in CAPABILITIES:
        raise KeyError(capability)
    return f"libraryservice.{capability}"


# What each role is for, in the words the staff-member form shows beside it.
ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.VOLUNTEER: "check out, check in, renew, holds; logs questions and concerns",
    Role.DESK_STAFF: "a volunteer's work, plus patron details, registration and disclosure",
    Role.SUPERVISOR: "desk staff's work, plus the branch's complaints and block overrides",
    Role.DIRECTOR: "escalated complaints, reconsideration and legal requests",
    Role.ADMINISTRATOR: "this administration; sees no patron data",
}
