"""Program writes: planning, sign-ups and the waitlist, attendance, head
counts.

Every service is keyword-only and atomic. A sign-up, a cancellation and an
attendance taken at the door lock the program row first
(select_for_update): the count of places taken and the decision "place or
waitlist" are made under that lock, so two desks signing up the last place
at the same moment give it to exactly one of them and waitlist the other.
The partial unique constraint signup_one_active_per_patron backs up "one
active sign-up per patron and program".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from circulation.blocks import card_blocks
from notices.services import notice_send
from organisation import clock
from organisation.models import Branch
from organisation.users import StaffUser
from patrons.models import Card
from programs import policies
from programs.agebands import age_band_for
from programs.models import Program, ProgramSignup, Room

NOT_ALLOWED = "Your role may not do this."
ENDS_BEFORE_START = "The program must end after it starts: check the end time."
CAPACITY_TOO_LOW = "Capacity must be at least 1 place."
CAPACITY_OVER_ROOM = "{room} seats {seats}: the capacity cannot be more than that."
AGE_RANGE_REVERSED = "The youngest age must not be above the oldest."
ROOM_OF_OTHER_BRANCH = "That room is at another branch."
PROGRAM_CANCELLED = "This program was cancelled: sign-ups are closed."
PROGRAM_OVER = "This program has already ended: sign-ups are closed."
ALREADY_SIGNED_UP = "This patron is already signed up ({status})."
NAME_REQUIRED = "Give the person's name (and a phone number to call them back)."
PHONE_REQUIRED = "Give a phone number: the desk calls people who move up from the waitlist."
CARD_REFUSED = "{reason} Alternative: sign them up by name and phone instead."
AGE_OUTSIDE = (
    "This program is for ages {range}; this patron is {age}. Offer another program for their age."
)
NOT_ACTIVE = "This sign-up is already cancelled."
WALK_INS_NEGATIVE = "The head count cannot be negative."
PROMOTED_SUBJECT = "Program #{id}: a waitlisted sign-up has a place now. Call them."
ALREADY_CANCELLED = "This program is already cancelled."
CANCELLED_SUBJECT = "Program #{id} is cancelled: call the {count} people signed up."
STARTS_IN_THE_PAST = "A program cannot be planned in the past: choose today or a later day."
NOT_THE_DAY = "Attendance is taken on the day of the program ({day}), not before or after it."
FULL_AT_DOOR = (
    "The program is full ({taken} of {capacity}): {name} was counted as a walk-in"
    " (head count now {walk_ins}), not given a place."
)
WAITLISTED_AT_DOOR = (
    "{name} is number {position} on the waitlist and the program is full"
    " ({taken} of {capacity}): nobody was marked attending. If someone with a place"
    " cancels, they move up; or count them as a walk-in."
)


class ProgramError(Exception):
    """A refused program action; `message` is shown to staff as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _require(allowed: bool) -> None:
    if not allowed:
        raise ProgramError(NOT_ALLOWED)


def _age_range(program: Program) -> str:
    if program.age_min is not None and program.age_max is not None:
        return f"{program.age_min}-{program.age_max}"
    if program.age_min is not None:
        return f"{program.age_min} and up"
    return f"up to {program.age_max}"


def program_day(branch: Branch, moment: datetime.datetime | None = None) -> datetime.date:
    """The branch's local day of `moment` (default: now). Every date rule of
    programs (planning not in the past, attendance on the program's day)
    reads the day here, in the branch's own time zone."""
    return clock.local_day(branch, moment)


def program_is_today(program: Program, now: datetime.datetime | None = None) -> bool:
    """Whether `now` falls on one of the program's days at its branch (from
    the local day it starts to the local day it ends)."""
    today = program_day(program.branch, now)
    return (
        program_day(program.branch, program.starts_at)
        <= today
        <= program_day(program.branch, program.ends_at)
    )


def program_validate(
    *,
    branch: Branch,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    room: Room | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
) -> list[str]:
    """Every reason the program cannot be saved, in the order of the form.

    A program may start earlier today (planned as it begins, to take its
    attendance) but not on a day already over at the branch."""
    errors = []
    if program_day(branch, starts_at) < program_day(branch):
        errors.append(STARTS_IN_THE_PAST)
    if ends_at <= starts_at:
        errors.append(ENDS_BEFORE_START)
    if capacity is None or capacity < 1:
        errors.append(CAPACITY_TOO_LOW)
    elif room is not None and room.seats is not None and capacity > room.seats:
        errors.append(CAPACITY_OVER_ROOM.format(room=room.label, seats=room.seats))
    if room is not None and room.branch_id != branch.pk:
        errors.append(ROOM_OF_OTHER_BRANCH)
    if age_min is not None and age_max is not None and age_min > age_max:
        errors.append(AGE_RANGE_REVERSED)
    return errors


@transaction.atomic
def program_create(
    *,
    acting_user: StaffUser,
    branch: Branch,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    room: Room | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    description: str = "",
) -> Program:
    """Plan a program; refuses (ProgramError, the first reason) what
    program_validate refuses."""
    _require(policies.can_plan_programs(acting_user))
    errors = program_validate(
        branch=branch,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        room=room,
        age_min=age_min,
        age_max=age_max,
    )
    if errors:
        raise ProgramError(errors[0])
    return Program.objects.create(
        title=title,
        description=description,
        branch=branch,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        age_min=age_min,
        age_max=age_max,
        created_by=acting_user,
    )


def _locked(program: Program) -> Program:
    return Program.objects.select_for_update().get(pk=program.pk)


def _open_for_signup(program: Program, now: datetime.datetime) -> None:
    if program.cancelled_at is not None:
        raise ProgramError(PROGRAM_CANCELLED)
    if program.ends_at <= now:
        raise ProgramError(PROGRAM_OVER)


def _next_status(program: Program) -> str:
    """Under the program's lock: a place while any is left, else the waitlist."""
    taken = ProgramSignup.objects.filter(
        program=program, status=ProgramSignup.Status.CONFIRMED
    ).count()
    if taken < program.capacity:
        return ProgramSignup.Status.CONFIRMED
    return ProgramSignup.Status.WAITLISTED


def _refuse_card(card: Card, program: Program) -> None:
    blocks = card_blocks(card, program_day(program.branch))
    if blocks:
        raise ProgramError(CARD_REFUSED.format(reason=blocks[0].message))
    age = card.patron.age_on(program_day(program.branch, program.starts_at))
    if age is None:
        return
    if (program.age_min is not None and age < program.age_min) or (
        program.age_max is not None and age > program.age_max
    ):
        raise ProgramError(AGE_OUTSIDE.format(range=_age_range(program), age=age))


@transaction.atomic
def signup_by_card(*, program: Program, card: Card, acting_user: StaffUser) -> ProgramSignup:
    """Sign the card's patron up: a place if one is left, else the waitlist.

    Locks the program row; refuses a blocked or expired card (offering a
    sign-up by name), a patron outside the age range and a second active
    sign-up of the same patron.
    """
    _require(policies.can_use_programs(acting_user))
    program = _locked(program)
    now = timezone.now()
    _open_for_signup(program, now)
    _refuse_card(card, program)
    existing = (
        ProgramSignup.objects.filter(
            program=program, patron=card.patron, status__in=ProgramSignup.ACTIVE_STATUSES
        )
        .only("status")
        .first()
    )
    if existing is not None:
        raise ProgramError(ALREADY_SIGNED_UP.format(status=existing.get_status_display().lower()))
    patron = card.patron
    try:
        with transaction.atomic():
            return ProgramSignup.objects.create(
                program=program,
                branch_id=program.branch_id,
                patron=patron,
                card=card,
                status=_next_status(program),
                age_band=age_band_for(patron.date_of_birth, program_day(program.branch, now)),
                patron_category=patron.category,
                created_by=acting_user,
                created_at=now,
            )
    except IntegrityError:
        raise ProgramError(ALREADY_SIGNED_UP.format(status="active")) from None


@transaction.atomic
def signup_by_name(
    *, program: Program, name: str, phone: str, acting_user: StaffUser
) -> ProgramSignup:
    """Sign up someone without a card, by name and phone. Locks the program."""
    _require(policies.can_use_programs(acting_user))
    name, phone = name.strip(), phone.strip()
    if not name:
        raise ProgramError(NAME_REQUIRED)
    if not phone:
        raise ProgramError(PHONE_REQUIRED)
    program = _locked(program)
    now = timezone.now()
    _open_for_signup(program, now)
    return ProgramSignup.objects.create(
        program=program,
        branch_id=program.branch_id,
        guest_name=name[:200],
        guest_phone=phone[:40],
        status=_next_status(program),
        created_by=acting_user,
        created_at=now,
    )


@transaction.atomic
def signup_cancel(*, signup: ProgramSignup, acting_user: StaffUser) -> ProgramSignup | None:
    """Cancel a sign-up. When it held a place, the first on the waitlist
    moves up, and the desk is told to call them (a notice to the acting
    user, and the task on the program page). Returns the sign-up that moved
    up, if any. Locks the program, then the sign-ups."""
    _require(policies.can_use_programs(acting_user))
    program = _locked(signup.program)
    signup = ProgramSignup.objects.select_for_update().get(pk=signup.pk)
    if signup.status == ProgramSignup.Status.CANCELLED:
        raise ProgramError(NOT_ACTIVE)
    had_place = signup.status == ProgramSignup.Status.CONFIRMED
    now = timezone.now()
    signup.status = ProgramSignup.Status.CANCELLED
    signup.cancelled_at = now
    signup.save(update_fields=["status", "cancelled_at"])
    if not had_place or program.ends_at <= now:
        return None
    promoted = (
        ProgramSignup.objects.select_for_update()
        .filter(program=program, status=ProgramSignup.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is None or _next_status(program) != ProgramSignup.Status.CONFIRMED:
        return None
    promoted.status = ProgramSignup.Status.CONFIRMED
    promoted.promoted_at = now
    promoted.save(update_fields=["status", "promoted_at"])
    notice_send(
        recipients=[acting_user],
        subject=PROMOTED_SUBJECT.format(id=program.pk),
        body="Someone on the waitlist has a place now. The program page lists whom to call.",
        link=reverse("programs:detail", kwargs={"program_id": program.pk}),
    )
    return promoted


@transaction.atomic
def program_cancel(*, program: Program, acting_user: StaffUser) -> int:
    """Cancel a program: sign-ups close, and everyone signed up (places and
    waitlist) is on the program page's "To call" list; the staff member is
    told how many. Returns that number. Locks the program."""
    _require(policies.can_plan_programs(acting_user))
    program = _locked(program)
    if program.cancelled_at is not None:
        raise ProgramError(ALREADY_CANCELLED)
    program.cancelled_at = timezone.now()
    program.save(update_fields=["cancelled_at"])
    count = ProgramSignup.objects.filter(
        program=program, status__in=ProgramSignup.ACTIVE_STATUSES, called_at__isnull=True
    ).count()
    if count:
        notice_send(
            recipients=[acting_user],
            subject=CANCELLED_SUBJECT.format(id=program.pk, count=count),
            body="The program page lists whom to call.",
            link=reverse("programs:detail", kwargs={"program_id": program.pk}),
        )
    return count


@transaction.atomic
def signup_called(*, signup: ProgramSignup, acting_user: StaffUser) -> ProgramSignup:
    """The desk called someone who moved up: the task leaves the page."""
    _require(policies.can_use_programs(acting_user))
    signup.called_at = timezone.now()
    signup.save(update_fields=["called_at"])
    return signup


@dataclass(frozen=True)
class DoorScan:
    """What a card scanned at the door did: `signup` is the sign-up marked
    attending (None when nobody was), `at_door` says it was made at the
    door, `walk_in` that the program was full and the person was counted in
    the walk-in head count instead, `message` (set when nobody was marked)
    is what staff are told."""

    signup: ProgramSignup | None
    at_door: bool = False
    walk_in: bool = False
    message: str = ""


def _require_the_day(program: Program, now: datetime.datetime) -> None:
    if not program_is_today(program, now):
        day = program_day(program.branch, program.starts_at)
        raise ProgramError(NOT_THE_DAY.format(day=day.strftime("%a %-d %b %Y")))


def _taken(program: Program) -> int:
    return ProgramSignup.objects.filter(
        program=program, status=ProgramSignup.Status.CONFIRMED
    ).count()


@transaction.atomic
def attendance_scan(*, program: Program, card: Card, acting_user: StaffUser) -> DoorScan:
    """A card scanned at the door, on the program's day only. Locks the
    program.

    - signed up with a place: marked attending;
    - not signed up, a place left: a sign-up made at the door, attending;
    - not signed up, the program full: counted as a walk-in (head count +1),
      no place given and no sign-up recorded;
    - waitlisted, a place left: the place is theirs, attending;
    - waitlisted, the program full: nothing changes and staff are told
      their position (they may count them as a walk-in).
    """
    _require(policies.can_use_programs(acting_user))
    program = _locked(program)
    if program.cancelled_at is not None:
        raise ProgramError(PROGRAM_CANCELLED)
    now = timezone.now()
    _require_the_day(program, now)
    signup = (
        ProgramSignup.objects.select_for_update()
        .filter(program=program, patron=card.patron, status__in=ProgramSignup.ACTIVE_STATUSES)
        .first()
    )
    taken = _taken(program)
    full = taken >= program.capacity
    at_door = signup is None
    name = card.patron.full_name
    if signup is None and full:
        program.walk_ins += 1
        program.save(update_fields=["walk_ins"])
        message = FULL_AT_DOOR.format(
            taken=taken, capacity=program.capacity, name=name, walk_ins=program.walk_ins
        )
        return DoorScan(signup=None, walk_in=True, message=message)
    if signup is None:
        patron = card.patron
        signup = ProgramSignup.objects.create(
            program=program,
            branch_id=program.branch_id,
            patron=patron,
            card=card,
            status=ProgramSignup.Status.CONFIRMED,
            at_door=True,
            age_band=age_band_for(patron.date_of_birth, program_day(program.branch, now)),
            patron_category=patron.category,
            created_by=acting_user,
            created_at=now,
        )
    elif signup.status == ProgramSignup.Status.WAITLISTED:
        if full:
            position = ProgramSignup.objects.filter(
                program=program,
                status=ProgramSignup.Status.WAITLISTED,
                created_at__lte=signup.created_at,
            ).count()
            message = WAITLISTED_AT_DOOR.format(
                name=signup.display_name,
                position=position,
                taken=taken,
                capacity=program.capacity,
            )
            return DoorScan(signup=None, message=message)
        # There in person with a place free: the place is theirs.
        signup.status = ProgramSignup.Status.CONFIRMED
    signup.attended_at = signup.attended_at or now
    signup.attendance_via = ProgramSignup.Via.SCAN
    signup.save(update_fields=["status", "attended_at", "attendance_via"])
    return DoorScan(signup=signup, at_door=at_door)


@transaction.atomic
def attendance_tick(*, program: Program, attended_ids: set[int], acting_user: StaffUser) -> int:
    """The list ticked at the door: ticked sign-ups attended, unticked ones
    did not (a tick taken back is undone), on the program's day only.
    Returns how many attended."""
    _require(policies.can_use_programs(acting_user))
    program = _locked(program)
    now = timezone.now()
    _require_the_day(program, now)
    rows = ProgramSignup.objects.select_for_update().filter(
        program=program, status__in=ProgramSignup.ACTIVE_STATUSES, anonymized_at__isnull=True
    )
    count = 0
    for signup in rows:
        present = signup.pk in attended_ids
        if present and signup.attended_at is None:
            signup.attended_at = now
            signup.attendance_via = ProgramSignup.Via.TICK
            signup.save(update_fields=["attended_at", "attendance_via"])
        elif not present and signup.attended_at is not None:
            signup.attended_at = None
            signup.attendance_via = ""
            signup.save(update_fields=["attended_at", "attendance_via"])
        count += present
    return count


@transaction.atomic
def walk_ins_set(*, program: Program, count: int, acting_user: StaffUser) -> Program:
    """The head count of walk-ins (people who came without signing up)."""
    _require(policies.can_use_programs(acting_user))
    if count is None or count < 0:
        raise ProgramError(WALK_INS_NEGATIVE)
    program = _locked(program)
    program.walk_ins = count
    program.save(update_fields=["walk_ins"])
    return program
