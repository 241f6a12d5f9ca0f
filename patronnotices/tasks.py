"""The beat's job: queue the day's notices, then send what is due.

Safe to run twice and on two workers at once: queueing is idempotent by
the notice key (a unique constraint), sending takes notices under row
locks that the other worker skips. Retries wait in the queue until their
back-off has passed; every run sends those that are due.
"""

from __future__ import annotations

from celery import shared_task

from patronnotices import services


@shared_task(name="patronnotices.run")
def notices_run_task() -> dict[str, int]:
    queued = services.notices_queue()
    sent = services.notices_send()
    return {"queued": sum(queued.values()), **sent}
