"""The image's build step runs as written: collectstatic under the
production settings, with the stand-in variables the Dockerfile gives it."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _collectstatic_step() -> tuple[dict[str, str], list[str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = text.splitlines()
    (run,) = [ln for ln in lines if ln.startswith("RUN") and "collectstatic" in ln]
    words = shlex.split(re.sub(r"^RUN\s+", "", run.strip()))
    env = dict(w.split("=", 1) for w in words if re.match(r"^[A-Z_]+=", w))
    command = [w for w in words if not re.match(r"^[A-Z_]+=", w)]
    return env, command


def test_the_images_collectstatic_step_runs_under_production_settings():
    step_env, command = _collectstatic_step()
    assert command[:2] == ["python", "manage.py"] and "collectstatic" in command
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE", "EMAIL", "SITE", "STORAGE", "MEDIA"))
    }
    env.update(step_env)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    done = subprocess.run(
        [sys.executable, "manage.py", *command[2:], "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_build_context_leaves_out_secrets_and_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", ".git", ".venv", "var", "db.sqlite3"):
        assert entry in ignored
