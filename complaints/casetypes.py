"""Complaints and reconsideration requests declared as cases.

Each declaration names what is the case type's own (model, statuses,
policies, timeline, letter, appeal days); the shared workflow in `cases`
does the rest.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases.workflow import CaseType
from complaints import policies
from complaints.models import Complaint, ComplaintEvent, ComplaintSettings, ReconsiderationRequest
from organisation.models import LibrarySystem
from organisation.users import StaffUser

WRONG_STATE = "This complaint is no longer at a stage where that can be done."
RECON_WRONG_STATE = "This request is no longer at a stage where that can be done."


def settings_for(system: LibrarySystem | int) -> ComplaintSettings:
    """The system's complaint settings, created with the defaults if missing."""
    system_id = system if isinstance(system, int) else system.pk
    found, _ = ComplaintSettings.objects.get_or_create(system_id=system_id)
    return found


def complaint_event(
    complaint: Complaint, kind: str, actor: StaffUser | None = None, note: str = "", at: Any = None
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, actor=actor, note=note, at=at or timezone.now()
    )


COMPLAINT = CaseType(
    model=Complaint,
    decidable=(Complaint.Status.ESCALATED,),
    decided=Complaint.Status.DECIDED,
    appealed=Complaint.Status.APPEALED,
    closed=Complaint.Status.CLOSED,
    wrong_state=WRONG_STATE,
    can_decide=policies.can_work_formal_review,
    can_appeal=policies.can_record_appeal,
    can_close=policies.can_close_after_decision,
    appeal_days=lambda c: settings_for(c.branch.system_id).appeal_days,
    timeline=complaint_event,
    letter_task="complaints.tasks.send_decision_letter",
    letter_address=lambda c: c.contact_email,
    handle_perm=policies.HANDLE_PERM,
)

RECONSIDERATION = CaseType(
    model=ReconsiderationRequest,
    decidable=(
        ReconsiderationRequest.Status.RECEIVED,
        ReconsiderationRequest.Status.UNDER_REVIEW,
    ),
    decided=ReconsiderationRequest.Status.DECIDED,
    appealed=ReconsiderationRequest.Status.APPEALED,
    closed=ReconsiderationRequest.Status.CLOSED,
    wrong_state=RECON_WRONG_STATE,
    can_decide=policies.can_decide_reconsideration,
    can_appeal=policies.can_record_reconsideration_appeal,
    can_close=policies.can_close_reconsideration,
    appeal_days=lambda r: settings_for(r.branch.system_id).reconsideration_appeal_days,
    letter_task="complaints.tasks.send_reconsideration_letter",
    letter_args=("decision",),
    letter_address=lambda r: r.requester_email,
)
