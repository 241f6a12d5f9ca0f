"""The one place a case's Celery task is queued.

A task is named by its dotted path, not imported at the top, so the
services that queue it and the task module that calls those services never
import each other; the task is resolved when it is queued. Queued after the
transaction commits: a rolled-back write sends nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string


def enqueue(task_name: str, *args: Any) -> None:
    """Run the task at dotted path `task_name` with `args` (ids only) once
    the current transaction commits."""
    task = import_string(task_name)
    transaction.on_commit(lambda: task.delay(*args))
