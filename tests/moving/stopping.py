"""Start an import command in a process of its own and stop it part-way,
as an operator's Ctrl-C or a SIGKILL would (the crash-safety, move-in and
in-file duplicate tests share it)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

from tests.retention.subprocess_env import PYTHON, ROOT, subprocess_env


def start_import(command: str, *args: str) -> subprocess.Popen:
    """`manage.py COMMAND ARGS...` with the tests' database settings."""
    return subprocess.Popen(
        [PYTHON, "manage.py", command, *args],
        cwd=ROOT,
        env=subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def stop_when(
    proc: subprocess.Popen, sig: int, reached: Callable[[], bool], *, wait: float = 60
) -> None:
    """Send `sig` once `reached()` is true (asserting the import was still
    running then) and wait for the process; it never outlives the call."""
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and not reached():
            time.sleep(0.01)
        assert proc.poll() is None, "the import finished before it could be stopped"
        proc.send_signal(sig)
        proc.wait(timeout=wait)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
