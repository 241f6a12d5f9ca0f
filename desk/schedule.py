"""Celery beat entry merged by config/celery.py: the waiting list
keeps no names after the day ends (hourly, so that every time zone's
midnight is met within the hour)."""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "desk-waiting-forget-hourly": {
        "task": "desk.waiting_forget_ended",
        "schedule": crontab(minute=5),
    },
    # Desk statistics read daily counts of the days that are over.
    "desk-rollup-daily": {
        "task": "desk.rollup",
        "schedule": crontab(hour=2, minute=20),
    },
}
