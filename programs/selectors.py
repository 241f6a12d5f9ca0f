"""Program reads: the list, a program's sign-ups in their groups, counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from programs.models import Program, ProgramSignup

S = ProgramSignup.Status


def programs_upcoming(
    *, programs: QuerySet[Program], since: datetime.datetime
) -> QuerySet[Program]:
    """Programs not yet over, soonest first, with their counts: one query."""
    return (
        programs.filter(ends_at__gte=since)
        .select_related("branch", "room")
        .annotate(
            taken=Count("signups", filter=Q(signups__status=S.CONFIRMED)),
            waiting=Count("signups", filter=Q(signups__status=S.WAITLISTED)),
        )
        .order_by("starts_at", "pk")
    )


@dataclass
class Roster:
    confirmed: list[ProgramSignup] = field(default_factory=list)
    waitlist: list[ProgramSignup] = field(default_factory=list)
    to_call: list[ProgramSignup] = field(default_factory=list)
    attended: int = 0
    anonymized_attended: int = 0

    @property
    def active(self) -> list[ProgramSignup]:
        return self.confirmed + self.waitlist


def program_roster(*, program: Program, signups: QuerySet[ProgramSignup]) -> Roster:
    """The program's sign-ups that still name someone, grouped (one query),
    and attendance counts (those already erased counted too)."""
    roster = Roster()
    rows = (
        signups.filter(program=program, status__in=ProgramSignup.ACTIVE_STATUSES)
        .select_related("patron")
        .order_by("created_at", "pk")
    )
    for signup in rows:
        (roster.confirmed if signup.status == S.CONFIRMED else roster.waitlist).append(signup)
        if signup.promoted_at and not signup.called_at and signup.status == S.CONFIRMED:
            roster.to_call.append(signup)
    roster.attended = ProgramSignup.objects.filter(
        program=program, attended_at__isnull=False
    ).count()
    return roster
