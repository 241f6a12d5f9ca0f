"""`make run` on another port: links in e-mail point at that port (the
local settings derive SITE_URL from PORT unless SITE_URL is set)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SITE_URL = (
    "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
)


def site_url(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.local", **env)
    done = subprocess.run(
        [sys.executable, "-c", PRINT_SITE_URL],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.skipif((ROOT / ".env").exists(), reason="a .env file may set SITE_URL or PORT")
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"PORT": "8301"}, "http://127.0.0.1:8301"),
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8301", "SITE_URL": "https://desk.example.org/"}, "https://desk.example.org"),
    ],
)
def test_make_run_derives_site_url_from_port_unless_it_is_set(env, expected):
    assert site_url(**env) == expected
