"""Who is told what about complaints, reconsideration requests and incidents.

Staff are told through `notices.services.notice_send` (a notice in the app
for each, an e-mail where they have an address), and the `Delivery` it
returns says truthfully who was told and how. Patron letters are queued
here, after commit, through `cases.notify`. Subjects and bodies name records
by reference only: no patron names, contact details, reasons or titles.
"""

from __future__ import annotations

from django.urls import reverse

from cases import notify
from cases.workflow import local_day
from complaints.models import Complaint, Incident, ReconsiderationRequest
from notices.models import Notice
from notices.services import Delivery, notice_send
from organisation import policies
from organisation.users import StaffUser

CLOCK_LABELS = {
    "first_response": "first response",
    "next_update": "next update",
    "resolution": "resolution",
    "decision": "decision",
}


def tell_assignee(complaint: Complaint, assignee: StaffUser) -> Delivery:
    """The assignee learns the complaint is theirs: a reference and a link."""
    return notice_send(
        recipients=[assignee],
        subject=f"Complaint {complaint.reference} was assigned to you",
        body=f"Complaint {complaint.reference} ({complaint.get_category_display()}) was "
        "assigned to you for review.",
        link=reverse("complaints:detail", args=[complaint.pk]),
        kind=Notice.Kind.ASSIGNED,
    )


def remind_assignee(complaint: Complaint, clock: str) -> Delivery:
    label = CLOCK_LABELS.get(clock, clock)
    recipients = [complaint.assignee] if complaint.assignee is not None else []
    return notice_send(
        recipients=recipients,
        subject=f"Reminder: complaint {complaint.reference}, {label} due soon",
        body=f"The {label} deadline of complaint {complaint.reference} is close. "
        "Please act on it or record why not.",
        link=reverse("complaints:detail", args=[complaint.pk]),
        kind=Notice.Kind.REMINDER,
    )


def remind_directors(request: ReconsiderationRequest) -> Delivery:
    """A written decision on a reconsideration request is due soon (no
    requester data, no title)."""
    return notice_send(
        recipients=policies.directors().select_related("staff_profile"),
        subject=f"Reminder: reconsideration {request.reference} decision due soon",
        body=f"The written decision on request {request.reference} is due "
        f"{local_day(request.decision_due, request.branch)}.",
        link=reverse("complaints:reconsideration_detail", args=[request.pk]),
        kind=Notice.Kind.REMINDER,
    )


def tell_supervisors(incident: Incident) -> Delivery:
    kind = incident.get_type_display()
    called = " (911 called)" if incident.called_911 else ""
    return notice_send(
        # With or without an e-mail address (those without one are told in the app).
        recipients=policies.branch_supervisors(incident.branch_id).select_related("staff_profile"),
        subject=f"Incident at your branch: {kind}{called}",
        body=f"Incident #{incident.pk} was reported: {kind}.\n"
        f"911 called: {'yes' if incident.called_911 else 'no'}.",
        link=reverse("complaints:incident_detail", args=[incident.pk]),
        kind=Notice.Kind.INCIDENT,
    )


def queue_reconsideration_letter(request: ReconsiderationRequest, kind: str) -> None:
    """E-mail the requester's letter (`acknowledgement` or `decision`) after commit."""
    if request.requester_email:
        notify.enqueue("complaints.tasks.send_reconsideration_letter", request.pk, kind)
