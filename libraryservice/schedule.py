"""Periodic jobs of the organisation, merged into beat by libraryservice.celery."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "libraryservice-expire-staff-changes": {
        "task": "libraryservice.tasks.expire_staff_changes",
        "schedule": crontab(minute=7),
    },
}
