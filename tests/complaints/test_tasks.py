"""The beat schedule and the tasks as Celery sees them."""

from __future__ import annotations

import pytest

from complaints import tasks
from complaints.schedule import BEAT_SCHEDULE
from config.celery import app

pytestmark = pytest.mark.django_db


def test_clock_check_runs_every_fifteen_minutes_and_names_a_real_task():
    entry = BEAT_SCHEDULE["complaints-check-clocks"]
    assert entry["task"] == tasks.check_clocks.name
    assert entry["task"] in app.tasks
    assert entry["schedule"].minute == set(range(0, 60, 15))


def test_clock_check_task_with_nothing_to_do_changes_nothing():
    assert tasks.check_clocks.run() == {
        "reminders": 0,
        "breaches": 0,
        "reconsideration_reminders": 0,
        "reconsideration_breaches": 0,
    }


def test_tasks_for_missing_rows_do_nothing():
    assert tasks.notify_assignee.run(999999, 1) is False
    assert tasks.send_decision_letter.run(999999) is False
    assert tasks.send_reconsideration_letter.run(999999, "decision") is False
    assert tasks.notify_incident_supervisors.run(999999) == 0
