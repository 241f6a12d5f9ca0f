"""The Celery app. Each Django app may declare periodic jobs in a
`schedule.py` module exposing `BEAT_SCHEDULE` (a Celery beat_schedule dict);
they are merged here so that no app edits another's settings."""

import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("libraryservice")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _collect_beat_schedules(sender: Celery, **kwargs: object) -> None:
    from django.apps import apps

    schedule = dict(sender.conf.beat_schedule or {})
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.schedule")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.schedule":
                raise
            continue
        schedule.update(module.BEAT_SCHEDULE)
    sender.conf.beat_schedule = schedule
