"""Celery beat entry for the daily retention job, merged by
config/celery.py. The time of day (library time zone) comes from
the RETENTION_RUN_AT setting or environment variable, "HH:MM", default 03:30:
a quiet hour, after the desks close. Sundays the job makes a full pass."""

from __future__ import annotations

import os
import re

from celery.schedules import crontab
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_RUN_AT = "03:30"


def run_at() -> tuple[int, int]:
    value = str(
        getattr(settings, "RETENTION_RUN_AT", None)
        or os.environ.get("RETENTION_RUN_AT")
        or DEFAULT_RUN_AT
    ).strip()
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value)
    if not match:
        raise ImproperlyConfigured(
            f"RETENTION_RUN_AT must be a time of day such as 03:30, not {value!r}."
        )
    return int(match.group(1)), int(match.group(2))


_hour, _minute = run_at()

# Monday to Saturday a nightly pass (only what may have become due); on
# Sunday, at the same time, a full pass over every pending row.
BEAT_SCHEDULE = {
    "retention-expunge-daily": {
        "task": "retention.expunge",
        "schedule": crontab(hour=_hour, minute=_minute, day_of_week="1-6"),
    },
    "retention-expunge-weekly-full": {
        "task": "retention.expunge",
        "schedule": crontab(hour=_hour, minute=_minute, day_of_week="0"),
        "kwargs": {"full": True},
    },
}
