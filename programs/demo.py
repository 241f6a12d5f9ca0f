"""Demo rooms and programs: an upcoming story time with every place taken
and a waitlist, and a past one with attendance (old enough for the
retention job to erase who came). Called by seed_demo after patrons."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from patrons.models import Patron
from programs.agebands import age_band_for
from programs.models import Program, ProgramSignup, Room

S = ProgramSignup.Status


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _signup(program: Program, patron: Patron, status: str, **extra: Any) -> None:
    ProgramSignup.objects.get_or_create(
        program=program,
        patron=patron,
        defaults={
            "branch": program.branch,
            "status": status,
            "age_band": age_band_for(patron.date_of_birth, program.starts_at.date()),
            "patron_category": patron.category,
            **extra,
        },
    )


def seed(ctx: Any) -> None:
    westfield = ctx.branches["westfield"]
    patrons = ctx.extra["patrons"]
    childrens, _ = Room.objects.get_or_create(
        branch=westfield, label="Children's room", defaults={"seats": 25}
    )
    Room.objects.get_or_create(branch=westfield, label="Meeting room A", defaults={"seats": 40})
    upcoming_day = ctx.today + datetime.timedelta(days=3)
    story, _ = Program.objects.get_or_create(
        branch=westfield,
        title="Family story time",
        defaults={
            "room": childrens,
            "starts_at": _at(upcoming_day, 10),
            "ends_at": _at(upcoming_day, 11),
            "capacity": 3,
            "description": "Stories, songs and a craft for families.",
            "created_by": ctx.users["desk"],
        },
    )
    for number in (1, 2, 9):
        _signup(story, patrons[number], S.CONFIRMED)
    _signup(story, patrons[10], S.WAITLISTED)
    if not story.signups.filter(patron__isnull=True).exists():
        ProgramSignup.objects.create(
            program=story,
            branch=westfield,
            guest_name="Jordan Ellis",
            guest_phone="555-0150",
            status=S.WAITLISTED,
        )
    # Today's program: the one whose attendance the desk can take now.
    homework, _ = Program.objects.get_or_create(
        branch=westfield,
        title="Homework help",
        starts_at__date=ctx.today,
        defaults={
            "room": childrens,
            "starts_at": _at(ctx.today, 15),
            "ends_at": _at(ctx.today, 17),
            "capacity": 10,
            "created_by": ctx.users["desk"],
        },
    )
    _signup(homework, patrons[2], S.CONFIRMED)
    past_day = ctx.today - datetime.timedelta(days=40)
    past, _created = Program.objects.get_or_create(
        branch=westfield,
        title="Resume workshop",
        defaults={
            "starts_at": _at(past_day, 18),
            "ends_at": _at(
                past_day,
                19,
            ),
            "capacity": 12,
            "walk_ins": 3,
            "created_by": ctx.users["desk"],
        },
    )
    for number in (1, 9):
        _signup(
            past, patrons[number], S.CONFIRMED, attended_at=past.starts_at, attendance_via="scan"
        )
    ctx.say(
        "Demo programs: Family story time (full, with a waitlist), Homework help (today),"
        " Resume workshop (past)."
    )
