"""Letters to patrons and requesters, e-mailed by Celery tasks.

Each is safe to run twice: it checks state first. Nothing here logs a
letter's subject, body or address.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cases.letters import letter_send
from cases.workflow import Event, case_event
from complaints import letters
from complaints.casetypes import COMPLAINT
from complaints.models import Complaint, ReconsiderationRequest

ACKNOWLEDGEMENT = "acknowledgement"
DECISION = "decision"


@transaction.atomic
def complaint_send_decision_letter(*, complaint_id: int) -> bool:
    """E-mail the decision letter to the patron's address, once."""
    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("branch", "patron", "decided_by__staff_profile")
        .filter(pk=complaint_id)
        .first()
    )
    if (
        complaint is None
        or complaint.decided_at is None
        or complaint.letter_sent_at is not None
        or not complaint.contact_email
    ):
        return False
    subject, text, html = letters.complaint_decision_letter(complaint)
    letter_send(to=complaint.contact_email, subject=subject, text=text, html=html)
    complaint.letter_sent_at = timezone.now()
    complaint.save(update_fields=["letter_sent_at"])
    case_event(COMPLAINT, complaint, Event.LETTER, None, "", complaint.letter_sent_at)
    return True


def reconsideration_send_letter(*, request_id: int, kind: str) -> bool:
    """E-mail the requester the acknowledgement or the decision."""
    request = (
        ReconsiderationRequest.objects.select_related("item", "branch", "decided_by__staff_profile")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not request.requester_email:
        return False
    if kind == DECISION and request.decided_at is None:
        return False
    render = (
        letters.reconsideration_decision_letter
        if kind == DECISION
        else letters.reconsideration_acknowledgement_letter
    )
    subject, text, html = render(request)
    letter_send(to=request.requester_email, subject=subject, text=text, html=html)
    return True
