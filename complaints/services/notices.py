"""Staff notices that older queued tasks still ask for.

Escalation, the clock check and incident reports tell staff directly now
(complaints.notifications). These services keep the task names that
messages queued before that change carry, so such a message still does
something sensible when a worker picks it up.
"""

from __future__ import annotations

from complaints import notifications
from complaints.models import Complaint, ReconsiderationRequest


def complaint_notify_assignee(*, complaint_id: int, assignee_id: int) -> bool:
    """Tell the assignee a complaint is theirs; skips if they no longer are."""
    complaint = Complaint.objects.select_related("assignee").filter(pk=complaint_id).first()
    if complaint is None or complaint.assignee is None or complaint.assignee_id != assignee_id:
        return False
    return not notifications.tell_assignee(complaint, complaint.assignee).nobody


def complaint_send_reminder(*, complaint_id: int, clock: str) -> bool:
    complaint = Complaint.objects.select_related("assignee").filter(pk=complaint_id).first()
    if complaint is None or complaint.assignee is None:
        return False
    return not notifications.remind_assignee(complaint, clock).nobody


def reconsideration_send_reminder(*, request_id: int) -> int:
    request = ReconsiderationRequest.objects.select_related("branch").filter(pk=request_id).first()
    if request is None:
        return 0
    return len(notifications.remind_directors(request).in_app)
