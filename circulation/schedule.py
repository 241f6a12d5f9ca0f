"""Periodic circulation jobs, merged into beat by config.celery."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "circulation-holds-expire": {
        "task": "circulation.holds_expire",
        # Shortly after midnight, before branches open.
        "schedule": crontab(hour=0, minute=15),
    },
}
