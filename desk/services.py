"""Writes of the desk's own records: inquiries and tallies, callbacks and
the waiting list. Each is one transaction; callers check the policy first
and these re-check what concerns privacy (text, contacts, patron links).

Errors carry the message constants below, which tests assert on.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import connection, transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from cases import clocks
from desk import policies
from desk.models import (
    MAX_MINUTES,
    MAX_TEXT,
    Callback,
    Channel,
    Inquiry,
    InquiryType,
    ReferralTarget,
    WaitingEntry,
)
from desk.statistics.rollup import rollup_invalidate
from kernel import rawsql
from organisation import clock
from organisation.calendar import CalendarError
from organisation.models import Branch, ServiceDesk
from organisation.users import StaffUser
from patrons.models import Patron

NOT_ALLOWED = "You may not record this at the desk."
BAD_READ = "The READ level is a number from 1 to 6."
BAD_MINUTES = f"Minutes spent are between 0 and {MAX_MINUTES}."
TEXT_TOO_LONG = f"Keep the question and the answer under {MAX_TEXT} characters each."
TYPE_ELSEWHERE = "That inquiry type is not offered at this branch."
REFERRAL_ELSEWHERE = "That referral is not offered at this branch."
NO_PATRON_LINK = "Only staff may link an inquiry to a patron."
PROMISED_IN_PAST = "The promised time has already passed: promise a time still to come."
NO_CONTACT = "Give a phone number or an e-mail address to call back."
ALREADY_CLOSED = "This callback is already closed."
NOBODY_WAITING = "Nobody is waiting."
NOT_WAITING = "That person is no longer waiting."
WAITING_NAME_HELP = (
    "A first name as one word (Ana, Jean-Luc, Mary-Ann) or a ticket number (42, A17,"
    " Ticket 14):"
    " no surname, phone number or e-mail address."
)
WAITING_NAME_CONTACT = (
    "That looks like a phone number or an e-mail address: the waiting list shows only"
    " a first name or a ticket number."
)
WAITING_NAME_ONE_WORD = (
    "First name only, as one word: no surname (write a double first name as Mary-Ann)."
)
WAITING_NAME_REFUSED = (
    "Only a first name (letters, as Ana or Jean-Luc) or a ticket number (42, A17)."
)

# A ticket: "Ticket" (optional), up to three letters, an optional dash,
# one to four digits: 42, A17, B-042, Ticket 14, ticket #9.
_TICKET = re.compile(r"(?:ticket\s*#?\s*)?[^\W\d_]{0,3}-?\d{1,4}", re.IGNORECASE)
# A first name: letters, joined by single hyphens or apostrophes.
_FIRST_NAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CONTACT = re.compile(r"@|\d[\d ().-]{5,}\d")


class DeskWorkError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _local(branch: Branch, now: datetime.datetime) -> datetime.datetime:
    return clock.local_now(branch, now)


def same_day_target(branch: Branch, now: datetime.datetime) -> datetime.datetime:
    """Close of business today on the branch's calendar (seed 001: same
    day where possible), or of the next open day once today has closed."""
    cal = clocks.calendar(branch)
    try:
        target = clocks.due_after(branch, now, business_days=0, cal=cal)
        if target <= now:
            target = clocks.due_after(branch, now, business_days=1, cal=cal)
    except CalendarError:
        target = _local(branch, now).replace(hour=23, minute=59, second=0, microsecond=0)
    return target


# ---------------------------------------------------------------- inquiries


def _is_offered(entry: Any, branch: Branch) -> bool:
    """Whether the list entry, as loaded, is one the branch offers: active,
    and the branch's own or everyone's."""
    return bool(entry.active) and entry.branch_id in (None, branch.pk)


def inquiry_record(
    *,
    acting_user: StaffUser,
    branch: Branch,
    desk: ServiceDesk | None,
    channel: str,
    inquiry_type: InquiryType | None,
    read_level: int | None,
    minutes: int = 0,
    referred_to: ReferralTarget | None = None,
    question: str = "",
    answer: str = "",
    patron_category: str = "",
    patron: Patron | None = None,
    is_tally: bool = False,
    now: datetime.datetime | None = None,
) -> Inquiry:
    """Record one question (or, `is_tally`, one count) at the branch.

    The type and referral target are checked as given (the desk's forms
    load them from the branch's active entries in the same request); the
    write is one INSERT, atomic on its own, inside the caller's transaction
    if there is one. With `now` given (a day possibly counted already) the
    day's rollup is invalidated in the same transaction."""
    inquiry = _new_inquiry(
        acting_user=acting_user,
        branch=branch,
        desk=desk,
        channel=channel,
        inquiry_type=inquiry_type,
        read_level=read_level,
        minutes=minutes,
        referred_to=referred_to,
        question=question,
        answer=answer,
        patron_category=patron_category,
        patron=patron,
        is_tally=is_tally,
        now=now,
    )
    _insert(inquiry, day_given=now is not None)
    return inquiry


def _new_inquiry(
    *,
    acting_user: StaffUser,
    branch: Branch,
    desk: ServiceDesk | None,
    channel: str,
    inquiry_type: InquiryType | None,
    read_level: int | None,
    minutes: int,
    referred_to: ReferralTarget | None,
    question: str,
    answer: str,
    patron_category: str,
    patron: Patron | None,
    is_tally: bool,
    now: datetime.datetime | None,
) -> Inquiry:
    """The inquiry to record, unsaved, once the policy and the values are
    checked (DeskWorkError otherwise)."""
    if not (
        policies.can_work_desk(acting_user) if is_tally else policies.can_log_inquiries(acting_user)
    ):
        raise DeskWorkError(NOT_ALLOWED)
    if read_level is not None and not 1 <= read_level <= 6:
        raise DeskWorkError(BAD_READ)
    if not 0 <= minutes <= MAX_MINUTES:
        raise DeskWorkError(BAD_MINUTES)
    if len(question) > MAX_TEXT or len(answer) > MAX_TEXT:
        raise DeskWorkError(TEXT_TOO_LONG)
    if inquiry_type is not None and not _is_offered(inquiry_type, branch):
        raise DeskWorkError(TYPE_ELSEWHERE)
    if referred_to is not None and not _is_offered(referred_to, branch):
        raise DeskWorkError(REFERRAL_ELSEWHERE)
    if patron is not None and not policies.can_link_inquiry_patron(acting_user):
        raise DeskWorkError(NO_PATRON_LINK)
    if channel not in _CHANNELS:
        channel = Channel.IN_PERSON
    moment = now or timezone.now()
    local = _local(branch, moment)
    return Inquiry(
        branch=branch,
        desk=desk,
        recorded_by=acting_user,
        recorded_at=moment,
        local_day=local.date(),
        local_hour=local.hour,
        weekday=local.weekday(),
        is_tally=is_tally,
        channel=channel,
        inquiry_type=inquiry_type,
        read_level=read_level,
        minutes=minutes,
        referred_to=referred_to,
        question=question.strip(),
        answer=answer.strip(),
        patron_category=patron_category,
        patron=patron,
    )


_CHANNELS = frozenset(Channel.values)
_INQUIRY_FIELDS = [f for f in Inquiry._meta.concrete_fields if not f.primary_key]
# The model's own columns; every value is a parameter.
_INSERT_INQUIRY_SQL = (
    f"INSERT INTO {Inquiry._meta.db_table} ("  # noqa: S608
    + ", ".join(connection.ops.quote_name(str(f.column)) for f in _INQUIRY_FIELDS)
    + ") VALUES ("
    + ", ".join(f"%({f.attname})s" for f in _INQUIRY_FIELDS)
    + ") RETURNING id"
)
# The same INSERT, and how many tallies of its type its branch has counted
# that day: the statement's snapshot is the one from before the insert, so
# its own row is the "+ 1".
_INSERT_TALLY_SQL = (
    f"WITH new AS ({_INSERT_INQUIRY_SQL})"  # noqa: S608
    f" SELECT new.id, (SELECT count(*) FROM {Inquiry._meta.db_table}"
    " WHERE branch_id = %(branch_id)s AND local_day = %(local_day)s"
    " AND inquiry_type_id = %(inquiry_type_id)s AND is_tally) + 1 FROM new"
)


def _insert(inquiry: Inquiry, *, day_given: bool, count_day: bool = False) -> int:
    """Save the new `inquiry`: one fixed INSERT on PostgreSQL (with
    `count_day`, which also counts the day's tallies of its type at its
    branch: returned; 0 without), the ORM's elsewhere. A day given (not
    today's) is possibly counted already for reports: its rollup is
    invalidated in the same transaction."""
    if day_given:
        with transaction.atomic():
            rollup_invalidate(inquiry.local_day)
            return _insert(inquiry, day_given=False, count_day=count_day)
    if connection.vendor != "postgresql":
        inquiry.save(force_insert=True)
        if not count_day:
            return 0
        return Inquiry.objects.filter(
            branch_id=inquiry.branch_id,
            local_day=inquiry.local_day,
            inquiry_type_id=inquiry.inquiry_type_id,
            is_tally=True,
        ).count()
    db = connection.alias
    pre_save.send(sender=Inquiry, instance=inquiry, raw=False, using=db, update_fields=None)
    params = {
        f.attname: f.get_db_prep_save(f.pre_save(inquiry, True), connection)
        for f in _INQUIRY_FIELDS
    }
    [[pk, count]] = rawsql.fetch(
        _INSERT_TALLY_SQL if count_day else _INSERT_INQUIRY_SQL + ", 0",
        params,
        (None, None),
    )
    inquiry.pk = pk
    inquiry._state.adding = False
    inquiry._state.db = db
    post_save.send(
        sender=Inquiry, instance=inquiry, created=True, update_fields=None, raw=False, using=db
    )
    return int(count)


def tally_add(
    *,
    acting_user: StaffUser,
    branch: Branch,
    desk: ServiceDesk | None,
    inquiry_type: InquiryType,
    channel: str = Channel.IN_PERSON,
    now: datetime.datetime | None = None,
) -> Inquiry:
    """One count of a quick question (READ 1), with the time, branch and desk."""
    return tally_count(
        acting_user=acting_user,
        branch=branch,
        desk=desk,
        inquiry_type=inquiry_type,
        channel=channel,
        now=now,
    )[0]


def tally_count(
    *,
    acting_user: StaffUser,
    branch: Branch,
    desk: ServiceDesk | None,
    inquiry_type: InquiryType,
    channel: str = Channel.IN_PERSON,
    now: datetime.datetime | None = None,
) -> tuple[Inquiry, int]:
    """tally_add, and how many tallies of the type the branch has counted
    on the tally's day, this one included (on PostgreSQL, by the INSERT's
    own statement: the desk sees the tally land without another read)."""
    inquiry = _new_inquiry(
        acting_user=acting_user,
        branch=branch,
        desk=desk,
        channel=channel,
        inquiry_type=inquiry_type,
        read_level=1,
        minutes=0,
        referred_to=None,
        question="",
        answer="",
        patron_category="",
        patron=None,
        is_tally=True,
        now=now,
    )
    count = _insert(inquiry, day_given=now is not None, count_day=True)
    return inquiry, count


# ---------------------------------------------------------------- callbacks


def callback_create(
    *,
    acting_user: StaffUser,
    branch: Branch,
    desk: ServiceDesk | None,
    name: str,
    phone: str = "",
    email: str = "",
    about: str = "",
    promised_at: datetime.datetime | None = None,
    channel: str = Channel.PHONE,
    now: datetime.datetime | None = None,
) -> Callback:
    """Put a caller on the callback list. The promised time defaults to the
    same-business-day target. One INSERT, atomic on its own: the calendar
    reads before it need no transaction."""
    if not policies.can_work_desk(acting_user):
        raise DeskWorkError(NOT_ALLOWED)
    moment = now or timezone.now()
    if not (phone.strip() or email.strip()):
        raise DeskWorkError(NO_CONTACT)
    if len(about) > MAX_TEXT:
        raise DeskWorkError(TEXT_TOO_LONG)
    target = same_day_target(branch, moment)
    promised = promised_at or target
    if promised <= moment:
        raise DeskWorkError(PROMISED_IN_PAST)
    return Callback.objects.create(
        branch=branch,
        desk=desk,
        created_by=acting_user,
        created_at=moment,
        channel=channel if channel in Channel.values else Channel.PHONE,
        name=name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        about=about.strip(),
        promised_at=promised,
        target_at=target,
    )


@transaction.atomic
def callback_close(
    *,
    acting_user: StaffUser,
    callback_id: int,
    status: str = Callback.Status.DONE,
    now: datetime.datetime | None = None,
) -> Callback:
    """Mark an open callback done (or cancelled). Locks the row: two staff
    pressing Done at once close it once."""
    callback = Callback.objects.select_for_update().get(pk=callback_id)
    if not policies.can_close_callback(acting_user, callback):
        raise DeskWorkError(NOT_ALLOWED)
    if callback.status != Callback.Status.OPEN:
        raise DeskWorkError(ALREADY_CLOSED)
    callback.status = status
    callback.done_at = now or timezone.now()
    callback.done_by = acting_user
    callback.save(update_fields=["status", "done_at", "done_by"])
    return callback


# ----------------------------------------------------------- waiting list


def end_of_local_day(branch: Branch, moment: datetime.datetime) -> datetime.datetime:
    local = _local(branch, moment)
    next_day = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=local.tzinfo)


def waiting_name_problem(name: str) -> str | None:
    """Why `name` may not stand on the waiting list, or None.

    The list is on screen by the desk (DESIGN section 8): a first name as one
    word or a ticket number only. A space means a second word (most often a
    surname), so "Mary Ann" is refused with the hint to write "Mary-Ann".
    """
    name = name.strip()
    if _CONTACT.search(name):
        return WAITING_NAME_CONTACT
    if _TICKET.fullmatch(name) or _FIRST_NAME.fullmatch(name):
        return None
    if len(name.split()) > 1:
        return WAITING_NAME_ONE_WORD
    return WAITING_NAME_REFUSED


def waiting_add(
    *,
    acting_user: StaffUser,
    branch: Branch,
    desk: ServiceDesk | None,
    name: str,
    reason: str = "",
    in_person: bool = True,
    now: datetime.datetime | None = None,
) -> WaitingEntry:
    """Someone joins the waiting list (first name or ticket number only,
    as waiting_name_problem says)."""
    if not policies.can_work_desk(acting_user):
        raise DeskWorkError(NOT_ALLOWED)
    problem = waiting_name_problem(name)
    if problem:
        raise DeskWorkError(problem)
    moment = now or timezone.now()
    return WaitingEntry.objects.create(
        branch=branch,
        desk=desk,
        name=name.strip(),
        reason=reason.strip(),
        in_person=in_person,
        added_at=moment,
        added_by=acting_user,
        forget_after=end_of_local_day(branch, moment),
    )


@transaction.atomic
def waiting_call_next(
    *, acting_user: StaffUser, branch: Branch, now: datetime.datetime | None = None
) -> WaitingEntry:
    """Call the next person: in person before phone (seed 004), then by
    arrival. Skips rows another desk is calling at this moment."""
    if not policies.can_work_desk(acting_user):
        raise DeskWorkError(NOT_ALLOWED)
    entry = (
        WaitingEntry.objects.select_for_update(skip_locked=True)
        .filter(branch=branch, status=WaitingEntry.Status.WAITING)
        .order_by("-in_person", "added_at", "id")
        .first()
    )
    if entry is None:
        raise DeskWorkError(NOBODY_WAITING)
    entry.status = WaitingEntry.Status.CALLED
    entry.called_at = now or timezone.now()
    entry.called_by = acting_user
    entry.save(update_fields=["status", "called_at", "called_by"])
    return entry


@transaction.atomic
def waiting_leave(
    *, acting_user: StaffUser, entry_id: int, now: datetime.datetime | None = None
) -> WaitingEntry:
    """Someone left (or was served out of turn): off the list."""
    entry = WaitingEntry.objects.select_for_update().get(pk=entry_id)
    if not policies.can_work_desk(acting_user):
        raise DeskWorkError(NOT_ALLOWED)
    if entry.status != WaitingEntry.Status.WAITING:
        raise DeskWorkError(NOT_WAITING)
    entry.status = WaitingEntry.Status.LEFT
    entry.called_at = now or timezone.now()
    entry.called_by = acting_user
    entry.save(update_fields=["status", "called_at", "called_by"])
    return entry


def waiting_forget_ended(*, now: datetime.datetime | None = None) -> int:
    """Forget the names (and reasons) of every entry whose branch day has
    ended; whoever was still waiting is marked as having left. Safe to run
    any number of times; returns how many rows it changed."""
    moment = now or timezone.now()
    due = WaitingEntry.objects.filter(forget_after__lte=moment, name_erased_at__isnull=True)
    with transaction.atomic():
        due.filter(status=WaitingEntry.Status.WAITING).update(status=WaitingEntry.Status.LEFT)
        return due.update(name="", reason="", name_erased_at=moment)
