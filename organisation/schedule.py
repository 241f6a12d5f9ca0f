"""Periodic jobs of the organisation, merged into beat by config.celery."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "libraryservice-expire-staff-changes": {
        "task": "organisation.tasks.expire_staff_changes",
        "schedule": crontab(minute=7),
    },
}
