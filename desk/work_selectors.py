"""Reads for the desk's own work: the live panel every desk screen shows
(overdue callbacks, the waiting list) and the lists of inquiries and
callbacks. Every query starts from the policy's queryset."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from desk import policies
from desk.models import Callback, Inquiry, WaitingEntry
from libraryservice import clock

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


def waiting_now(*, user: Any) -> QuerySet[WaitingEntry]:
    """Who waits at the branch: in person first, then phone, by arrival."""
    return (
        policies.waiting_visible_to(user)
        .filter(status=WaitingEntry.Status.WAITING)
        .order_by("-in_person", "added_at", "id")
    )


def callback_rows(
    *, user: Any, now: datetime.datetime, callbacks: Iterable[Callback]
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


def open_callbacks(*, user: Any) -> QuerySet[Callback]:
    return (
        policies.callbacks_visible_to(user)
        .filter(status=Callback.Status.OPEN)
        .order_by("promised_at", "id")
    )


def recent_closed_callbacks(*, user: Any, limit: int = 20) -> QuerySet[Callback]:
    return (
        policies.callbacks_visible_to(user)
        .exclude(status=Callback.Status.OPEN)
        .order_by("-done_at", "-id")[:limit]
    )


def work_panel(*, user: Any, now: datetime.datetime) -> WorkPanel:
    """Three queries: the waiting list, the overdue callbacks, the count of
    open ones."""
    if not policies.can_work_desk(user):
        return WorkPanel(now=now)
    waiting = [Waiting(e, _minutes(e.added_at, now)) for e in waiting_now(user=user)[:50]]
    # One query for both: the open callbacks, earliest promise first (a
    # desk has a handful; the panel lists at most 20 overdue ones).
    opened = list(open_callbacks(user=user)[:OPEN_CALLBACKS_READ])
    late = [cb for cb in opened if cb.promised_at < now][:20]
    overdue = callback_rows(user=user, now=now, callbacks=late)
    return WorkPanel(waiting=waiting, overdue=overdue, open_callbacks=len(opened), now=now)


@dataclass
class InquiryRow:
    inquiry: Inquiry
    show_text: bool


def recent_inquiries(*, user: Any, limit: int = 50) -> list[InquiryRow]:
    """The latest inquiries the user may list, with whether they may read
    each one's text (a volunteer: only their own)."""
    rows = (
        policies.inquiries_visible_to(user)
        .select_related("inquiry_type", "referred_to", "desk", "recorded_by__staff_profile")
        .order_by("-recorded_at", "-id")[:limit]
    )
    return [InquiryRow(i, policies.can_read_inquiry_text(user, i)) for i in rows]


def tallies_today(*, branch: Any, inquiry_type: Any, day: datetime.date) -> int:
    """Counts, not records: shown after a tally so the desk sees it land."""
    return Inquiry.objects.filter(
        branch=branch, local_day=day, inquiry_type=inquiry_type, is_tally=True
    ).count()
