"""The daily retention job. It only calls the service, which records the run."""

from __future__ import annotations

import datetime
from typing import Any

from celery import shared_task
from django.conf import settings

from retention.models import ExpungeRun
from retention.services import (
    retention_expunge,
    retention_expunge_share,
    retention_expunge_split,
)


@shared_task(name="retention.expunge", acks_late=True, bind=True)
def retention_expunge_task(
    self: Any, as_of: str | None = None, dry_run: bool = False, full: bool = False
) -> int | None:
    """Apply the retention rules; returns the ExpungeRun id. Safe to run
    twice or after a crash: the service only expunges what is still due.
    `full`: read every pending row, not only the night's (a split run
    always does)."""
    day = datetime.date.fromisoformat(as_of) if as_of else None
    workers = int(getattr(settings, "RETENTION_WORKERS", 1))
    if workers > 1 and not dry_run:
        # One share per worker; the last share to finish closes the run.
        run = retention_expunge_split(
            shares=workers, as_of=day, trigger=ExpungeRun.Trigger.SCHEDULE
        )
        # The shares go to the queue the job came from, where its workers are.
        queue = (self.request.delivery_info or {}).get("routing_key")
        for share in range(workers):
            if queue:
                retention_expunge_share_task.apply_async((run.pk, share), queue=str(queue))
            else:
                retention_expunge_share_task.delay(run.pk, share)
        return run.pk
    report = retention_expunge(
        as_of=day, dry_run=dry_run, trigger=ExpungeRun.Trigger.SCHEDULE, full=full
    )
    return report.run_id


@shared_task(name="retention.expunge_share", acks_late=True)
def retention_expunge_share_task(run_id: int, share: int) -> int:
    """One worker's share of a split run (retention.expunge with
    RETENTION_WORKERS > 1)."""
    return retention_expunge_share(run_id=run_id, share=share).pk
