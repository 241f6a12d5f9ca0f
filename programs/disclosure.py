"""What program sign-ups hold about a patron, for the desk's disclosure
answer (`program_attendance`): the programs they signed up for or
attended, read out only when the decision allows it."""

from __future__ import annotations

from organisation import clock
from patrons.models import Patron
from privacy.disclosure import DisclosedLine
from programs.models import ProgramSignup


def program_attendance(patron: Patron, limit: int) -> list[DisclosedLine]:
    signups = (
        ProgramSignup.objects.filter(patron=patron, anonymized_at__isnull=True)
        .select_related("program__branch")
        .order_by("-program__starts_at", "-pk")[:limit]
    )
    lines = []
    for signup in signups:
        program = signup.program
        attended = signup.attended_at is not None
        what = "attended" if attended else signup.get_status_display().lower()
        lines.append(
            DisclosedLine(
                when=clock.local_day(program.branch, program.starts_at),
                text=f"{program.title} at {program.branch.name}: {what}",
            )
        )
    return lines
