"""Celery tasks: each takes ids, fetches, and calls one service."""

from __future__ import annotations

from celery import shared_task

from complaints import services


@shared_task
def notify_assignee(complaint_id: int, assignee_id: int) -> bool:
    return services.complaint_notify_assignee(complaint_id=complaint_id, assignee_id=assignee_id)


@shared_task
def send_decision_letter(complaint_id: int) -> bool:
    return services.complaint_send_decision_letter(complaint_id=complaint_id)


@shared_task
def send_reminder(complaint_id: int, clock: str) -> bool:
    return services.complaint_send_reminder(complaint_id=complaint_id, clock=clock)


@shared_task
def check_clocks() -> dict[str, int]:
    return services.complaints_check_clocks()


@shared_task
def send_reconsideration_letter(request_id: int, kind: str) -> bool:
    return services.reconsideration_send_letter(request_id=request_id, kind=kind)


@shared_task
def notify_incident_supervisors(incident_id: int) -> int:
    return services.incident_notify_supervisors(incident_id=incident_id)


@shared_task
def send_reconsideration_reminder(request_id: int) -> int:
    return services.reconsideration_send_reminder(request_id=request_id)
