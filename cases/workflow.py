"""Assign, event, decide, appeal and close, written once for every case type.

Every step locks the case row, checks the state first (so a retried task or
a double-submitted form does no harm), checks the case type's policy, saves
only the fields it changed under the acting user (auditlog), and writes a
timeline event when the case type keeps a timeline.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from cases import clocks, notify
from organisation import clock
from organisation.models import Branch
from organisation.users import StaffUser

NOT_ALLOWED = "You may not do that with this record."
APPEAL_WINDOW_CLOSED = "The appeal window closed on {date}; the appeal cannot be recorded."


class ServiceError(Exception):
    """A refusal with a message staff can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Policy = Callable[[Any, Any], bool]


class Event:
    """Timeline kinds every case type understands (their values are the
    TextChoices values of each case type's event model)."""

    ESCALATED = "escalated"
    REASSIGNED = "reassigned"
    REMINDER = "reminder"
    BREACH = "breach"
    DECIDED = "decided"
    LETTER = "letter"
    APPEALED = "appealed"
    CLOSED = "closed"


@dataclass(frozen=True)
class CaseType:
    """What one kind of case declares; the shared steps do the rest.

    - `model`: the case's model. It has `branch`, `status`, `decision`,
      `decision_reasons`, `decided_by`, `decided_at`, `appeal_due`,
      `appealed_at`, `appeal_grounds` and `closed_at` (and optionally
      `closing_note`).
    - `decidable`, `decided`, `appealed`, `closed`: its status values.
    - `wrong_state`: the message when a step comes at the wrong stage.
    - `can_decide`, `can_appeal`, `can_close`: its policies (user, case).
    - `appeal_days`: business days to appeal, read for the case's branch.
    - `timeline`: writes one event (case, kind, actor, note, at), or None
      when the case type keeps no timeline of its own.
    - `letter_task`, `letter_address`: the Celery task (by name) that
      e-mails the decision letter, and where the letter goes ("" for none).
    - `handle_perm`: the django-guardian permission an assignee is granted.
    - `close_from`: statuses it closes from, if not decided or appealed (a
      case type without a decision, such as a withdrawn legal request).
    """

    model: type[models.Model]
    decidable: tuple[str, ...]
    decided: str
    appealed: str
    closed: str
    wrong_state: str
    can_decide: Policy
    can_appeal: Policy
    can_close: Policy
    appeal_days: Callable[[Any], int]
    timeline: Callable[[Any, str, Any, str, datetime.datetime], Any] | None = None
    letter_task: str = ""
    letter_args: tuple[Any, ...] = ()
    letter_address: Callable[[Any], str] = field(default=lambda case: "")
    handle_perm: str = ""
    close_from: tuple[str, ...] = ()

    @property
    def closable(self) -> tuple[str, ...]:
        """Statuses a case may be closed from: `close_from` if declared,
        else after a decision or an appeal."""
        return self.close_from or (self.decided, self.appealed)


def require(allowed: bool, message: str = NOT_ALLOWED) -> None:
    if not allowed:
        raise PermissionDenied(message)


def local_day(moment: datetime.datetime, branch: Branch) -> str:
    """A date as the branch sees it (its own timezone), e.g. "December 4, 2026"."""
    return f"{clock.local_now(branch, moment):%B %-d, %Y}"


def case_lock(kind: CaseType, case: Any) -> Any:
    """The case row again, locked until the transaction ends."""
    manager = kind.model._default_manager
    return manager.select_for_update(of=("self",)).select_related("branch").get(pk=case.pk)


def case_event(
    kind: CaseType,
    case: Any,
    event: str,
    actor: StaffUser | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> None:
    """One entry on the case's timeline, if its type keeps one."""
    if kind.timeline is not None:
        kind.timeline(case, event, actor, note, at or timezone.now())


def case_save(case: Any, acting_user: StaffUser, fields: Sequence[str]) -> None:
    """Save the changed fields with the acting user as auditlog's actor."""
    with set_actor(acting_user):
        case.save(update_fields=list(fields))


def case_grant(kind: CaseType, *, case: Any, assignee: StaffUser, previous: Any = None) -> None:
    """Move the per-object grant from the previous assignee to the new one."""
    if previous is not None and previous.pk != assignee.pk:
        remove_perm(kind.handle_perm, previous, case)
    assign_perm(kind.handle_perm, assignee, case)


def staff_name(user: StaffUser) -> str:
    profile = getattr(user, "staff_profile", None)
    return profile.display_name if profile is not None else user.get_username()


def case_decide(
    kind: CaseType,
    *,
    case: Any,
    acting_user: StaffUser,
    decision: str,
    reasons: str,
    now: datetime.datetime | None = None,
    before: Callable[[Any, datetime.datetime], list[str]] | None = None,
) -> Any:
    """Record the decision and its reasons and open the appeal window.

    `before(case, now)` runs after the state and policy checks, on the
    locked row: it raises ServiceError to refuse, or sets fields of the case
    type's own and returns their names. The decision letter is queued after
    commit when the case has an address for it.
    """
    case = case_lock(kind, case)
    if case.status not in kind.decidable:
        raise ServiceError(kind.wrong_state)
    require(kind.can_decide(acting_user, case))
    now = now or timezone.now()
    fields = before(case, now) if before is not None else []
    case.decision = decision
    case.decision_reasons = reasons.strip()
    case.decided_by = acting_user
    case.decided_at = now
    case.appeal_due = clocks.due_after(case.branch, now, business_days=kind.appeal_days(case))
    case.status = kind.decided
    fields += ["decision", "decision_reasons", "decided_by", "decided_at", "appeal_due", "status"]
    case_save(case, acting_user, fields)
    case_event(kind, case, Event.DECIDED, acting_user, case.get_decision_display(), now)
    if kind.letter_task and kind.letter_address(case):
        notify.enqueue(kind.letter_task, case.pk, *kind.letter_args)
    return case


def case_record_appeal(
    kind: CaseType,
    *,
    case: Any,
    acting_user: StaffUser,
    grounds: str,
    now: datetime.datetime | None = None,
) -> Any:
    """Record an appeal to the Board, refused once the window has closed."""
    case = case_lock(kind, case)
    if case.status != kind.decided:
        raise ServiceError(kind.wrong_state)
    require(kind.can_appeal(acting_user, case))
    now = now or timezone.now()
    if case.appeal_due is not None and now > case.appeal_due:
        raise ServiceError(
            APPEAL_WINDOW_CLOSED.format(date=local_day(case.appeal_due, case.branch))
        )
    case.status = kind.appealed
    case.appealed_at = now
    case.appeal_grounds = grounds.strip()
    case_save(case, acting_user, ["status", "appealed_at", "appeal_grounds"])
    case_event(kind, case, Event.APPEALED, acting_user, grounds, now)
    return case


def case_close(
    kind: CaseType,
    *,
    case: Any,
    acting_user: StaffUser,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Any:
    """Close after a decision (appeal window over) or after the Board's answer."""
    case = case_lock(kind, case)
    if case.status not in kind.closable:
        raise ServiceError(kind.wrong_state)
    require(kind.can_close(acting_user, case))
    now = now or timezone.now()
    case.status = kind.closed
    case.closed_at = now
    fields = ["status", "closed_at"]
    if hasattr(case, "closing_note"):
        case.closing_note = note.strip()
        fields.append("closing_note")
    case_save(case, acting_user, fields)
    case_event(kind, case, Event.CLOSED, acting_user, note, now)
    return case
