"""Database connections: persistent by default, statements prepared on
their first run (config/settings/base.py), read in a fresh interpreter
so that each case sees its own environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import django; django.setup(); from django.conf import settings;"
    " d = settings.DATABASES['default'];"
    " print(repr(d['CONN_MAX_AGE']), repr(d.get('OPTIONS', {}).get('prepare_threshold', '-')))"
)


def _settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CONN_MAX_AGE", "PREPARED_STATEMENTS")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.test", **env)
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "None"),
        ({"CONN_MAX_AGE": "none"}, "None"),
        ({"CONN_MAX_AGE": "30"}, "30"),
        ({"CONN_MAX_AGE": "0"}, "0"),
    ],
)
def test_connections_persist_unless_a_number_of_seconds_is_given(env, expected):
    shown = _settings(**env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split()[0] == expected


def test_a_connection_age_that_is_no_number_is_refused_with_a_reason():
    shown = _settings(CONN_MAX_AGE="an hour")
    assert shown.returncode != 0
    assert "CONN_MAX_AGE is a number of seconds, or none" in shown.stderr


@pytest.mark.postgres
def test_fixed_statements_are_prepared_on_their_first_run_unless_switched_off():
    assert _settings().stdout.split()[1] == "0"
    assert _settings(PREPARED_STATEMENTS="false").stdout.split()[1] == "None"
