"""Periodic jobs of the complaints app, merged into beat by config.celery."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "complaints-check-clocks": {
        "task": "complaints.tasks.check_clocks",
        "schedule": crontab(minute="*/15"),
    },
}
