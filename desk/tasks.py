"""The hourly job that forgets waiting-list names once the day has ended.
It only calls the service."""

from __future__ import annotations

from celery import shared_task

from desk.services import waiting_forget_ended


@shared_task(name="desk.waiting_forget_ended")
def waiting_forget_ended_task() -> int:
    """Safe to run twice: it only changes rows still holding a name."""
    return waiting_forget_ended()


@shared_task(name="desk.rollup")
def desk_rollup_task() -> int:
    """Count the days that are over for desk statistics."""
    from desk.statistics.rollup import desk_rollup

    return desk_rollup()
