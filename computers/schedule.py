"""Periodic public-computer jobs, merged into beat by config.celery."""

BEAT_SCHEDULE = {
    "computers-stations-sweep": {
        "task": "computers.stations_sweep",
        # Every minute: a session's end and a grace period are minutes long.
        "schedule": 60.0,
    },
}
