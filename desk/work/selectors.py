"""Reads for the desk's own work: the live panel every desk screen shows
(overdue callbacks, the waiting list) and the lists of inquiries and
callbacks. Every query starts from the policy's queryset."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from desk import policies
from desk.models import Callback, Inquiry, WaitingEntry
from kernel import rawsql
from organisation import clock
from organisation.users import StaffUser

OPEN_CALLBACKS_READ = 200


@dataclass
class Waiting:
    entry: WaitingEntry
    minutes: int


@dataclass
class CallbackRow:
    callback: Callback
    overdue: bool
    show_contact: bool
    can_close: bool
    # Promised for today at the branch (the time alone says it).
    today: bool = True


@dataclass
class WorkPanel:
    """What every desk screen of the branch shows, refreshed live."""

    waiting: list[Waiting] = field(default_factory=list)
    overdue: list[CallbackRow] = field(default_factory=list)
    open_callbacks: int = 0
    now: datetime.datetime | None = None


def _minutes(since: datetime.datetime, now: datetime.datetime) -> int:
    return max(0, int((now - since).total_seconds() // 60))


def waiting_now(*, user: StaffUser) -> QuerySet[WaitingEntry]:
    """Who waits at the branch: in person first, then phone, by arrival."""
    return (
        policies.waiting_visible_to(user)
        .filter(status=WaitingEntry.Status.WAITING)
        .order_by("-in_person", "added_at", "id")
    )


def callback_rows(
    *, user: StaffUser, now: datetime.datetime, callbacks: Iterable[Callback]
) -> list[CallbackRow]:
    return [
        CallbackRow(
            callback=cb,
            overdue=cb.status == Callback.Status.OPEN and cb.promised_at < now,
            show_contact=policies.can_see_callback_contact(user, cb),
            can_close=cb.status == Callback.Status.OPEN and policies.can_close_callback(user, cb),
            today=clock.local_day(now.tzinfo or clock.server_zone(), cb.promised_at) == now.date(),
        )
        for cb in callbacks
    ]


def open_callbacks(*, user: StaffUser) -> QuerySet[Callback]:
    return (
        policies.callbacks_visible_to(user)
        .filter(status=Callback.Status.OPEN)
        .order_by("promised_at", "id")
    )


def recent_closed_callbacks(*, user: StaffUser, limit: int = 20) -> QuerySet[Callback]:
    return (
        policies.callbacks_visible_to(user)
        .exclude(status=Callback.Status.OPEN)
        .order_by("-done_at", "-id")[:limit]
    )


WAITING_READ = 50


def _panel_sql() -> str:
    """The waiting list and the open callbacks of a branch (the policies'
    querysets, in their order) as two JSON arrays of rows: one statement."""
    waiting = ", ".join(str(f.column) for f in WaitingEntry._meta.concrete_fields)
    callback = ", ".join(str(f.column) for f in Callback._meta.concrete_fields)
    # The models' column names; every value is a parameter.
    return (
        "SELECT (SELECT json_agg(row_to_json(w) ORDER BY w.in_person DESC, w.added_at, w.id)"  # noqa: S608
        f" FROM (SELECT {waiting} FROM desk_waitingentry"
        " WHERE branch_id = %(branch)s AND status = %(waiting)s"
        " ORDER BY in_person DESC, added_at, id LIMIT %(waiting_limit)s) w),"
        " (SELECT json_agg(row_to_json(c) ORDER BY c.promised_at, c.id)"
        f" FROM (SELECT {callback} FROM desk_callback"
        " WHERE branch_id = %(branch)s AND status = %(open)s"
        " ORDER BY promised_at, id LIMIT %(callback_limit)s) c)"
    )


_PANEL_SQL = _panel_sql()


def _panel_rows(user: StaffUser) -> tuple[list[WaitingEntry], list[Callback]]:
    """waiting_now()[:WAITING_READ] and open_callbacks()[:OPEN_CALLBACKS_READ];
    on PostgreSQL in one round trip."""
    branch_id = policies.desk_branch_id(user)
    if connection.vendor != "postgresql" or branch_id is None:
        return (
            list(waiting_now(user=user)[:WAITING_READ]),
            list(open_callbacks(user=user)[:OPEN_CALLBACKS_READ]),
        )
    [[waiting, callbacks]] = rawsql.fetch(
        _PANEL_SQL,
        {
            "branch": branch_id,
            "waiting": WaitingEntry.Status.WAITING.value,
            "open": Callback.Status.OPEN.value,
            "waiting_limit": WAITING_READ,
            "callback_limit": OPEN_CALLBACKS_READ,
        },
        (None, None),
    )
    return rawsql.instances_from_json(WaitingEntry, waiting), rawsql.instances_from_json(
        Callback, callbacks
    )


def work_panel(*, user: StaffUser, now: datetime.datetime) -> WorkPanel:
    """The waiting list, the overdue callbacks and the count of open ones:
    one statement on PostgreSQL (it is drawn after every desk write and
    polled by every desk screen), two elsewhere."""
    if not policies.can_work_desk(user):
        return WorkPanel(now=now)
    entries, opened = _panel_rows(user)
    waiting = [Waiting(e, _minutes(e.added_at, now)) for e in entries]
    # The open callbacks, earliest promise first (a desk has a handful;
    # the panel lists at most 20 overdue ones).
    late = [cb for cb in opened if cb.promised_at < now][:20]
    overdue = callback_rows(user=user, now=now, callbacks=late)
    return WorkPanel(waiting=waiting, overdue=overdue, open_callbacks=len(opened), now=now)


@dataclass
class InquiryRow:
    inquiry: Inquiry
    show_text: bool


def recent_inquiries(*, user: StaffUser, limit: int = 50) -> list[InquiryRow]:
    """The latest inquiries the user may list, with whether they may read
    each one's text (a volunteer: only their own)."""
    rows = (
        policies.inquiries_visible_to(user)
        .select_related("inquiry_type", "referred_to", "desk", "recorded_by__staff_profile")
        .order_by("-recorded_at", "-id")[:limit]
    )
    return [InquiryRow(i, policies.can_read_inquiry_text(user, i)) for i in rows]
