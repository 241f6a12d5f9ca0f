"""Periodic notice jobs, merged into beat by config.celery."""

BEAT_SCHEDULE = {
    "patronnotices-run": {
        "task": "patronnotices.run",
        # Often: a hold trapped at the desk is told within the quarter hour,
        # a provider's retry waits no longer than its back-off, and each
        # branch's day starts at its own midnight. Each run finds only the
        # new notices (by index) and sends only what is due.
        "schedule": 15 * 60.0,
    },
}
