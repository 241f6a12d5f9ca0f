"""Who may see and act on programs and sign-ups. The only place these rules
live.

Desk roles (volunteers included) sign people up, cancel, take attendance
and count walk-ins: the desk work of DESIGN section 8. Planning a program
(creating, editing, cancelling it) is for staff roles. A sign-up names a
patron: administrators never see one; the phone number of someone signed up
by name is contact data, for staff roles only (patrons/policies.py).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from organisation.policies import can_review_branch_records, has_capability
from organisation.users import StaffUser
from patrons import policies as patron_policies
from programs.models import Program, ProgramSignup


def can_use_programs(user: StaffUser) -> bool:
    """Sign-ups, cancellations, attendance and head counts: desk roles."""
    return has_capability(user, "circulate")


def can_plan_programs(user: StaffUser) -> bool:
    """Create and edit programs: staff roles, not volunteers."""
    return can_use_programs(user) and has_capability(user, "manage_patrons")


def can_see_contact(user: StaffUser) -> bool:
    """The phone of a sign-up by name: staff roles only."""
    return patron_policies.can_view_contact(user)


def can_view_program_reports(user: StaffUser) -> bool:
    """Attendance counts by branch, month and age band: supervisors and the
    Director (no names: counts only)."""
    return can_review_branch_records(user)


def programs_visible_to(user: StaffUser) -> QuerySet[Program]:
    """Programs of every branch for desk roles (a card works system-wide)."""
    if not can_use_programs(user):
        return Program.objects.none()
    return Program.objects.all()


def signups_visible_to(user: StaffUser) -> QuerySet[ProgramSignup]:
    """Sign-ups still naming someone, of programs the user may see; those of a
    de-identified patron are nobody's."""
    if not can_use_programs(user):
        return ProgramSignup.objects.none()
    return ProgramSignup.objects.filter(anonymized_at__isnull=True).exclude(
        patron__deidentified_at__isnull=False
    )


def _as_pk(value: int | str | None) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("No such record.") from None


def access_program(user: StaffUser, program_id: int | str | None) -> Program:
    """The program, or Http404 for a forbidden and a missing one alike."""
    program = (
        programs_visible_to(user)
        .select_related("branch", "room")
        .filter(pk=_as_pk(program_id))
        .first()
    )
    if program is None:
        raise Http404("No such program.")
    return program


def access_signup(user: StaffUser, program: Program, signup_id: int | str | None) -> ProgramSignup:
    """A sign-up of `program` (which the caller got through access_program)."""
    signup = (
        signups_visible_to(user)
        .select_related("patron")
        .filter(pk=_as_pk(signup_id), program=program)
        .first()
    )
    if signup is None:
        raise Http404("No such sign-up.")
    return signup
