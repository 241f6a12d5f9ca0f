"""Writes for complaints: intake, informal resolution, escalation, formal
review with its clocks, decision, appeal, close, attachments.

The steps every case shares (decide, appeal, close, grants, timeline) are
`cases.workflow`'s; what is here is the complaint's own. Every service is
keyword-only, runs in one transaction, locks the row it changes and checks
the state before the policy.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from auditlog.context import set_actor
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cases import clocks
from cases.files import stored_file_save
from cases.workflow import (
    Event,
    ServiceError,
    case_close,
    case_decide,
    case_event,
    case_grant,
    case_lock,
    case_record_appeal,
    case_save,
    require,
    staff_name,
)
from complaints import notifications, policies
from complaints.casetypes import COMPLAINT, WRONG_STATE, settings_for
from complaints.models import Channel, Complaint, ComplaintAttachment, ComplaintEvent
from organisation.models import Branch
from organisation.users import StaffUser
from patrons.models import Patron

ASSIGNEE_NOT_ELIGIBLE = (
    "That person cannot be assigned: choose the Director, a supervisor or desk staff "
    "who is not named in the complaint."
)
ALREADY_ASSIGNED = "The complaint is already assigned to that person."
NOT_WAITING = "The complaint is not waiting on the patron."
ALREADY_WAITING = "The complaint is already waiting on the patron."

# The clocks of formal review; the first response stops once given.
CLOCKS = ("first_response", "next_update", "resolution")


def _lock(complaint: Complaint) -> Complaint:
    locked: Complaint = case_lock(COMPLAINT, complaint)
    return locked


def _event(
    complaint: Complaint, kind: str, actor: StaffUser | None = None, note: str = "", at: Any = None
) -> None:
    case_event(COMPLAINT, complaint, kind, actor, note, at)


@transaction.atomic
def complaint_log(
    *,
    branch: Branch,
    logged_by: StaffUser,
    category: str,
    description: str,
    channel: str = Channel.IN_PERSON,
    patron: Patron | None = None,
    patron_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    staff_involved: Iterable[Any] = (),
) -> Complaint:
    """Log a concern at the desk (any desk role)."""
    require(policies.can_log_complaint(logged_by))
    with set_actor(logged_by):
        complaint = Complaint.objects.create(
            branch=branch,
            channel=channel,
            category=category,
            description=description.strip(),
            patron=patron,
            patron_name=patron_name.strip(),
            contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(),
            logged_by=logged_by,
        )
        staff = list(staff_involved)
        if staff:
            complaint.staff_involved.set(staff)
    _event(complaint, ComplaintEvent.Kind.LOGGED, logged_by)
    return complaint


@transaction.atomic
def complaint_resolve_informally(
    *, complaint: Complaint, acting_user: StaffUser, explanation: str, alternative: str = ""
) -> Complaint:
    """Record what was explained and the alternative offered, and close it."""
    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.OPEN:
        raise ServiceError(WRONG_STATE)
    require(policies.can_resolve_informally(acting_user, complaint))
    now = timezone.now()
    complaint.informal_explanation = explanation.strip()
    complaint.alternative_offered = alternative.strip()
    complaint.resolved_by = acting_user
    complaint.status = Complaint.Status.CLOSED
    complaint.closed_at = now
    case_save(
        complaint,
        acting_user,
        ["informal_explanation", "alternative_offered", "resolved_by", "status", "closed_at"],
    )
    _event(complaint, ComplaintEvent.Kind.RESOLVED, acting_user, explanation, now)
    return complaint


@transaction.atomic
def complaint_escalate(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    assignee: StaffUser,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """Assign the complaint to the Director or a designee.

    The first escalation starts formal review and its clocks; a later one
    re-assigns without touching them (escalation is not a priority bump).
    The new assignee gets a per-object grant, the previous one loses theirs,
    the assignee is told (a notice, and an e-mail after commit where they
    have an address; `complaint.assignee_told` is the Delivery), and
    auditlog records the change of assignee.
    """
    complaint = _lock(complaint)
    require(policies.can_escalate(acting_user, complaint))
    if not policies.can_be_assigned(assignee, complaint):
        raise ServiceError(ASSIGNEE_NOT_ELIGIBLE)
    if complaint.assignee_id == assignee.pk:
        raise ServiceError(ALREADY_ASSIGNED)
    now = now or timezone.now()
    previous = complaint.assignee
    fields = ["assignee"]
    complaint.assignee = assignee
    first = complaint.status == Complaint.Status.OPEN
    if first:
        cfg = settings_for(complaint.branch.system_id)
        cal = clocks.calendar(complaint.branch)
        complaint.status = Complaint.Status.ESCALATED
        complaint.escalated_at = now
        complaint.first_response_due = clocks.due_after(
            complaint.branch, now, business_days=cfg.first_response_days, cal=cal
        )
        complaint.resolution_due = clocks.due_after(
            complaint.branch, now, business_days=cfg.resolution_days, cal=cal
        )
        fields += ["status", "escalated_at", "first_response_due", "resolution_due"]
    case_save(complaint, acting_user, fields)
    case_grant(COMPLAINT, case=complaint, assignee=assignee, previous=previous)
    kind = Event.ESCALATED if first else Event.REASSIGNED
    _event(complaint, kind, acting_user, f"Assigned to {staff_name(assignee)}. {note}".strip(), now)
    complaint.assignee_told = notifications.tell_assignee(complaint, assignee)  # type: ignore[attr-defined]
    return complaint


@transaction.atomic
def complaint_record_update(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    note: str,
    now: datetime.datetime | None = None,
) -> Complaint:
    """A response or update given to the patron: meets the first-response
    clock the first time, and restarts the next-update clock every time."""
    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.ESCALATED:
        raise ServiceError(WRONG_STATE)
    require(policies.can_work_formal_review(acting_user, complaint))
    now = now or timezone.now()
    cfg = settings_for(complaint.branch.system_id)
    fields = ["next_update_due", "next_update_reminded_at", "next_update_breached_at"]
    if complaint.first_response_at is None:
        complaint.first_response_at = now
        fields.append("first_response_at")
    complaint.next_update_due = clocks.due_after(
        complaint.branch, now, business_days=cfg.update_days
    )
    complaint.next_update_reminded_at = None
    complaint.next_update_breached_at = None
    case_save(complaint, acting_user, fields)
    _event(complaint, ComplaintEvent.Kind.UPDATE, acting_user, note, now)
    return complaint


@transaction.atomic
def complaint_pause(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """Waiting on the patron: every clock stops."""
    complaint = _lock(complaint)
    if complaint.status == Complaint.Status.WAITING:
        raise ServiceError(ALREADY_WAITING)
    if complaint.status != Complaint.Status.ESCALATED:
        raise ServiceError(WRONG_STATE)
    require(policies.can_work_formal_review(acting_user, complaint))
    now = now or timezone.now()
    complaint.status = Complaint.Status.WAITING
    complaint.paused_at = now
    case_save(complaint, acting_user, ["status", "paused_at"])
    _event(complaint, ComplaintEvent.Kind.PAUSED, acting_user, note, now)
    return complaint


@transaction.atomic
def complaint_resume(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """The patron answered: clocks run again, each deadline pushed back by
    the business time spent waiting."""
    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.WAITING or complaint.paused_at is None:
        raise ServiceError(NOT_WAITING)
    require(policies.can_work_formal_review(acting_user, complaint))
    now = now or timezone.now()
    paused = clocks.paused_for(complaint.branch, complaint.paused_at, now)
    running = [c for c in CLOCKS if not (c == "first_response" and complaint.first_response_at)]
    clocks.push_back(complaint, running, paused)
    complaint.paused_total += paused
    complaint.paused_at = None
    complaint.status = Complaint.Status.ESCALATED
    case_save(
        complaint,
        acting_user,
        [f"{c}_due" for c in CLOCKS] + ["paused_total", "paused_at", "status"],
    )
    hours = paused.total_seconds() / 3600
    _event(
        complaint,
        ComplaintEvent.Kind.RESUMED,
        acting_user,
        (note + "\n" if note else "") + f"Deadlines extended by {hours:.1f} business hours.",
        now,
    )
    return complaint


def _decision_is_a_response(complaint: Complaint, now: datetime.datetime) -> list[str]:
    """A decision meets the first-response clock and ends the update clock."""
    if complaint.first_response_at is None:
        complaint.first_response_at = now
    complaint.next_update_due = None
    return ["first_response_at", "next_update_due"]


@transaction.atomic
def complaint_decide(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    decision: str,
    reasons: str,
    now: datetime.datetime | None = None,
) -> Complaint:
    """Record the decision and its reasons, open the appeal window and, if the
    patron gave an e-mail address, send the letter once committed."""
    decided: Complaint = case_decide(
        COMPLAINT,
        case=complaint,
        acting_user=acting_user,
        decision=decision,
        reasons=reasons,
        now=now,
        before=_decision_is_a_response,
    )
    return decided


@transaction.atomic
def complaint_record_appeal(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    grounds: str,
    now: datetime.datetime | None = None,
) -> Complaint:
    """An appeal to the Board, within the appeal window."""
    appealed: Complaint = case_record_appeal(
        COMPLAINT, case=complaint, acting_user=acting_user, grounds=grounds, now=now
    )
    return appealed


@transaction.atomic
def complaint_close(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """Close after a decision (appeal window over) or after the Board's answer."""
    closed: Complaint = case_close(
        COMPLAINT, case=complaint, acting_user=acting_user, note=note, now=now
    )
    return closed


@transaction.atomic
def complaint_add_attachment(
    *,
    complaint: Complaint,
    acting_user: StaffUser,
    upload: UploadedFile,
    content_type: str,
) -> ComplaintAttachment:
    """Keep a file with the complaint. The caller has validated size and type
    (complaints.forms.AttachmentForm sniffs the content)."""
    complaint = _lock(complaint)
    require(policies.can_add_attachment(acting_user, complaint))
    attachment = stored_file_save(
        ComplaintAttachment(complaint=complaint),
        upload=upload,
        content_type=content_type,
        acting_user=acting_user,
    )
    _event(complaint, ComplaintEvent.Kind.ATTACHMENT, acting_user)
    return attachment
