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
        if signup.called_at:
            continue
        if program.cancelled_at or (signup.promoted_at and signup.status == S.CONFIRMED):
            roster.to_call.append(signup)
    roster.attended = ProgramSignup.objects.filter(
        program=program, attended_at__isnull=False
    ).count()
    return roster


# -- reports: counts only ----------------------------------------------------


@dataclass
class AttendanceCounts:
    """Attendance in a date range: people who came (signed up and scanned
    or ticked, plus walk-in head counts), by branch, month and age band;
    and the detail rows for the CSV."""

    by_branch: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    by_age_band: list[tuple[str, int]]
    rows: list[tuple[str, str, str, int, int]]  # branch, month, band, signed up, attended


def attendance_counts(*, start: datetime.date, end: datetime.date) -> AttendanceCounts:
    """Two grouped queries over the range (programs by their start date);
    counts survive retention, which erases only who came."""
    from django.db.models import Sum
    from django.db.models.functions import TruncMonth

    from programs.agebands import AgeBand

    signups = (
        ProgramSignup.objects.filter(
            program__starts_at__date__gte=start,
            program__starts_at__date__lte=end,
            status=S.CONFIRMED,
        )
        .annotate(month=TruncMonth("program__starts_at"))
        .values("branch__name", "month", "age_band")
        .annotate(
            signed=Count("pk", filter=Q(at_door=False)),
            came=Count("pk", filter=Q(attended_at__isnull=False)),
        )
    )
    walk_ins = (
        Program.objects.filter(starts_at__date__gte=start, starts_at__date__lte=end, walk_ins__gt=0)
        .annotate(month=TruncMonth("starts_at"))
        .values("branch__name", "month")
        .annotate(count=Sum("walk_ins"))
    )
    labels = dict(AgeBand.choices)
    rows: list[tuple[str, str, str, int, int]] = []
    for r in signups:
        month = r["month"].strftime("%Y-%m")
        rows.append((r["branch__name"], month, str(labels[r["age_band"]]), r["signed"], r["came"]))
    for w in walk_ins:
        rows.append(
            (
                w["branch__name"],
                w["month"].strftime("%Y-%m"),
                "Walk-ins (age not asked)",
                0,
                w["count"],
            )
        )
    rows.sort()
    return AttendanceCounts(
        by_branch=_summed(rows, 0),
        by_month=_summed(rows, 1),
        by_age_band=_summed(rows, 2, order=[str(v) for v in labels.values()]),
        rows=rows,
    )


def _summed(
    rows: list[tuple[str, str, str, int, int]], key: int, order: list[str] | None = None
) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for row in rows:
        name = str(row[key])
        totals[name] = totals.get(name, 0) + row[4]
    if order is None:
        return sorted(totals.items())
    rank = {name: i for i, name in enumerate(order)}
    return sorted(totals.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
