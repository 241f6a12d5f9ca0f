"""Who may see and do what with complaints, reconsideration requests,
comment cards and incidents. The only place these rules live.

The visibility rule for complaints is one queryset, `complaints_visible_to`;
`can_view_complaint` and `access_complaint` are defined through it, and
lists, counts, search, the review page, the CSV and attachments all start
from it. A complaint about a staff member is never in that staff member's
queryset, whatever their role or grants.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from complaints.models import (
    CommentCard,
    Complaint,
    ComplaintAttachment,
    Incident,
    ReconsiderationRequest,
)
from organisation.policies import (
    can_handle_escalations,
    can_review_branch_records,
    has_capability,
)
from organisation.users import StaffUser

HANDLE_PERM = "complaints.handle_complaint"


def _branch_id(user: StaffUser) -> int | None:
    profile = getattr(user, "staff_profile", None)
    return profile.branch_id if profile is not None else None


def _is_active(user: StaffUser) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _granted_ids(user: StaffUser) -> QuerySet[Any, Any]:
    """Complaints this user holds a per-object grant on (designees)."""
    return get_objects_for_user(
        user,
        HANDLE_PERM,
        klass=Complaint,
        use_groups=False,
        with_superuser=False,
        accept_global_perms=False,
    ).values("pk")


# ---------------------------------------------------------------- complaints


def complaints_visible_to(user: StaffUser) -> QuerySet[Complaint]:
    """Every complaint `user` may see.

    - the Director (handle_escalations): all of them;
    - a supervisor (review_branch_complaints): their branch's;
    - a designee: those granted to them (a django-guardian object grant);
    - whoever logged a complaint at the desk: it, until it is escalated;
    - never a complaint naming the user among the staff involved;
    - administrators and users without a desk role: nothing.
    """
    if not _is_active(user) or not has_capability(user, "log_desk_records"):
        return Complaint.objects.none()
    if has_capability(user, "handle_escalations"):
        scope = Q()
    else:
        scope = Q(pk__in=_granted_ids(user)) | Q(logged_by=user, escalated_at__isnull=True)
        branch_id = _branch_id(user)
        if has_capability(user, "review_branch_complaints") and branch_id is not None:
            scope |= Q(branch_id=branch_id)
    about_user = Complaint.staff_involved.through.objects.filter(user_id=user.pk).values(
        "complaint_id"
    )
    return Complaint.objects.filter(scope).exclude(pk__in=about_user)


def can_view_complaint(user: StaffUser, complaint: Complaint) -> bool:
    return complaints_visible_to(user).filter(pk=complaint.pk).exists()


def access_complaint(user: StaffUser, complaint_id: int, *, for_update: bool = False) -> Complaint:
    """The complaint if `user` may see it; Http404 for forbidden and missing alike."""
    qs = complaints_visible_to(user)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    complaint = qs.filter(pk=complaint_id).first()
    if complaint is None:
        raise Http404("No such complaint.")
    return complaint


def can_log_complaint(user: StaffUser) -> bool:
    return has_capability(user, "log_desk_records")


def can_resolve_informally(user: StaffUser, complaint: Complaint) -> bool:
    """Whoever may see an open complaint may record how it was resolved at the desk."""
    return complaint.status == Complaint.Status.OPEN and can_view_complaint(user, complaint)


def _is_handler(user: StaffUser, complaint: Complaint) -> bool:
    """The Director, or the designee the complaint is assigned to."""
    if not can_view_complaint(user, complaint):
        return False
    if has_capability(user, "handle_escalations"):
        return True
    return complaint.assignee_id == user.pk and bool(user.has_perm(HANDLE_PERM, complaint))


def can_escalate(user: StaffUser, complaint: Complaint) -> bool:
    """Supervisors (own branch) and the Director escalate or re-assign; the
    current designee may hand a complaint on as well."""
    if complaint.status in (Complaint.Status.CLOSED, Complaint.Status.APPEALED):
        return False
    if complaint.status == Complaint.Status.DECIDED:
        return False
    if not can_view_complaint(user, complaint):
        return False
    if has_capability(user, "handle_escalations"):
        return True
    if has_capability(user, "review_branch_complaints") and complaint.branch_id == _branch_id(user):
        return True
    return complaint.status != Complaint.Status.OPEN and _is_handler(user, complaint)


def can_work_formal_review(user: StaffUser, complaint: Complaint) -> bool:
    """Record responses and updates, pause and resume the clocks, decide."""
    return complaint.in_formal_review and _is_handler(user, complaint)


def can_record_appeal(user: StaffUser, complaint: Complaint) -> bool:
    return complaint.status == Complaint.Status.DECIDED and _is_handler(user, complaint)


def can_close_after_decision(user: StaffUser, complaint: Complaint) -> bool:
    return complaint.status in (
        Complaint.Status.DECIDED,
        Complaint.Status.APPEALED,
    ) and _is_handler(user, complaint)


def can_view_letter(user: StaffUser, complaint: Complaint) -> bool:
    return complaint.decided_at is not None and can_view_complaint(user, complaint)


def can_add_attachment(user: StaffUser, complaint: Complaint) -> bool:
    return complaint.status != Complaint.Status.CLOSED and can_view_complaint(user, complaint)


def access_attachment(user: StaffUser, attachment_id: int) -> ComplaintAttachment:
    """An attachment whose complaint `user` may see; Http404 otherwise."""
    attachment = (
        ComplaintAttachment.objects.filter(
            pk=attachment_id, complaint__in=complaints_visible_to(user)
        )
        .select_related("complaint")
        .first()
    )
    if attachment is None:
        raise Http404("No such attachment.")
    return attachment


def can_be_assigned(user: StaffUser, complaint: Complaint) -> bool:
    """The Director, a supervisor or desk staff may be named; never someone it is about."""
    if not _is_active(user):
        return False
    if not (
        has_capability(user, "handle_escalations")
        or has_capability(user, "review_branch_complaints")
        or has_capability(user, "view_patron_contact")
    ):
        return False
    return not complaint.staff_involved.filter(pk=user.pk).exists()


def can_view_review_desk(user: StaffUser) -> bool:
    return has_capability(user, "review_branch_complaints")


# ------------------------------------------------------- reconsideration


def can_log_reconsideration(user: StaffUser) -> bool:
    return has_capability(user, "log_desk_records")


def reconsiderations_visible_to(user: StaffUser) -> QuerySet[ReconsiderationRequest]:
    if not _is_active(user) or not has_capability(user, "handle_escalations"):
        return ReconsiderationRequest.objects.none()
    return ReconsiderationRequest.objects.all()


def access_reconsideration(
    user: StaffUser, request_id: int, *, for_update: bool = False
) -> ReconsiderationRequest:
    qs = reconsiderations_visible_to(user)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    found = qs.filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request.")
    return found


def _handles_reconsideration(user: StaffUser) -> bool:
    """The Director works reconsideration requests (committee, decision,
    letters); seeing one is not enough to act on it."""
    return _is_active(user) and has_capability(user, "handle_escalations")


def _recon_open(request: ReconsiderationRequest) -> bool:
    return request.status in (
        ReconsiderationRequest.Status.RECEIVED,
        ReconsiderationRequest.Status.UNDER_REVIEW,
    )


def can_acknowledge_reconsideration(user: StaffUser, request: ReconsiderationRequest) -> bool:
    return request.status == ReconsiderationRequest.Status.RECEIVED and _handles_reconsideration(
        user
    )


def can_record_committee_member(user: StaffUser, request: ReconsiderationRequest) -> bool:
    return _recon_open(request) and _handles_reconsideration(user)


def can_decide_reconsideration(user: StaffUser, request: ReconsiderationRequest) -> bool:
    return _recon_open(request) and _handles_reconsideration(user)


def can_record_reconsideration_appeal(user: StaffUser, request: ReconsiderationRequest) -> bool:
    return request.status == ReconsiderationRequest.Status.DECIDED and _handles_reconsideration(
        user
    )


def can_close_reconsideration(user: StaffUser, request: ReconsiderationRequest) -> bool:
    return request.status in (
        ReconsiderationRequest.Status.DECIDED,
        ReconsiderationRequest.Status.APPEALED,
    ) and _handles_reconsideration(user)


def can_see_requester_identity(user: StaffUser, request: ReconsiderationRequest) -> bool:
    """Only the Director sees a confidential requester's name; lists, the CSV
    and committee papers show "confidential"."""
    if not request.identity_confidential:
        return True
    return has_capability(user, "handle_escalations")


# ------------------------------------------------- comment cards, incidents


def can_log_comment_card(user: StaffUser) -> bool:
    return has_capability(user, "log_desk_records")


def comment_cards_visible_to(user: StaffUser) -> QuerySet[CommentCard]:
    if not _is_active(user):
        return CommentCard.objects.none()
    if has_capability(user, "handle_escalations"):
        return CommentCard.objects.all()
    branch_id = _branch_id(user)
    if has_capability(user, "review_branch_complaints") and branch_id is not None:
        return CommentCard.objects.filter(branch_id=branch_id)
    return CommentCard.objects.none()


def can_log_incident(user: StaffUser) -> bool:
    return has_capability(user, "log_desk_records")


def incidents_visible_to(user: StaffUser) -> QuerySet[Incident]:
    if not _is_active(user):
        return Incident.objects.none()
    if has_capability(user, "handle_escalations"):
        return Incident.objects.all()
    branch_id = _branch_id(user)
    if has_capability(user, "review_branch_complaints") and branch_id is not None:
        return Incident.objects.filter(branch_id=branch_id)
    return Incident.objects.none()


def access_incident(user: StaffUser, incident_id: int, *, for_update: bool = False) -> Incident:
    qs = incidents_visible_to(user)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    found = qs.filter(pk=incident_id).first()
    if found is None:
        raise Http404("No such incident.")
    return found


def can_close_incident(user: StaffUser, incident: Incident) -> bool:
    return incident.closed_at is None and incidents_visible_to(user).filter(pk=incident.pk).exists()


def can_view_comment_report(user: StaffUser) -> bool:
    return can_review_branch_records(user)


def can_view_incident_list(user: StaffUser) -> bool:
    return can_review_branch_records(user)


def can_view_reconsideration_list(user: StaffUser) -> bool:
    return can_handle_escalations(user)
