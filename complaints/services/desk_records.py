"""Writes for comment cards and incident reports, logged at the desk."""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from cases.workflow import ServiceError, require
from complaints import bounds, notifications, policies
from complaints.models import CommentCard, Incident
from organisation.models import Branch
from organisation.users import StaffUser
from patrons.models import Patron

ANONYMOUS_WITH_NAME = "An anonymous comment card cannot carry a name or contact."
INCIDENT_CLOSED = "This incident is already closed."


@transaction.atomic
def comment_card_log(
    *,
    branch: Branch,
    logged_by: StaffUser,
    theme: str,
    text: str,
    anonymous: bool = True,
    name: str = "",
    contact: str = "",
    received_on: datetime.date | None = None,
) -> CommentCard:
    """Log a comment card; `received_on` is today or within the last year."""
    require(policies.can_log_comment_card(logged_by))
    if anonymous and (name.strip() or contact.strip()):
        raise ServiceError(ANONYMOUS_WITH_NAME)
    today = bounds.branch_today(branch.timezone)
    if received_on is not None:
        error = bounds.received_on_error(received_on, today=today)
        if error:
            raise ServiceError(error)
    with set_actor(logged_by):
        return CommentCard.objects.create(
            branch=branch,
            theme=theme,
            text=text.strip(),
            anonymous=anonymous,
            name=name.strip(),
            contact=contact.strip(),
            logged_by=logged_by,
            received_on=received_on or today,
        )


@transaction.atomic
def incident_report(
    *,
    branch: Branch,
    reported_by: Any,
    type: str,
    description: str,
    called_911: bool,
    occurred_at: datetime.datetime | None = None,
    location: str = "",
    action_taken: str = "",
    patron: Patron | None = None,
) -> Incident:
    """Record an incident and tell the branch's supervisors at once: a
    notice in the app for each, an e-mail after commit to those with an
    address. `incident.supervisors_told` is the Delivery, for the screen."""
    require(policies.can_log_incident(reported_by))
    now = timezone.now()
    if occurred_at is not None:
        error = bounds.occurred_at_error(occurred_at, now=now)
        if error:
            raise ServiceError(error)
    with set_actor(reported_by):
        incident = Incident.objects.create(
            branch=branch,
            type=type,
            description=description.strip(),
            called_911=called_911,
            occurred_at=occurred_at or now,
            location=location.strip(),
            action_taken=action_taken.strip(),
            patron=patron,
            reported_by=reported_by,
        )
    incident.supervisors_told = _tell_supervisors(incident)  # type: ignore[attr-defined]
    return incident


def _tell_supervisors(incident: Incident) -> Any:
    delivery = notifications.tell_supervisors(incident)
    incident.supervisor_notified_at = timezone.now()
    incident.save(update_fields=["supervisor_notified_at"])
    return delivery


@transaction.atomic
def incident_notify_supervisors(*, incident_id: int) -> int:
    """Tell the branch's supervisors, once (for a report whose supervisors
    were not told yet). Returns how many were told."""
    incident = Incident.objects.select_for_update().filter(pk=incident_id).first()
    if incident is None or incident.supervisor_notified_at is not None:
        return 0
    return len(_tell_supervisors(incident).in_app)


@transaction.atomic
def incident_close(*, incident: Incident, acting_user: StaffUser, note: str = "") -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.closed_at is not None:
        raise ServiceError(INCIDENT_CLOSED)
    require(policies.can_close_incident(acting_user, incident))
    incident.closed_at = timezone.now()
    incident.closing_note = note.strip()
    with set_actor(acting_user):
        incident.save(update_fields=["closed_at", "closing_note"])
    return incident
