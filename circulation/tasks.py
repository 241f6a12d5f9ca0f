"""Scheduled circulation jobs."""

from __future__ import annotations

from celery import shared_task

from circulation import services


@shared_task(name="circulation.holds_expire")
def holds_expire_task() -> int:
    """Close ready holds past their pickup date; items go to the next patron."""
    return services.holds_expire()
