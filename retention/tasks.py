"""The daily retention job. It only calls the service, which records the run."""

from __future__ import annotations

import datetime

from celery import shared_task

from retention.models import ExpungeRun
from retention.services import retention_expunge


@shared_task(name="retention.expunge", acks_late=True)
def retention_expunge_task(as_of: str | None = None, dry_run: bool = False) -> int | None:
    """Apply the retention rules; returns the ExpungeRun id. Safe to run
    twice or after a crash: the service only expunges what is still due."""
    day = datetime.date.fromisoformat(as_of) if as_of else None
    report = retention_expunge(as_of=day, dry_run=dry_run, trigger=ExpungeRun.Trigger.SCHEDULE)
    return report.run_id
