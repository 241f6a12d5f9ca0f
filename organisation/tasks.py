"""Celery tasks of the organisation: each calls one service."""

from __future__ import annotations

from celery import shared_task

from organisation import dual_control


@shared_task
def expire_staff_changes() -> int:
    """Hourly: staff-account changes left unconfirmed past their deadline."""
    return dual_control.staff_changes_expire()
