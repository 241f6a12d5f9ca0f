"""Letters to patrons, rendered from templates.

Each function returns (subject, text, html); the shared parts (signatory,
dates, rendering) are cases.letters. The same HTML is the printable
page staff open in the browser and the HTML part of the e-mail.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases.letters import day as _day
from cases.letters import render, signatory
from complaints.models import Complaint, ReconsiderationRequest


def _render(name: str, context: dict[str, Any]) -> tuple[str, str]:
    return render(f"complaints/letters/{name}", context)


def complaint_letter_context(complaint: Complaint) -> dict[str, Any]:
    if complaint.patron is not None:
        recipient = complaint.patron.full_name
    else:
        recipient = complaint.patron_name
    return {
        "kind": "complaint_decision",
        "branch": complaint.branch,
        "date": _day(complaint.decided_at, complaint.branch.timezone),
        "recipient": recipient or "Library patron",
        "reference": complaint.reference,
        "received": _day(complaint.created_at, complaint.branch.timezone),
        "category": complaint.get_category_display().lower(),
        "decision": complaint.get_decision_display(),
        "decision_value": complaint.decision,
        "reasons": complaint.decision_reasons,
        "appeal_due": _day(complaint.appeal_due, complaint.branch.timezone),
        "signatory": signatory(complaint.decided_by),
    }


def complaint_decision_letter(complaint: Complaint) -> tuple[str, str, str]:
    context = complaint_letter_context(complaint)
    text, html = _render("complaint_decision", context)
    return f"Your concern {complaint.reference}: our decision", text, html


def reconsideration_context(request: ReconsiderationRequest) -> dict[str, Any]:
    return {
        "branch": request.branch,
        "request": request,
        "item": request.item,
        "recipient": request.requester_name,
        "reference": request.reference,
        "received": _day(request.received_at, request.branch.timezone),
        "decision_due": _day(request.decision_due, request.branch.timezone),
        "date": _day(
            request.decided_at or request.acknowledged_at or timezone.now(),
            request.branch.timezone,
        ),
        "decision": request.get_decision_display() if request.decision else "",
        "reasons": request.decision_reasons,
        "appeal_due": _day(request.appeal_due, request.branch.timezone),
        "signatory": signatory(request.decided_by),
    }


def reconsideration_acknowledgement_letter(
    request: ReconsiderationRequest,
) -> tuple[str, str, str]:
    context = reconsideration_context(request)
    context["date"] = _day(request.acknowledged_at or timezone.now(), request.branch.timezone)
    text, html = _render("reconsideration_ack", context)
    return f"Your request for reconsideration {request.reference} was received", text, html


def reconsideration_decision_letter(request: ReconsiderationRequest) -> tuple[str, str, str]:
    context = reconsideration_context(request)
    text, html = _render("reconsideration_decision", context)
    return f"Your request for reconsideration {request.reference}: decision", text, html
