"""Periodic jobs of the legal app, merged into beat by config.celery."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "legal-release-notices": {
        "task": "legal.tasks.release_notices",
        "schedule": crontab(minute=5, hour=6),
    },
    "legal-check-clocks": {
        "task": "legal.tasks.check_clocks",
        "schedule": crontab(minute="*/15"),
    },
}
