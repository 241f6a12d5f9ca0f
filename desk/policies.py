"""Who may see and do what with the desk's own records: inquiries and
tallies, callbacks, the waiting list and desk statistics. The only place
these rules live.

- Inquiries and tallies are recorded by every desk role (volunteers
  included); administrators record nothing. Inquiry text is confidential
  (seed 002): staff roles read it for follow-up at their branch (the
  Director at every branch); a volunteer reads only what they entered.
- Callbacks: every desk role at the branch sees the list and what is
  overdue; the caller's contact details are shown to staff roles and to
  the volunteer who took the call, who may also mark it done.
- The waiting list is the branch's, for every desk role there.
- Desk statistics are counts for supervisors (their branch) and the
  Director (every branch).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from desk.models import Callback, Inquiry, WaitingEntry
from organisation.models import Branch
from organisation.policies import (
    can_handle_escalations,
    can_review_branch_records,
    has_capability,
)
from organisation.users import StaffUser


def _branch_id(user: StaffUser) -> int | None:
    profile = getattr(user, "staff_profile", None)
    return profile.branch_id if profile is not None else None


def desk_branch_id(user: StaffUser) -> int | None:
    """The branch whose desk work (waiting list, callbacks) the user sees:
    what callbacks_visible_to and waiting_visible_to filter on; None: none."""
    return _branch_id(user) if can_work_desk(user) else None


def _at_branch(qs: QuerySet[Any], user: StaffUser) -> QuerySet[Any]:
    branch_id = _branch_id(user)
    return qs.none() if branch_id is None else qs.filter(branch_id=branch_id)


def can_work_desk(user: StaffUser) -> bool:
    """Tallies, the waiting list, the callback list: every desk role."""
    return has_capability(user, "circulate")


def can_log_inquiries(user: StaffUser) -> bool:
    return has_capability(user, "circulate") and has_capability(user, "log_desk_records")


def is_staff_reader(user: StaffUser) -> bool:
    """Staff roles (not volunteers): read inquiry text and callers' contacts
    for follow-up."""
    return can_work_desk(user) and has_capability(user, "view_patron_contact")


# ---------------------------------------------------------------- inquiries


def inquiries_visible_to(user: StaffUser) -> QuerySet[Inquiry]:
    """Inquiries the user may list: staff roles, their branch's (the
    Director's: every branch's); a volunteer, their own."""
    if not can_log_inquiries(user):
        return Inquiry.objects.none()
    if is_staff_reader(user):
        if can_handle_escalations(user):
            return Inquiry.objects.all()
        return _at_branch(Inquiry.objects.all(), user)
    return Inquiry.objects.filter(recorded_by=user)


def can_read_inquiry_text(user: StaffUser, inquiry: Inquiry) -> bool:
    """The question and answer text: never a volunteer's beyond their own."""
    if not can_log_inquiries(user):
        return False
    if inquiry.recorded_by_id == user.pk:
        return True
    if not is_staff_reader(user):
        return False
    return can_handle_escalations(user) or inquiry.branch_id == _branch_id(user)


def can_link_inquiry_patron(user: StaffUser) -> bool:
    """Linking a patron for follow-up: staff roles, who may open patrons."""
    return is_staff_reader(user)


# ---------------------------------------------------------------- callbacks


def callbacks_visible_to(user: StaffUser) -> QuerySet[Callback]:
    if not can_work_desk(user):
        return Callback.objects.none()
    return _at_branch(Callback.objects.all(), user)


def can_see_callback_contact(user: StaffUser, callback: Callback) -> bool:
    if not can_work_desk(user) or callback.branch_id != _branch_id(user):
        return False
    return is_staff_reader(user) or callback.created_by_id == user.pk


def can_close_callback(user: StaffUser, callback: Callback) -> bool:
    """Mark done or cancel: whoever may call the person back."""
    return can_see_callback_contact(user, callback)


def access_callback(user: StaffUser, callback_id: int) -> Callback:
    """A callback of the user's branch, or Http404."""
    try:
        return callbacks_visible_to(user).get(pk=callback_id)
    except Callback.DoesNotExist:
        raise Http404 from None


# ----------------------------------------------------------- waiting list


def waiting_visible_to(user: StaffUser) -> QuerySet[WaitingEntry]:
    if not can_work_desk(user):
        return WaitingEntry.objects.none()
    return _at_branch(WaitingEntry.objects.all(), user)


def access_waiting(user: StaffUser, entry_id: int) -> WaitingEntry:
    try:
        return waiting_visible_to(user).get(pk=entry_id)
    except WaitingEntry.DoesNotExist:
        raise Http404 from None


# ------------------------------------------------------------- statistics


def can_view_desk_reports(user: StaffUser) -> bool:
    """Supervisors and the Director (counts only, never text or names)."""
    return can_review_branch_records(user)


def report_branches_for(user: StaffUser) -> QuerySet[Branch]:
    """Branches whose desk statistics the user may see."""
    if not can_view_desk_reports(user):
        return Branch.objects.none()
    if can_handle_escalations(user):
        return Branch.objects.all()
    branch_id = _branch_id(user)
    return Branch.objects.none() if branch_id is None else Branch.objects.filter(pk=branch_id)
