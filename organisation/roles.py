"""The five roles of DESIGN section 4 and the capabilities each one holds.

The table is the single statement of who may do what at the role level. The
migrations that create and change the groups hold frozen copies of it: an
edit here needs a new migration (a test compares the migrated groups with
it). Object-level rules (a complaint about oneself, another branch) live in
each app's policies.py.
"""

from dataclasses import dataclass

from django.db import models


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", "Volunteer"
    DESK_STAFF = "desk_staff", "Desk staff"
    SUPERVISOR = "supervisor", "Supervisor"
    DIRECTOR = "director", "Director"
    ADMINISTRATOR = "administrator", "Administrator"


DESK_ROLES = (Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)
STAFF_ROLES = (Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)


@dataclass(frozen=True)
class Capability:
    label: str  # the permission's name, as the admin lists it
    roles: tuple[str, ...]


# The one table of capabilities: what each is called and which roles hold it.
# StaffProfile's permissions are made from it; migrations keep frozen copies.
CAPABILITY_TABLE: dict[str, Capability] = {
    "circulate": Capability("Check out, check in, renew, holds, desk tallies", DESK_ROLES),
    "view_patron_contact": Capability("See patron contact details", STAFF_ROLES),
    "manage_patrons": Capability(
        "Register and edit patrons, cards, guardians, proxies", STAFF_ROLES
    ),
    "run_disclosure": Capability("Run the disclosure flow", STAFF_ROLES),
    "view_loan_history": Capability("View an opted-in patron's loan history", STAFF_ROLES),
    "log_desk_records": Capability(
        "Log inquiries, complaints, comment cards, incidents", DESK_ROLES
    ),
    "override_blocks": Capability(
        "Override a checkout block with a reason", (Role.SUPERVISOR, Role.DIRECTOR)
    ),
    "review_branch_complaints": Capability(
        "See own branch's complaints and escalate", (Role.SUPERVISOR, Role.DIRECTOR)
    ),
    "handle_escalations": Capability(
        "Escalated complaints, reconsideration, legal requests", (Role.DIRECTOR,)
    ),
    "configure_library": Capability(
        "Configure branches, staff, calendars, rules, retention", (Role.ADMINISTRATOR,)
    ),
}

# Which roles hold each capability, read from the table.
CAPABILITIES: dict[str, tuple[str, ...]] = {
    name: capability.roles for name, capability in CAPABILITY_TABLE.items()
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
