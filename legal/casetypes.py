"""Legal requests declared as a case type on the shared workflow (`cases`).

A legal request has no decision letter and no appeal: the Director either
refuses it or produces the scoped records, then closes it. The shared steps
it uses are the grant of a designee, the timeline, the lock, the save under
the acting user, and close.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases.workflow import CaseType
from legal import policies
from legal.models import LegalEvent, LegalRequest
from organisation.users import StaffUser

WRONG_STATE = "This request is no longer at a stage where that can be done."


def legal_event(
    request: LegalRequest, kind: str, actor: StaffUser | None = None, note: str = "", at: Any = None
) -> LegalEvent:
    return LegalEvent.objects.create(
        request=request, kind=kind, actor=actor, note=note, at=at or timezone.now()
    )


def _never(user: StaffUser, case: Any) -> bool:
    return False


LEGAL_REQUEST = CaseType(
    model=LegalRequest,
    decidable=(),
    # No decision or appeal steps: these two are never reached.
    decided=LegalRequest.Status.REFUSED,
    appealed=LegalRequest.Status.REFUSED,
    closed=LegalRequest.Status.CLOSED,
    wrong_state=WRONG_STATE,
    can_decide=_never,
    can_appeal=_never,
    can_close=policies.can_close,
    appeal_days=lambda case: 0,
    timeline=legal_event,
    handle_perm=policies.HANDLE_PERM,
    close_from=tuple(s for s in LegalRequest.Status.values if s != LegalRequest.Status.CLOSED),
)
