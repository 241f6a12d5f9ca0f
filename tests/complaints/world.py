"""Complaint-side objects for the authorization matrix (tests/security).

Each is built once per test world: a concern open at the desk (logged by desk
staff), one escalated to the Director, one decided, an attachment, a
reconsideration request and an incident, all at the world's branch.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaints import services
from complaints.models import Incident, ReconsiderationRequest
from organisation.roles import Role
from tests import factories


def _log(world: Any) -> Any:
    return services.complaint_log(
        branch=world.branch,
        logged_by=world.users[Role.DESK_STAFF.value],
        category="service",
        description="Matrix concern.",
    )


def open_complaint(world: Any) -> Any:
    return world.once("complaint_open", lambda: _log(world))


def escalated_complaint(world: Any) -> Any:
    def make() -> Any:
        return services.complaint_escalate(
            complaint=_log(world),
            acting_user=world.users[Role.SUPERVISOR.value],
            assignee=world.users[Role.DIRECTOR.value],
        )

    return world.once("complaint_escalated", make)


def decided_complaint(world: Any) -> Any:
    def make() -> Any:
        complaint = escalated_complaint(world)
        return services.complaint_decide(
            complaint=complaint,
            acting_user=world.users[Role.DIRECTOR.value],
            decision="upheld",
            reasons="Matrix.",
        )

    return world.once("complaint_decided", make)


def attachment(world: Any) -> Any:
    return world.once(
        "complaint_attachment",
        lambda: services.complaint_add_attachment(
            complaint=open_complaint(world),
            acting_user=world.users[Role.DESK_STAFF.value],
            upload=SimpleUploadedFile("a.txt", b"matrix"),
            content_type="text/plain",
        ),
    )


def reconsideration(world: Any) -> Any:
    return world.once(
        "reconsideration",
        lambda: ReconsiderationRequest.objects.create(
            item=factories.ItemFactory(home_branch=world.branch),
            branch=world.branch,
            requester_name="Matrix requester",
            eligibility_basis="cardholder",
            objection="Matrix.",
            decision_due=timezone.now(),
        ),
    )


def incident(world: Any) -> Any:
    return world.once(
        "incident",
        lambda: Incident.objects.create(
            branch=world.branch,
            type="safety",
            description="Matrix.",
            reported_by=world.users[Role.DESK_STAFF.value],
        ),
    )
