"""The one place a case's Celery task is queued.

A task is named, not imported, so the services that queue it and the task
module that calls those services never import each other. Queued after the
transaction commits: a rolled-back write sends nothing.
"""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.db import transaction


def enqueue(task_name: str, *args: Any) -> None:
    """Run the task `task_name` with `args` (ids only) once this commits."""
    transaction.on_commit(lambda: current_app.signature(task_name, args=args).delay())
