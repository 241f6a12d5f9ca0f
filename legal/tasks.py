"""Celery tasks: each takes ids, fetches, and calls one service."""

from __future__ import annotations

from celery import shared_task

from legal import services


@shared_task
def build_production(production_id: int) -> int:
    return services.production_build(production_id=production_id).pk


@shared_task
def send_patron_notice(notice_id: int) -> bool:
    return services.legal_notice_send(notice_id=notice_id)


@shared_task
def release_notices() -> int:
    """Daily: notices held back by a non-disclosure order that has lapsed."""
    return services.legal_notices_release()


@shared_task
def check_clocks() -> dict[str, int]:
    return services.legal_check_clocks()
