"""Celery tasks: each takes ids, fetches, and calls one service.

Services queue these by name (cases.notify), so this module is the only
one that imports the services it runs: no import cycle.
"""

from __future__ import annotations

from celery import shared_task

from complaints.services import clocks, desk_records, letters, notices


@shared_task
def send_decision_letter(complaint_id: int) -> bool:
    return letters.complaint_send_decision_letter(complaint_id=complaint_id)


@shared_task
def send_reconsideration_letter(request_id: int, kind: str) -> bool:
    return letters.reconsideration_send_letter(request_id=request_id, kind=kind)


@shared_task
def check_clocks() -> dict[str, int]:
    return clocks.complaints_check_clocks()


@shared_task
def notify_incident_supervisors(incident_id: int) -> int:
    return desk_records.incident_notify_supervisors(incident_id=incident_id)


# Staff are told directly now; these names stay for messages queued before.


@shared_task
def notify_assignee(complaint_id: int, assignee_id: int) -> bool:
    return notices.complaint_notify_assignee(complaint_id=complaint_id, assignee_id=assignee_id)


@shared_task
def send_reminder(complaint_id: int, clock: str) -> bool:
    return notices.complaint_send_reminder(complaint_id=complaint_id, clock=clock)


@shared_task
def send_reconsideration_reminder(request_id: int) -> int:
    return notices.reconsideration_send_reminder(request_id=request_id)
